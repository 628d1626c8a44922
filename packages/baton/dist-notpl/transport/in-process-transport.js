/**
 * The agent transport for agents that live in the engine's process: direct
 * calls, and claims that wait on the engine's wake-ups instead of polling.
 */
function createInProcessTransport(params) {
    const { engine } = params;
    return {
        async register({ agentId, host, labels, definitions, concurrency }) {
            for (const definition of definitions)
                engine.definitions.register(definition);
            await engine.work.register({ agent: { agentId, host, labels, types: definitions.map((d) => d.type), concurrency } });
            return { leaseMs: engine.work.leaseMs };
        },
        heartbeat: (params) => engine.work.heartbeat(params),
        async claim({ agentId, types, limit, waitMs, signal }) {
            return engine.work.claimOrWait({ agentId, types, limit, waitMs, signal });
        },
        async succeed({ agentId: _agentId, ...report }) {
            await engine.work.succeed(report);
        },
        async fail({ agentId: _agentId, ...report }) {
            await engine.work.fail(report);
        },
        async release({ agentId: _agentId, ...report }) {
            await engine.work.release(report);
        },
        async progress({ agentId: _agentId, ...report }) {
            await engine.work.progress(report);
        },
        async confirmCancel({ agentId: _agentId, ...report }) {
            await engine.work.confirmCancel(report);
        },
        onCancelRequested({ agentId, listener }) {
            return engine.work.onCancelRequested((task) => {
                if (task.agentId === agentId)
                    listener(task.id);
            });
        },
        async unregister({ agentId }) {
            await engine.work.unregister({ agentId, reason: 'stopped' });
        },
    };
}
export { createInProcessTransport };
//# sourceMappingURL=in-process-transport.js.map