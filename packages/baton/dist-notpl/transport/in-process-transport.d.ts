import type { AgentTransport } from '@baton/client';
import type { Engine } from '../engine/engine.js';
/**
 * The agent transport for agents that live in the engine's process: direct
 * calls, and claims that wait on the engine's wake-ups instead of polling.
 */
declare function createInProcessTransport(params: {
    engine: Engine;
}): AgentTransport;
export { createInProcessTransport };
//# sourceMappingURL=in-process-transport.d.ts.map