import { BatonError, type ErrorInfo } from '@baton/core';

const MAX_MESSAGE = 4_096;
const MAX_STACK = 16_384;

/** Throw it from a handler when trying again cannot help: the task fails at once. */
class NonRetryableError extends Error {
  readonly retryable = false;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'NonRetryableError';
  }
}

/**
 * Throw it from a handler that was told when to try again (an HTTP 429 or 503
 * with Retry-After): the attempt fails, and the next one waits at least
 * `afterMs` (or the backoff, if longer). `details` is kept in the task's history.
 */
class RetryLaterError extends Error {
  readonly retryAfterMs: number | null;
  readonly details: Record<string, unknown> | undefined;
  constructor(message: string, options: { afterMs?: number | null; details?: Record<string, unknown>; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'RetryLaterError';
    this.retryAfterMs = options.afterMs ?? null;
    this.details = options.details;
  }
}

/** How long the thrown error asks the next attempt to wait, or null. */
function retryAfterOf(error: unknown): number | null {
  const value = typeof error === 'object' && error !== null ? (error as { retryAfterMs?: unknown }).retryAfterMs : null;
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.min(Math.round(value), 86_400_000) : null;
}

/** The reason a handler's signal aborts when its task runs past its timeout. */
class TaskTimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(`the task ran past its timeout of ${timeoutMs} ms`);
    this.name = 'TaskTimeoutError';
  }
}

function isRetryable(error: unknown): boolean {
  return !(typeof error === 'object' && error !== null && (error as { retryable?: unknown }).retryable === false);
}

/** Codes that say "not now" rather than "no": the same report may succeed when tried again. */
const TRANSIENT_CODES: ReadonlySet<string> = new Set(['UNREACHABLE', 'INTERNAL', 'NOT_READY']);

/** Whether a failed report is worth sending again: anything but a refusal from the scheduler. */
function isTransient(error: unknown): boolean {
  return !(error instanceof BatonError) || TRANSIENT_CODES.has(error.code);
}

/** Whatever a handler threw, as the JSON the event log keeps. */
function toErrorInfo(error: unknown): ErrorInfo {
  if (error instanceof Error) {
    const info: ErrorInfo = { name: error.name.slice(0, 200), message: error.message.slice(0, MAX_MESSAGE) };
    if (error.stack) info.stack = error.stack.slice(0, MAX_STACK);
    const details = (error as { details?: unknown }).details;
    if (typeof details === 'object' && details !== null && !Array.isArray(details)) info.details = details as Record<string, unknown>;
    return info;
  }
  let message: string;
  try {
    message = typeof error === 'string' ? error : JSON.stringify(error) ?? String(error);
  } catch {
    message = String(error);
  }
  return { name: 'NonErrorThrown', message: message.slice(0, MAX_MESSAGE) };
}

export { NonRetryableError, RetryLaterError, TaskTimeoutError, isRetryable, isTransient, retryAfterOf, toErrorInfo };
