declare const migration0002: {
    id: number;
    name: string;
    sql: string;
};
export { migration0002 };
//# sourceMappingURL=0002-lease-expiry.d.ts.map