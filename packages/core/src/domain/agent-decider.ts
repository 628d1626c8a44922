import type { AgentEvent } from './agent-events.js';
import type { AgentLabels, AgentView } from './agent-state.js';

/*
 * The agent aggregate. Heartbeats are not events (they would bury the history):
 * the store keeps an agent's liveness as operational state, like a lock, and
 * the log records the facts that matter: it registered, it was lost, it stopped.
 */
interface RegisterAgent {
  kind: 'RegisterAgent';
  agentId: string;
  host: string;
  labels: AgentLabels;
  types: string[];
  concurrency: number;
}
interface MarkAgentLost {
  kind: 'MarkAgentLost';
  agentId: string;
  lastSeenAt: number;
}
interface StopAgent {
  kind: 'StopAgent';
  agentId: string;
  reason: string;
}
type AgentCommand = RegisterAgent | MarkAgentLost | StopAgent;

type AgentRefusal = { code: 'AGENT_NOT_FOUND' | 'AGENT_NOT_LIVE'; message: string; agentId: string };
type AgentDecision = { ok: true; value: AgentEvent[] } | { ok: false; error: AgentRefusal };

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

function decideAgent(state: AgentView | null, command: AgentCommand): AgentDecision {
  if (command.kind === 'RegisterAgent') {
    const { kind: _kind, agentId: _agentId, ...data } = command;
    // A live agent registering again with nothing changed (a reconnect) records nothing.
    if (
      state?.state === 'live' &&
      state.host === data.host &&
      state.concurrency === data.concurrency &&
      state.labels.service === data.labels.service &&
      same(state.labels.tags, data.labels.tags) &&
      same(state.types, data.types)
    ) {
      return { ok: true, value: [] };
    }
    return { ok: true, value: [{ type: 'AgentRegistered', data }] };
  }
  if (!state) return { ok: false, error: { code: 'AGENT_NOT_FOUND', agentId: command.agentId, message: `agent ${command.agentId} never registered` } };
  if (command.kind === 'MarkAgentLost') {
    if (state.state !== 'live') return { ok: false, error: { code: 'AGENT_NOT_LIVE', agentId: state.id, message: `agent ${state.id} is ${state.state}` } };
    return { ok: true, value: [{ type: 'AgentLost', data: { lastSeenAt: command.lastSeenAt } }] };
  }
  if (state.state === 'stopped') return { ok: true, value: [] };
  return { ok: true, value: [{ type: 'AgentStopped', data: { reason: command.reason } }] };
}

/** Folds one stored agent event; `streamId` is `agent:<id>`. */
function evolveAgent(state: AgentView | null, event: AgentEvent & { streamId: string; version: number; time: number }): AgentView {
  if (event.type === 'AgentRegistered') {
    return {
      id: event.streamId.slice('agent:'.length),
      ...event.data,
      state: 'live',
      registeredAt: event.time,
      updatedAt: event.time,
      endReason: null,
      version: event.version,
    };
  }
  if (!state) throw new Error(`corrupt log: ${event.type} for agent stream ${event.streamId} that never registered`);
  if (event.type === 'AgentLost') {
    return { ...state, state: 'lost', updatedAt: event.time, endReason: `no heartbeat since ${new Date(event.data.lastSeenAt).toISOString()}`, version: event.version };
  }
  return { ...state, state: 'stopped', updatedAt: event.time, endReason: event.data.reason, version: event.version };
}

function foldAgent(events: readonly (AgentEvent & { streamId: string; version: number; time: number })[]): AgentView | null {
  let state: AgentView | null = null;
  for (const event of events) state = evolveAgent(state, event);
  return state;
}

export { decideAgent, evolveAgent, foldAgent };
export type { AgentCommand, RegisterAgent, MarkAgentLost, StopAgent, AgentDecision, AgentRefusal };
