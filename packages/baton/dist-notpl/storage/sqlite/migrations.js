import { migration0001 } from './migrations/0001-initial.js';
import { migration0002 } from './migrations/0002-lease-expiry.js';
import { migration0003 } from './migrations/0003-agents.js';
import { migration0004 } from './migrations/0004-type-controls.js';
import { migration0005 } from './migrations/0005-api-tokens.js';
import { migration0006 } from './migrations/0006-jobs-and-routing.js';
import { migration0007 } from './migrations/0007-event-type-versions.js';
import { migration0008 } from './migrations/0008-task-trace.js';
/** In order; forward only. Append new ones, never edit a released one. */
const MIGRATIONS = [migration0001, migration0002, migration0003, migration0004, migration0005, migration0006, migration0007, migration0008];
function migrate(params) {
    const { db } = params;
    db.exec(`CREATE TABLE IF NOT EXISTS baton_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
    const applied = [];
    // IMMEDIATE takes the write lock first, so two processes opening one file
    // cannot both decide to apply the same migration.
    db.transaction(() => {
        const done = new Set(db.prepare('SELECT id FROM baton_migrations').all().map((r) => r.id));
        const known = new Set(MIGRATIONS.map((m) => m.id));
        const unknown = [...done].filter((id) => !known.has(id));
        if (unknown.length > 0) {
            throw new Error(`this database was migrated by a newer Baton (migrations ${unknown.join(', ')} are unknown here); upgrade Baton to open it`);
        }
        const record = db.prepare('INSERT INTO baton_migrations (id, name, applied_at) VALUES (?, ?, ?)');
        for (const migration of MIGRATIONS) {
            if (done.has(migration.id))
                continue;
            db.exec(migration.sql);
            record.run(migration.id, migration.name, params.now);
            applied.push(migration.id);
        }
    }).immediate();
    return { applied };
}
export { migrate, MIGRATIONS };
//# sourceMappingURL=migrations.js.map