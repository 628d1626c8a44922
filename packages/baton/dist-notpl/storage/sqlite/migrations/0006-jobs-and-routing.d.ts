declare const migration0006: {
    id: number;
    name: string;
    sql: string;
};
export { migration0006 };
//# sourceMappingURL=0006-jobs-and-routing.d.ts.map