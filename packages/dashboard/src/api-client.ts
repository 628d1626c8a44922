/** An error answer of the API (problem+json), or a network failure (status 0). */
class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(params: { status: number; code: string; message: string }) {
    super(params.message);
    this.status = params.status;
    this.code = params.code;
  }
}

interface ApiClient {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  /** Opens a streaming GET (the event stream) with the token; the caller reads the body. */
  stream(path: string, params: { signal: AbortSignal; lastEventId: string | null }): Promise<Response>;
}

/** Every request waits at most this long; the event stream is the only one left open. */
const REQUEST_DEADLINE_MS = 15_000;

/**
 * Calls the API with the bearer token. `onUnauthorized` runs on a 401 (a
 * revoked or mistyped token), so the page can go back to the login form.
 */
function createApiClient(params: { token: string; onUnauthorized: () => void }): ApiClient {
  const headers = (extra: Record<string, string> = {}): Record<string, string> => ({ authorization: `Bearer ${params.token}`, ...extra });
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    let response: Response;
    try {
      response = await fetch(path, {
        method,
        headers: headers(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(REQUEST_DEADLINE_MS),
      });
    } catch (error) {
      throw new ApiError({ status: 0, code: 'NETWORK', message: `the server did not answer (${error instanceof Error ? error.message : String(error)})` });
    }
    if (response.ok) return (await response.json()) as T;
    const problem = (await response.json().catch(() => ({}))) as { code?: string; detail?: string; title?: string };
    if (response.status === 401) params.onUnauthorized();
    throw new ApiError({ status: response.status, code: problem.code ?? `HTTP_${response.status}`, message: problem.detail ?? problem.title ?? response.statusText });
  };
  return {
    get: (path) => call('GET', path),
    post: (path, body) => call('POST', path, body ?? {}),
    async stream(path, options) {
      const response = await fetch(path, { headers: headers(options.lastEventId ? { 'last-event-id': options.lastEventId } : {}), signal: options.signal });
      if (response.status === 401) params.onUnauthorized();
      if (!response.ok || !response.body) throw new ApiError({ status: response.status, code: `HTTP_${response.status}`, message: 'the event stream did not open' });
      return response;
    },
  };
}

export { createApiClient, ApiError };
export type { ApiClient };
