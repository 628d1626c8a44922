import { BatonError, agentsFor } from '@baton/core';
function describeTarget(type, target) {
    const parts = [`runs "${type}"`];
    if (target?.service)
        parts.push(`has service "${target.service}"`);
    if (target?.tags.length)
        parts.push(`has tags ${target.tags.map((t) => `"${t}"`).join(', ')}`);
    if (target?.agentId)
        parts.push(`is agent "${target.agentId}"`);
    return parts.join(' and ');
}
/** A list older than this many times the ttl is not answered from while it is read again. */
const STALE_LIMIT = 10;
/** The answer for a spec some live agent can run: shared, so never changed. */
const NO_WARNINGS = Object.freeze([]);
/**
 * Which live agents could run a task: for the warning (or refusal) at
 * submission, and for saying why a waiting task waits. The live list is read
 * at most once per `ttlMs`, concurrent reads are one read, and a submission
 * the list it holds covers does not wait for the next read: that goes on in
 * the background. A warning is only given on a list read after the list it
 * holds expired, and a refusal only on a read that starts after it was asked
 * for.
 */
function createAgentCoverage(params) {
    const ttlMs = params.ttlMs ?? 1_000;
    let cache = null;
    let reading = null;
    /** A read that started before the one held does not replace it: it may predate a registration the other saw. */
    function keep(at, agents) {
        if (!cache || at >= cache.at)
            cache = { at, agents };
    }
    function read() {
        const at = params.clock.now();
        reading ??= params.store
            .listAgents({ states: ['live'] })
            .then((agents) => {
            keep(at, agents);
            return agents;
        })
            .finally(() => {
            reading = null;
        });
        return reading;
    }
    /** The live agents; `stale` when the list's ttl has run out and a fresh one is being read meanwhile. */
    async function live(fresh) {
        if (fresh) {
            const at = params.clock.now();
            const agents = await params.store.listAgents({ states: ['live'] });
            keep(at, agents);
            return { agents, stale: false };
        }
        const age = cache ? params.clock.now() - cache.at : Infinity;
        if (cache && age < ttlMs)
            return { agents: cache.agents, stale: false };
        if (cache && age < ttlMs * STALE_LIMIT) {
            // A failed background read leaves the old list; the next call tries again.
            read().catch(() => undefined);
            return { agents: cache.agents, stale: true };
        }
        return { agents: await read(), stale: false };
    }
    const able = (agents, spec) => agentsFor({ agents, type: spec.type, target: spec.target });
    return {
        /**
         * The warnings for each submitted spec no live agent can run (empty lists
         * when every one has an agent), or NO_AGENT_CAN_RUN for a spec that asked
         * to be refused in that case. A warning may lag a registration by `ttlMs`;
         * a refusal always reads the registry afresh.
         */
        async screen(params) {
            const { specs, pathOf } = params;
            const held = await live(specs.some((s) => s.refuse));
            const warn = (agents) => {
                // A batch's specs mostly repeat the one before: its answer is reused, and a covered spec shares one empty list.
                let last = null;
                return specs.map((s, i) => {
                    if (last === null || last.type !== s.type || last.target !== s.target)
                        last = { type: s.type, target: s.target, covered: able(agents, s).length > 0 };
                    const path = last.covered ? '' : pathOf(i);
                    return last.covered ? NO_WARNINGS : [`${path ? `${path}: ` : ''}no live agent ${describeTarget(s.type, s.target)}; it waits until one registers`];
                });
            };
            let warnings = warn(held.agents);
            // An expired list may not know an agent that registered since: a warning waits for the fresh one.
            if (held.stale && warnings.some((w) => w.length > 0))
                warnings = warn(await read());
            const refused = specs.findIndex((s, i) => s.refuse && (warnings[i]?.length ?? 0) > 0);
            const spec = specs[refused];
            if (spec) {
                const path = pathOf(refused);
                throw new BatonError({
                    code: 'NO_AGENT_CAN_RUN',
                    message: `${path ? `${path}: ` : ''}no live agent ${describeTarget(spec.type, spec.target)}; nothing was submitted`,
                    issues: [{ path: path ? `${path}.type` : 'type', rule: 'no_live_agent', message: `no live agent ${describeTarget(spec.type, spec.target)}` }],
                });
            }
            return warnings;
        },
        /** Reads the live agents now (an agent registered here), so submissions need not; a failed read is left for the next. */
        refresh() {
            // Not shared with a read already in flight: that one may have started before the registration committed.
            return live(true).then(() => undefined, () => undefined);
        },
        /** The live agents (read afresh) that run this task's type and match its target, and how many of them have a free slot. */
        async matching(task) {
            const agents = able((await live(true)).agents, { type: task.type, target: task.target });
            return { matching: agents.length, withFreeSlots: agents.filter((a) => a.taskIds.length < a.concurrency).length };
        },
    };
}
export { createAgentCoverage, describeTarget };
//# sourceMappingURL=agent-coverage.js.map