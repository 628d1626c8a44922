import type { PgNames } from '../pg-schema.js';
declare const migration0002: {
    id: number;
    name: string;
    sql: (n: PgNames) => string;
};
export { migration0002 };
//# sourceMappingURL=0002-agents.d.ts.map