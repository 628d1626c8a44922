/**
 * Every error code Baton answers with, its HTTP status and a stable title.
 * Clients branch on `code`; the set only grows, and a code never changes meaning.
 */
const ERROR_CATALOG = {
  MALFORMED_JSON: { status: 400, title: 'The request body is not valid JSON' },
  MALFORMED_REQUEST: { status: 400, title: 'The request is not valid HTTP' },
  VALIDATION_FAILED: { status: 400, title: 'The request does not match the schema' },
  UNAUTHENTICATED: { status: 401, title: 'A valid bearer token is needed' },
  FORBIDDEN: { status: 403, title: 'The token lacks the scope this route needs' },
  ROUTE_NOT_FOUND: { status: 404, title: 'No such route' },
  TOKEN_NOT_FOUND: { status: 404, title: 'No such token' },
  DEFINITION_NOT_FOUND: { status: 404, title: 'No such task definition' },
  TASK_NOT_FOUND: { status: 404, title: 'No such task' },
  AGENT_NOT_FOUND: { status: 404, title: 'No such agent' },
  JOB_NOT_FOUND: { status: 404, title: 'No such job' },
  REMINDER_NOT_FOUND: { status: 404, title: 'No such reminder' },
  SCHEDULE_NOT_FOUND: { status: 404, title: 'No such schedule' },
  STREAM_NOT_FOUND: { status: 404, title: 'No history has that id' },
  WORKFLOW_NOT_FOUND: { status: 404, title: 'No workflow is triggered by that event' },
  JOB_FINISHED: { status: 409, title: 'The job has already finished' },
  JOB_GRAPH_INVALID: { status: 422, title: "The job's graph is not a valid DAG of its tasks" },
  NO_AGENT_CAN_RUN: { status: 422, title: 'No live agent can run the task' },
  AWAIT_TIMEOUT: { status: 408, title: 'The task did not finish within the wait' },
  METHOD_NOT_ALLOWED: { status: 405, title: 'Method not allowed' },
  TASK_EXISTS: { status: 409, title: 'The task already exists' },
  TASK_NOT_CLAIMABLE: { status: 409, title: 'The task is not waiting in the queue' },
  TASK_NOT_DUE: { status: 409, title: 'The task is not due yet' },
  TASK_NOT_RUNNING: { status: 409, title: 'The task is not running' },
  TASK_FINISHED: { status: 409, title: 'The task has already finished' },
  STALE_LEASE: { status: 409, title: 'The lease token is not the current one' },
  LEASE_NOT_EXPIRED: { status: 409, title: 'The lease has not expired' },
  CANCEL_NOT_REQUESTED: { status: 409, title: 'No cancel was requested for the task' },
  TASK_NOT_ENDED_IN_FAILURE: { status: 409, title: 'Only a failed or cancelled task can be retried' },
  TASK_NOT_BLOCKED: { status: 409, title: 'The task is not waiting for its dependencies' },
  TASK_NOT_BROADCAST: { status: 409, title: 'The task is not a broadcast step' },
  TASK_IN_JOB: { status: 409, title: 'The task belongs to a job' },
  REBUILD_RUNNING: { status: 409, title: 'A rebuild of the projections is already running' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'The request body is too large' },
  URI_TOO_LONG: { status: 414, title: 'A path parameter is too long' },
  HEADERS_TOO_LARGE: { status: 431, title: 'The request headers are too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'The request body must be application/json' },
  RATE_LIMITED: { status: 429, title: 'Too many requests with this token' },
  TOO_MANY_WAITERS: { status: 503, title: 'Too many long-polls open on this node' },
  UNKNOWN_TASK_TYPE: { status: 422, title: 'No task definition has that type' },
  PAYLOAD_INVALID: { status: 422, title: 'The payload does not match the task definition' },
  PAYLOAD_VERSION_UNSUPPORTED: { status: 422, title: 'The payload version cannot be read by this definition' },
  CONFIG_INVALID: { status: 500, title: 'The configuration is invalid' },
  UNREACHABLE: { status: 503, title: 'The server cannot be reached' },
  INTERNAL: { status: 500, title: 'Internal error' },
  NOT_IMPLEMENTED: { status: 501, title: 'Not in this version' },
  SHUTTING_DOWN: { status: 503, title: 'The server is shutting down' },
  TOO_MANY_STREAMS: { status: 503, title: 'Too many open event streams' },
  NOT_READY: { status: 503, title: 'The node cannot claim or commit right now' },
  DASHBOARD_NOT_BUILT: { status: 503, title: 'The dashboard is not built' },
} as const satisfies Record<string, { status: number; title: string }>;

type ErrorCode = keyof typeof ERROR_CATALOG;

function errorStatus(code: string): number {
  return code in ERROR_CATALOG ? ERROR_CATALOG[code as ErrorCode].status : 500;
}

function errorTitle(code: string): string {
  return code in ERROR_CATALOG ? ERROR_CATALOG[code as ErrorCode].title : ERROR_CATALOG.INTERNAL.title;
}

export { ERROR_CATALOG, errorStatus, errorTitle };
export type { ErrorCode };
