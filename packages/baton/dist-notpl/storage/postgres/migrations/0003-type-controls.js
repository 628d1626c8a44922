/* Pause and resume per task type: the projection of the `type:<name>` streams, read by every claim. */
const migration0003 = {
    id: 3,
    name: 'type-controls',
    sql: (n) => `
CREATE TABLE ${n.table('task_types')} (
  type    text    PRIMARY KEY,
  paused  boolean NOT NULL,
  version integer NOT NULL,
  doc     jsonb   NOT NULL
);
`,
};
export { migration0003 };
//# sourceMappingURL=0003-type-controls.js.map