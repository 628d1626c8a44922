import { Cron } from 'croner';
/** At most this many ticks are looked at in one pass (a per-second schedule after a long outage). */
const MAX_TICKS = 1_000;
/** Why a cron expression or time zone cannot be used, or null when both can. */
function checkCron(params) {
    try {
        new Intl.DateTimeFormat('en-US', { timeZone: params.timezone });
    }
    catch {
        return `"${params.timezone}" is not an IANA time zone (such as UTC or Europe/Berlin)`;
    }
    try {
        const cron = new Cron(params.cron, { timezone: params.timezone, paused: true });
        if (cron.nextRun(new Date()) === null)
            return `"${params.cron}" never fires`;
    }
    catch (error) {
        return `"${params.cron}" is not a cron expression: ${error.message}`;
    }
    return null;
}
/**
 * The ticks after `after` and at or before `until` (epoch ms), in order, in
 * wall-clock time of the zone: a local time that happens twice when clocks go
 * back fires once, and one skipped when clocks go forward fires at the first
 * moment after. Never more than MAX_TICKS.
 */
function ticksBetween(params) {
    const cron = new Cron(params.cron, { timezone: params.timezone, paused: true });
    const ticks = [];
    let cursor = new Date(params.after);
    while (ticks.length < MAX_TICKS) {
        const next = cron.nextRun(cursor);
        if (!next || next.getTime() > params.until)
            break;
        if (next.getTime() <= cursor.getTime())
            break;
        ticks.push(next.getTime());
        cursor = next;
    }
    return ticks;
}
/** The first tick after `after`, or null when there is none. */
function nextTick(params) {
    return new Cron(params.cron, { timezone: params.timezone, paused: true }).nextRun(new Date(params.after))?.getTime() ?? null;
}
export { checkCron, ticksBetween, nextTick, MAX_TICKS };
//# sourceMappingURL=cron-ticks.js.map