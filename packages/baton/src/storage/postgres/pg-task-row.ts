import type { TaskView } from '@baton/core';

/*
 * How a task is stored on PostgreSQL (ADR 0027). The row's columns hold the
 * fields the queries filter and sort on, plus the payload and the two times
 * every write changes; the doc holds only the remaining fields that differ
 * from TEMPLATE. Reading puts the three back together: TEMPLATE, then the
 * doc, then the columns, so a column always wins over the doc.
 *
 * A row written before this (a full doc, and NULL in payload, submitted_at
 * and updated_at) reads the same way: its doc has every field, and those
 * three columns fall back to the doc.
 *
 * The stored form of a view is a pure function of it (`taskRow`), and the
 * statements that patch rows in SQL (claim, promotion, submit) write exactly
 * that form, so the online rebuild finds live rows equal to rebuilt ones.
 */

/**
 * The value a field of the doc has when it is left out. Never change a value
 * here: rows already stored rely on it. A new field may be added (a row
 * stored before it read it as this value).
 */
const TEMPLATE = Object.freeze({
  payloadVersion: 1,
  attempt: 0,
  token: 0,
  timeoutMs: null,
  result: null,
  progress: null,
  errors: [],
  cancelRequested: false,
  endReason: null,
  target: null,
  key: null,
  dependsOn: [],
  broadcast: null,
  fanout: null,
  parentId: null,
  trace: null,
}) as Readonly<Record<string, unknown>>;

/** Each field kept in a column, and its column. */
const COLUMN_OF = Object.freeze({
  id: 'id',
  type: 'type',
  state: 'state',
  priority: 'priority',
  runAt: 'run_at',
  submitSeq: 'submit_seq',
  queueSeq: 'queue_seq',
  version: 'version',
  agentId: 'agent_id',
  leaseExpiresAt: 'lease_expires_at',
  idempotencyKey: 'idempotency_key',
  jobId: 'job_id',
  serialKey: 'serial_key',
  limitKey: 'limit_key',
  payload: 'payload',
  submittedAt: 'submitted_at',
  updatedAt: 'updated_at',
} satisfies Partial<Record<keyof TaskView, string>>);

/** Columns a row written before ADR 0027 leaves NULL: the doc holds their field. */
const LATE_COLUMNS = new Set<string>(['payload', 'submitted_at', 'updated_at']);

/** Every column of the tasks table, in the order the insert statements list them. */
const TASK_COLUMNS = [
  ...Object.values(COLUMN_OF),
  'doc',
  'target_service',
  'target_tags',
  'target_agent',
  'broadcast',
] as const;

type TaskRow = Record<(typeof TASK_COLUMNS)[number], unknown>;

function isDefault(field: string, value: unknown): boolean {
  if (!(field in TEMPLATE)) return false;
  const preset = TEMPLATE[field];
  if (Array.isArray(preset)) return Array.isArray(value) && value.length === 0;
  return value === preset;
}

/** The doc as stored: every field that is no column and differs from TEMPLATE. */
function storedDoc(view: Partial<TaskView>): Record<string, unknown> {
  const doc: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(view)) {
    if (field in COLUMN_OF || isDefault(field, value)) continue;
    doc[field] = value;
  }
  return doc;
}

/**
 * The row a view is stored as. A JSON null payload is SQL NULL in the
 * column (jsonb_populate_record makes it so), which reads back as null.
 */
function taskRow(view: TaskView): TaskRow {
  const tags = view.target?.tags ?? [];
  return {
    id: view.id,
    type: view.type,
    state: view.state,
    priority: view.priority,
    run_at: view.runAt,
    submit_seq: view.submitSeq,
    queue_seq: view.queueSeq,
    version: view.version,
    agent_id: view.agentId,
    lease_expires_at: view.leaseExpiresAt,
    idempotency_key: view.idempotencyKey,
    job_id: view.jobId,
    serial_key: view.serialKey,
    limit_key: view.limitKey,
    payload: view.payload ?? null,
    submitted_at: view.submittedAt,
    updated_at: view.updatedAt,
    doc: storedDoc(view),
    target_service: view.target?.service ?? null,
    target_tags: tags.length > 0 ? tags : null,
    target_agent: view.target?.agentId ?? null,
    broadcast: view.broadcast !== null,
  };
}

/** SQL: the task view of the row aliased `t`, as jsonb. */
function taskDocSql(t: string): string {
  const pairs = Object.entries(COLUMN_OF).map(([field, column]) => {
    if (!LATE_COLUMNS.has(column)) return `'${field}', ${t}.${column}`;
    const fromDoc = column === 'payload' ? `${t}.doc->'payload'` : `(${t}.doc->>'${field}')::bigint`;
    return `'${field}', COALESCE(${t}.${column}, ${fromDoc})`;
  });
  return `('${JSON.stringify(TEMPLATE)}'::jsonb || ${t}.doc || jsonb_build_object(${pairs.join(', ')}))`;
}

/** SQL: the doc stored when a claim patches the row aliased `t` (as `evolve` folds TaskClaimed; the rest is in columns). */
function claimedDocSql(t: string): string {
  return `((${t}.doc - 'progress') || jsonb_build_object('token', COALESCE((${t}.doc->>'token')::integer, 0) + 1,
            'attempt', COALESCE((${t}.doc->>'attempt')::integer, 0) + 1))`;
}

export { TASK_COLUMNS, taskRow, storedDoc, taskDocSql, claimedDocSql };
