/*
 * The rescue sweep looks for running tasks whose lease has run out; the lease
 * expiry lives in `doc`, so it gets a column and a partial index of its own.
 */
const migration0002 = {
    id: 2,
    name: 'lease-expiry',
    sql: `
ALTER TABLE tasks ADD COLUMN lease_expires_at INTEGER;
UPDATE tasks SET lease_expires_at = json_extract(doc, '$.leaseExpiresAt');
CREATE INDEX tasks_lease ON tasks (lease_expires_at) WHERE state = 'running';
`,
};
export { migration0002 };
//# sourceMappingURL=0002-lease-expiry.js.map