/* API tokens: the projection of the `token:<id>` streams. Only hashes of secrets are stored. */
const migration0005 = {
    id: 5,
    name: 'api-tokens',
    sql: `
CREATE TABLE api_tokens (
  id      TEXT    PRIMARY KEY,
  revoked INTEGER NOT NULL,
  version INTEGER NOT NULL,
  doc     TEXT    NOT NULL
);
`,
};
export { migration0005 };
//# sourceMappingURL=0005-api-tokens.js.map