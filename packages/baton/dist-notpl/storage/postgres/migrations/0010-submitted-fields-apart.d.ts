import type { PgNames } from '../pg-schema.js';
declare const migration0010: {
    id: number;
    name: string;
    sql: (n: PgNames) => string;
};
export { migration0010 };
//# sourceMappingURL=0010-submitted-fields-apart.d.ts.map