import type { PgNames } from '../pg-schema.js';
declare const migration0009: {
    id: number;
    name: string;
    sql: (n: PgNames) => string;
};
export { migration0009 };
//# sourceMappingURL=0009-list-indexes-without-queued.d.ts.map