declare const migration0003: {
    id: number;
    name: string;
    sql: string;
};
export { migration0003 };
//# sourceMappingURL=0003-agents.d.ts.map