/** At most this many ticks are looked at in one pass (a per-second schedule after a long outage). */
declare const MAX_TICKS = 1000;
/** Why a cron expression or time zone cannot be used, or null when both can. */
declare function checkCron(params: {
    cron: string;
    timezone: string;
}): string | null;
/**
 * The ticks after `after` and at or before `until` (epoch ms), in order, in
 * wall-clock time of the zone: a local time that happens twice when clocks go
 * back fires once, and one skipped when clocks go forward fires at the first
 * moment after. Never more than MAX_TICKS.
 */
declare function ticksBetween(params: {
    cron: string;
    timezone: string;
    after: number;
    until: number;
}): number[];
/** The first tick after `after`, or null when there is none. */
declare function nextTick(params: {
    cron: string;
    timezone: string;
    after: number;
}): number | null;
export { checkCron, ticksBetween, nextTick, MAX_TICKS };
//# sourceMappingURL=cron-ticks.d.ts.map