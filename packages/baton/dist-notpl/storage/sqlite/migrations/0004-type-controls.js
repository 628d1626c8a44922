/* Pause and resume per task type: the projection of the `type:<name>` streams, read by every claim. */
const migration0004 = {
    id: 4,
    name: 'type-controls',
    sql: `
CREATE TABLE task_types (
  type    TEXT    PRIMARY KEY,
  paused  INTEGER NOT NULL,
  version INTEGER NOT NULL,
  doc     TEXT    NOT NULL
);
`,
};
export { migration0004 };
//# sourceMappingURL=0004-type-controls.js.map