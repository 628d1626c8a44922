/**
 * What one node tells the others after a commit. Only a hint: the state it
 * points at is durable in the store, and every listener also polls at a bounded
 * interval, so a lost signal delays work, never loses it.
 */
type ClusterSignal =
  /** Tasks of these types became ready to claim. */
  | { kind: 'ready'; types: string[] }
  /** A delayed task (or retry) is due at this time. */
  | { kind: 'due'; at: number }
  /** These tasks reached a terminal state: answer whoever awaits them. */
  | { kind: 'ended'; taskIds: string[] }
  /** A cancel was requested for these running tasks: the agents holding them should stop. */
  | { kind: 'cancel'; tasks: { taskId: string; agentId: string | null }[] }
  /** The channel was interrupted: anything may have changed, so re-read what matters. */
  | { kind: 'resync' };

type SignalListener = (signal: ClusterSignal) => void;

/** Signals from every node of the cluster (this one included), delivered after the writer committed. */
interface ClusterBus {
  subscribe(listener: SignalListener): () => void;
  /** True while the channel is connected. */
  connected(): boolean;
  close(): Promise<void>;
}

/**
 * Leadership for the work only one node should do at a time (sweeps, later cron).
 * Whatever a leader does must stay safe if two nodes briefly both believe they
 * lead (a leader cut off from the database learns it late): conditional updates only.
 */
interface Leadership {
  isLeader(): boolean;
  /** Called with true when this node becomes leader, false when it stops being one. */
  onChange(listener: (leader: boolean) => void): () => void;
  close(): Promise<void>;
}

export type { ClusterSignal, SignalListener, ClusterBus, Leadership };
