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
  TaskSubmitted: 4,
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
    /** Version 4 has the fields of version 3; it is stored without those at their defaults (STORED_DEFAULTS). */
    3: (data) => data,
  },
};

/**
 * From `fromVersion` on, a type is stored without the fields whose value is
 * the default given here, and read with them put back. Most tasks take every
 * default: the TaskSubmitted event of a plain task went from 300 bytes to
 * 94, and a batch submit's statement ran 15–20% faster (bench/RESULTS.md,
 * history 35).
 * Like an upcaster, never edit one that has shipped: stored events rely on
 * these exact values, whatever the defaults of new tasks become.
 */
const STORED_DEFAULTS: Readonly<Record<string, { fromVersion: number; defaults: Readonly<EventData> }>> = {
  TaskSubmitted: {
    fromVersion: 4,
    defaults: {
      payloadVersion: 1,
      priority: 0,
      maxAttempts: 3,
      backoff: { baseMs: 1000, factor: 2, maxMs: 3_600_000, jitter: 0.2 },
      timeoutMs: null,
      idempotencyKey: null,
      placement: null,
      trace: null,
    },
  },
};

/** A default is a primitive or a flat object of primitives. */
function isDefault(value: unknown, fallback: unknown): boolean {
  if (value === fallback) return true;
  if (value === null || fallback === null || typeof value !== 'object' || typeof fallback !== 'object' || Array.isArray(value)) return false;
  const a = value as EventData;
  const b = fallback as EventData;
  const keys = Object.keys(b);
  return Object.keys(a).length === keys.length && keys.every((k) => a[k] === b[k]);
}

/** The data of an event of the current version as the log stores it. */
function storedEventData(event: { type: string; data: unknown }): unknown {
  const form = STORED_DEFAULTS[event.type];
  if (!form || currentTypeVersion(event.type) < form.fromVersion) return event.data;
  const data = event.data as EventData;
  const stored: EventData = {};
  for (const key of Object.keys(data)) if (!(key in form.defaults) || !isDefault(data[key], form.defaults[key])) stored[key] = data[key];
  return stored;
}

/** The data as it was stored at `typeVersion`, with any field left out at its default put back. */
function storedDataRead(params: { type: string; typeVersion: number; data: unknown }): EventData {
  const form = STORED_DEFAULTS[params.type];
  const data = params.data as EventData;
  if (!form || params.typeVersion < form.fromVersion) return data;
  // Each read gets its own copy of an object default: a reader that changed one must not change it for every other.
  const whole: EventData = { ...data };
  for (const [key, value] of Object.entries(form.defaults)) if (!(key in data)) whole[key] = value !== null && typeof value === 'object' ? { ...value } : value;
  return whole;
}

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
  if (typeVersion > current) throw new EventVersionError({ type: event.type, typeVersion });
  if (typeVersion === current && !STORED_DEFAULTS[event.type]) return event;
  let data = storedDataRead({ type: event.type, typeVersion, data: event.data });
  for (let v = typeVersion; v < current; v++) {
    const up = UPCASTERS[event.type]?.[v];
    if (!up) throw new Error(`no upcaster for ${event.type} from version ${v}`);
    data = up(data);
  }
  return { ...event, data };
}

export { EVENT_TYPE_VERSIONS, currentTypeVersion, upcastEvent, storedEventData, EventVersionError };
export type { EventUpcaster };
