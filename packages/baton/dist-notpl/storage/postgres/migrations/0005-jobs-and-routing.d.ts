import type { PgNames } from '../pg-schema.js';
declare const migration0005: {
    id: number;
    name: string;
    sql: (n: PgNames) => string;
};
export { migration0005 };
//# sourceMappingURL=0005-jobs-and-routing.d.ts.map