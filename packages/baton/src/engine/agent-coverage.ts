import { BatonError, agentsFor, type AgentInfo, type Clock, type TaskStore, type TaskTarget, type TaskView } from '@baton/core';

/** Why a task that has not ended is not running, in words a person can act on. */
interface Waiting {
  reason: 'blocked' | 'scheduled' | 'paused' | 'no-agent' | 'serial-key' | 'agents-busy' | 'ready';
  message: string;
}

function describeTarget(type: string, target: TaskTarget | null): string {
  const parts = [`runs "${type}"`];
  if (target?.service) parts.push(`has service "${target.service}"`);
  if (target?.tags.length) parts.push(`has tags ${target.tags.map((t) => `"${t}"`).join(', ')}`);
  if (target?.agentId) parts.push(`is agent "${target.agentId}"`);
  return parts.join(' and ');
}

/**
 * Which live agents could run a task: for the warning (or refusal) at
 * submission, and for saying why a waiting task waits. The live list is read
 * at most once per `ttlMs`; a refusal is only ever made on a fresh read.
 */
function createAgentCoverage(params: { store: TaskStore; clock: Clock; ttlMs?: number }) {
  const ttlMs = params.ttlMs ?? 1_000;
  let cache: { at: number; agents: AgentInfo[] } | null = null;

  async function live(fresh: boolean): Promise<AgentInfo[]> {
    const now = params.clock.now();
    if (!fresh && cache && now - cache.at < ttlMs) return cache.agents;
    const agents = await params.store.listAgents({ states: ['live'] });
    cache = { at: now, agents };
    return agents;
  }

  const able = (agents: readonly AgentInfo[], spec: { type: string; target: TaskTarget | null }) => agentsFor({ agents, type: spec.type, target: spec.target });

  return {
    /**
     * The warnings for each submitted spec no live agent can run (empty lists
     * when every one has an agent), or NO_AGENT_CAN_RUN for a spec that asked
     * to be refused in that case. A warning may lag a registration by `ttlMs`;
     * a refusal always reads the registry afresh.
     */
    async screen(specs: readonly { type: string; target: TaskTarget | null; path: string; refuse: boolean }[]): Promise<string[][]> {
      const agents = await live(specs.some((s) => s.refuse));
      const warnings = specs.map((s) => (able(agents, s).length > 0 ? [] : [`${s.path ? `${s.path}: ` : ''}no live agent ${describeTarget(s.type, s.target)}; it waits until one registers`]));
      const refused = specs.findIndex((s, i) => s.refuse && (warnings[i]?.length ?? 0) > 0);
      const spec = specs[refused];
      if (spec) {
        throw new BatonError({
          code: 'NO_AGENT_CAN_RUN',
          message: `${spec.path ? `${spec.path}: ` : ''}no live agent ${describeTarget(spec.type, spec.target)}; nothing was submitted`,
          issues: [{ path: spec.path ? `${spec.path}.type` : 'type', rule: 'no_live_agent', message: `no live agent ${describeTarget(spec.type, spec.target)}` }],
        });
      }
      return warnings;
    },

    /** Why this task is not running now, or null when it runs or has ended. */
    async explain(task: TaskView, context: { paused: boolean; blockedBy: string[]; serialAhead: TaskView | null }): Promise<Waiting | null> {
      if (task.state === 'blocked') return { reason: 'blocked', message: `waits for ${context.blockedBy.map((k) => `"${k}"`).join(', ') || 'its dependencies'} to succeed` };
      if (task.state === 'scheduled') return { reason: 'scheduled', message: `due at ${new Date(task.runAt).toISOString()}` };
      if (task.state !== 'queued') return null;
      if (context.paused) return { reason: 'paused', message: `type "${task.type}" is paused; resume it to let agents claim it` };
      const agents = able(await live(true), { type: task.type, target: task.target });
      if (agents.length === 0) return { reason: 'no-agent', message: `no live agent ${describeTarget(task.type, task.target)}` };
      if (task.broadcast) return { reason: 'ready', message: `fans out to ${agents.length} matching agent(s) on the next sweep` };
      const ahead = context.serialAhead;
      if (ahead) return { reason: 'serial-key', message: `task ${ahead.id} of serial key "${task.serialKey ?? ''}" is ${ahead.state === 'running' ? 'running' : 'ahead of it'}; one runs at a time, in order` };
      const free = agents.filter((a) => a.taskIds.length < a.concurrency);
      if (free.length === 0) return { reason: 'agents-busy', message: `all ${agents.length} matching agent(s) are running as many tasks as they may` };
      return { reason: 'ready', message: `ready; ${free.length} matching agent(s) have free slots and claim it on their next poll` };
    },
  };
}

type AgentCoverage = ReturnType<typeof createAgentCoverage>;

export { createAgentCoverage, describeTarget };
export type { AgentCoverage, Waiting };
