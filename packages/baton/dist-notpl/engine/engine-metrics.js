import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
/** A task claimed this long ago without a report here is forgotten: another node may have had its report. */
const MAX_TRACKED_CLAIMS = 100_000;
const isEnded = (task) => task.state === 'succeeded' || task.state === 'failed' || task.state === 'cancelled';
/**
 * Prometheus metrics of one engine, on a registry of its own (several engines
 * may share a process, as the tests do). Counters and histograms move as work
 * passes through this node; the gauges of the whole cluster (tasks by state,
 * live agents, the log's head) are read from the store when scraped.
 */
/**
 * The process's own metrics (CPU, memory, event-loop delay, GC), collected
 * once per process however many engines it holds: each collection starts an
 * event-loop monitor that is never stopped.
 */
let processRegistry = null;
function processMetrics() {
    if (!processRegistry) {
        processRegistry = new Registry();
        collectDefaultMetrics({ register: processRegistry, prefix: 'baton_' });
    }
    return processRegistry;
}
function createEngineMetrics(params) {
    const { store, clock } = params;
    const own = new Registry();
    // One scrape reads the store's counts once, however many gauges ask: the gauges collect side by side.
    let stats = null;
    const readStats = () => {
        stats ??= store.stats().finally(() => {
            stats = null;
        });
        return stats;
    };
    const registers = [own];
    new Gauge({
        name: 'baton_tasks',
        help: 'Tasks by state and type, in the whole store',
        labelNames: ['state', 'type'],
        registers,
        async collect() {
            const { tasks } = await readStats();
            this.reset();
            for (const row of tasks)
                this.set({ state: row.state, type: row.type }, row.count);
        },
    });
    new Gauge({
        name: 'baton_event_log_head',
        help: 'The sequence number of the last event in the log',
        registers,
        async collect() {
            this.set((await readStats()).eventHead);
        },
    });
    new Gauge({
        name: 'baton_agents_live',
        help: 'Agents whose lease is live, in the whole cluster',
        registers,
        async collect() {
            this.set((await store.listAgents({ states: ['live'] })).length);
        },
    });
    new Gauge({
        name: 'baton_event_subscribers',
        help: 'Event streams (SSE) open on this node',
        registers,
        collect() {
            this.set([...params.readers()].length);
        },
    });
    new Gauge({
        name: 'baton_event_subscriber_lag_seconds',
        help: 'How long the furthest-behind event stream on this node has been behind the log (0 when all are caught up)',
        registers,
        collect() {
            const now = clock.now();
            let lag = 0;
            for (const reader of params.readers())
                if (reader.behindSince !== null)
                    lag = Math.max(lag, (now - reader.behindSince) / 1_000);
            this.set(lag);
        },
    });
    const claimWait = new Histogram({
        name: 'baton_claim_wait_seconds',
        help: 'From when a task was due to when an agent claimed it, for claims made on this node',
        labelNames: ['type'],
        buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30, 60, 300],
        registers,
    });
    const runDuration = new Histogram({
        name: 'baton_run_duration_seconds',
        help: 'From claim to report, for attempts claimed and reported through this node',
        labelNames: ['type', 'outcome'],
        buckets: [0.001, 0.01, 0.1, 0.5, 1, 5, 30, 60, 300, 1_800],
        registers,
    });
    const claimed = new Counter({ name: 'baton_tasks_claimed_total', help: 'Claims made on this node', labelNames: ['type'], registers });
    const ended = new Counter({ name: 'baton_tasks_ended_total', help: 'Tasks that ended on a report made to this node', labelNames: ['type', 'state'], registers });
    const retries = new Counter({ name: 'baton_retries_total', help: 'Failed attempts reported to this node that will be tried again', labelNames: ['type'], registers });
    const rescues = new Counter({ name: 'baton_lease_rescues_total', help: 'Leases that ran out and were rescued by this node', registers });
    const claimedAt = new Map();
    const observer = {
        claimed(tasks) {
            for (const task of tasks) {
                claimed.inc({ type: task.type });
                // Both times are the store's: the claim's and the due time.
                claimWait.observe({ type: task.type }, Math.max(0, task.updatedAt - task.runAt) / 1_000);
                if (claimedAt.size >= MAX_TRACKED_CLAIMS)
                    claimedAt.delete(claimedAt.keys().next().value);
                claimedAt.set(task.id, task.updatedAt);
            }
        },
        reported(task) {
            if (task.state === 'running')
                return;
            const at = claimedAt.get(task.id);
            claimedAt.delete(task.id);
            const outcome = isEnded(task) ? task.state : 'retry';
            if (at !== undefined)
                runDuration.observe({ type: task.type, outcome }, Math.max(0, task.updatedAt - at) / 1_000);
            if (isEnded(task))
                ended.inc({ type: task.type, state: task.state });
            else
                retries.inc({ type: task.type });
        },
        rescued(tasks) {
            rescues.inc(tasks.length);
            for (const task of tasks)
                claimedAt.delete(task.id);
        },
    };
    return { registry: Registry.merge([processMetrics(), own]), observer };
}
export { createEngineMetrics };
//# sourceMappingURL=engine-metrics.js.map