declare const migration0004: {
    id: number;
    name: string;
    sql: string;
};
export { migration0004 };
//# sourceMappingURL=0004-type-controls.d.ts.map