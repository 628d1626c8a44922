import type { PgNames } from '../pg-schema.js';
declare const migration0003: {
    id: number;
    name: string;
    sql: (n: PgNames) => string;
};
export { migration0003 };
//# sourceMappingURL=0003-type-controls.d.ts.map