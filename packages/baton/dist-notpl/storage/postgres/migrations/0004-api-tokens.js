/* API tokens: the projection of the `token:<id>` streams. Only hashes of secrets are stored. */
const migration0004 = {
    id: 4,
    name: 'api-tokens',
    sql: (n) => `
CREATE TABLE ${n.table('api_tokens')} (
  id      text    PRIMARY KEY,
  revoked boolean NOT NULL,
  version integer NOT NULL,
  doc     jsonb   NOT NULL
);
`,
};
export { migration0004 };
//# sourceMappingURL=0004-api-tokens.js.map