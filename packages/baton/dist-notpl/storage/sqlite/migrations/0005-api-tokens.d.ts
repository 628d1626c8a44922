declare const migration0005: {
    id: number;
    name: string;
    sql: string;
};
export { migration0005 };
//# sourceMappingURL=0005-api-tokens.d.ts.map