import type { LeaseRenewal } from '@baton/core';

/** What the heartbeat needs to know of one running handler. */
interface HeldLease {
  taskId: string;
  token: number;
  /** performance.now() when the lease was last known good (claim or renewal). */
  renewedAt: number;
}

/**
 * Keeps the agent and its leases alive: every third of the lease it renews all
 * of them in one call. The answer says which claims were lost (a stale token: the
 * task was rescued and given to someone else) and which must be cancelled.
 * When renewals keep failing, each lease is given up by the agent's own
 * monotonic clock a safety margin before it would run out in the store, so a
 * cut-off agent stops working before anyone else can start.
 */
function startHeartbeat(params: {
  leaseMs: number;
  held: () => HeldLease[];
  renew: (leases: { taskId: string; token: number }[]) => Promise<LeaseRenewal[]>;
  onRenewed: (taskId: string, at: number) => void;
  onLost: (taskId: string, why: string) => void;
  onCancelRequested: (taskId: string) => void;
  onError: (error: unknown) => void;
}): { stop: () => void } {
  const intervalMs = Math.max(50, Math.floor(params.leaseMs / 3));
  // Give up with a fifth of the lease to spare: the store's sweep cannot have taken the task back before then.
  const giveUpAfterMs = params.leaseMs - Math.max(25, Math.floor(params.leaseMs / 5));
  // The give-up check runs on its own fine beat, never behind a renewal that hangs on a dead network.
  const tickMs = Math.max(25, Math.floor(params.leaseMs / 20));
  let inFlight = false;
  let lastSentAt = performance.now();

  async function renew(): Promise<void> {
    // Sent even with no task held: it is also how the scheduler knows the agent is alive.
    const leases = params.held();
    const sentAt = performance.now();
    try {
      const renewals = await params.renew(leases.map(({ taskId, token }) => ({ taskId, token })));
      for (const r of renewals) {
        if (!r.held) params.onLost(r.taskId, "the lease is no longer this agent's: the task was taken back");
        else {
          params.onRenewed(r.taskId, sentAt);
          if (r.cancelRequested) params.onCancelRequested(r.taskId);
        }
      }
    } catch (error) {
      params.onError(error);
    }
  }

  function tick(): void {
    const now = performance.now();
    for (const lease of params.held()) {
      if (now - lease.renewedAt >= giveUpAfterMs) params.onLost(lease.taskId, 'the lease could not be renewed in time');
    }
    if (!inFlight && now - lastSentAt >= intervalMs) {
      inFlight = true;
      lastSentAt = now;
      void renew().finally(() => {
        inFlight = false;
      });
    }
  }

  const timer = setInterval(tick, tickMs);
  return {
    stop() {
      clearInterval(timer);
    },
  };
}

export { startHeartbeat };
export type { HeldLease };
