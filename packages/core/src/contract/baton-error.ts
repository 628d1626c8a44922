/** One field that failed validation: where it is and which rule it broke. */
interface FieldIssue {
  path: string;
  rule: string;
  message: string;
}

/**
 * The one error type that crosses package boundaries. `code` is a key of the
 * error catalog, so every layer (engine, HTTP, SDK, CLI) speaks the same codes.
 */
class BatonError extends Error {
  readonly code: string;
  readonly issues: readonly FieldIssue[];
  readonly taskId: string | undefined;

  constructor(params: { code: string; message: string; issues?: readonly FieldIssue[]; taskId?: string }) {
    super(params.message);
    this.name = 'BatonError';
    this.code = params.code;
    this.issues = params.issues ?? [];
    this.taskId = params.taskId;
  }
}

export { BatonError };
export type { FieldIssue };
