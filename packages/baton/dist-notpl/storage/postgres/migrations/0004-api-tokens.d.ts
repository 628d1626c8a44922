import type { PgNames } from '../pg-schema.js';
declare const migration0004: {
    id: number;
    name: string;
    sql: (n: PgNames) => string;
};
export { migration0004 };
//# sourceMappingURL=0004-api-tokens.d.ts.map