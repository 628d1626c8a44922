/**
 * Event types carry a version: the shape their data has. The log is never
 * rewritten, so an event keeps the shape it was written with; reading it runs
 * the upcasters from its version to the current one, and everything past the
 * read (evolve, history, the feed) sees only current shapes.
 *
 * To change a type's shape: bump its version here, add the upcaster from the
 * version before, and keep every older upcaster. Never edit an upcaster that
 * has shipped: databases hold events it must still read.
 */

type EventData = Record<string, unknown>;
/** Turns the data of one version of an event type into the next version's. */
type EventUpcaster = (data: EventData) => EventData;

/** The current version of each event type; a type not listed is at version 1. */
const EVENT_TYPE_VERSIONS: Readonly<Record<string, number>> = {
  TaskSubmitted: 3,
};

/** UPCASTERS[type][v]: from version v to v + 1. */
const UPCASTERS: Readonly<Record<string, Readonly<Record<number, EventUpcaster>>>> = {
  TaskSubmitted: {
    /**
     * Version 1 had where a task may run and what it belongs to as top-level
     * fields, each written only when set. Version 2 keeps them together in
     * `placement`, null for a plain task, with every field present.
     */
    1: (data) => {
      const { target, serialKey, limitKey, job, broadcast, parentId, ...rest } = data;
      const set = [target, serialKey, limitKey, job, broadcast, parentId].some((v) => v !== undefined && v !== null);
      return {
        ...rest,
        placement: set
          ? { target: target ?? null, serialKey: serialKey ?? null, limitKey: limitKey ?? null, job: job ?? null, broadcast: broadcast ?? null, parentId: parentId ?? null }
          : null,
      };
    },
    /** Version 3 carries the submitter's trace context; a task submitted before had none. */
    2: (data) => ({ ...data, trace: null }),
  },
};

/** The version the current code writes an event type at. */
function currentTypeVersion(type: string): number {
  return EVENT_TYPE_VERSIONS[type] ?? 1;
}

/** An event type's version is newer than this code knows: a database a newer Baton wrote. */
class EventVersionError extends Error {
  constructor(params: { type: string; typeVersion: number }) {
    super(`event ${params.type} version ${params.typeVersion} is newer than this Baton reads (version ${currentTypeVersion(params.type)}): upgrade Baton`);
    this.name = 'EventVersionError';
  }
}

/** The event in the current shape of its type, from the version it was stored at. */
function upcastEvent<E extends { type: string; data: unknown }>(params: { event: E; typeVersion: number }): E {
  const { event, typeVersion } = params;
  const current = currentTypeVersion(event.type);
  if (typeVersion === current) return event;
  if (typeVersion > current) throw new EventVersionError({ type: event.type, typeVersion });
  let data = event.data as EventData;
  for (let v = typeVersion; v < current; v++) {
    const up = UPCASTERS[event.type]?.[v];
    if (!up) throw new Error(`no upcaster for ${event.type} from version ${v}`);
    data = up(data);
  }
  return { ...event, data };
}

export { EVENT_TYPE_VERSIONS, currentTypeVersion, upcastEvent, EventVersionError };
export type { EventUpcaster };
