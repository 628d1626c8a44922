import type { PgNames } from '../pg-schema.js';
declare const migration0008: {
    id: number;
    name: string;
    sql: (n: PgNames) => string;
};
export { migration0008 };
//# sourceMappingURL=0008-narrow-task-row.d.ts.map