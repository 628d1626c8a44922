import type { PgNames } from '../pg-schema.js';
declare const migration0001: {
    id: number;
    name: string;
    sql: (n: PgNames) => string;
};
export { migration0001 };
//# sourceMappingURL=0001-initial.d.ts.map