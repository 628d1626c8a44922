import { toClaimedTask } from '@baton/core';
import type { AgentTransport } from '@baton/client';
import type { Engine } from '../engine/engine.js';
import type { WorkSubscription } from '../engine/work-signal.js';

/**
 * The agent transport for agents that live in the engine's process: direct
 * calls, and wake-ups from the engine's work signal instead of polling.
 */
function createInProcessTransport(params: { engine: Engine }): AgentTransport {
  const { engine } = params;
  const subscriptions = new Map<string, WorkSubscription>();

  const subscriptionOf = (agentId: string): WorkSubscription => {
    let sub = subscriptions.get(agentId);
    if (!sub) subscriptions.set(agentId, (sub = engine.work.subscribe()));
    return sub;
  };

  return {
    async register({ agentId, host, labels, definitions, concurrency }) {
      for (const definition of definitions) engine.definitions.register(definition);
      subscriptionOf(agentId);
      await engine.work.register({ agent: { agentId, host, labels, types: definitions.map((d) => d.type), concurrency } });
      return { leaseMs: engine.work.leaseMs };
    },
    heartbeat: (params) => engine.work.heartbeat(params),
    async claim({ agentId, types, limit }) {
      // Clear the pending flag before reading, so work queued after this claim wakes the next wait.
      subscriptionOf(agentId).take();
      return (await engine.work.claim({ agentId, types, limit })).map(toClaimedTask);
    },
    waitForWork({ agentId, timeoutMs, signal }) {
      return subscriptionOf(agentId).wait({ timeoutMs, signal });
    },
    async succeed(report) {
      await engine.work.succeed(report);
    },
    async fail(report) {
      await engine.work.fail(report);
    },
    async release(report) {
      await engine.work.release(report);
    },
    async progress(report) {
      await engine.work.progress(report);
    },
    async confirmCancel(report) {
      await engine.work.confirmCancel(report);
    },
    onCancelRequested({ agentId, listener }) {
      return engine.work.onCancelRequested((task) => {
        if (task.agentId === agentId) listener(task.id);
      });
    },
    async unregister({ agentId }) {
      subscriptions.get(agentId)?.close();
      subscriptions.delete(agentId);
      await engine.work.unregister({ agentId, reason: 'stopped' });
    },
  };
}

export { createInProcessTransport };
