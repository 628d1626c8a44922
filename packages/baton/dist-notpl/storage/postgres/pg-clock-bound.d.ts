interface DbClockBound {
    /** A statement sent at steady time `sentAt` read the database's now as `dbNow` (epoch ms). */
    observe(params: {
        sentAt: number;
        dbNow: number;
    }): void;
    /** The database's clock at steady time `at`, bounded from above; null when nothing was observed in the ten seconds before `now`. */
    upperAt(params: {
        at: number;
        now: number;
    }): number | null;
}
declare function createDbClockBound(): DbClockBound;
export { createDbClockBound };
export type { DbClockBound };
//# sourceMappingURL=pg-clock-bound.d.ts.map