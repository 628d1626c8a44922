declare const migration0001: {
    id: number;
    name: string;
    sql: string;
};
export { migration0001 };
//# sourceMappingURL=0001-initial.d.ts.map