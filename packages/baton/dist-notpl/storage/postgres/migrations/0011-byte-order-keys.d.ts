import type { PgNames } from '../pg-schema.js';
declare const migration0011: {
    id: number;
    name: string;
    sql: (n: PgNames) => string;
};
export { migration0011 };
//# sourceMappingURL=0011-byte-order-keys.d.ts.map