import { BatonError, ProblemSchema } from '@baton/core';

interface HttpRequester {
  request<T>(params: {
    method: 'GET' | 'POST' | 'PUT' | 'DELETE';
    path: string;
    body?: unknown;
    query?: Record<string, string | undefined>;
    timeoutMs?: number;
    headers?: Record<string, string>;
    /** Ends the request early (the caller no longer wants the answer). */
    signal?: AbortSignal;
  }): Promise<T>;
}

/**
 * The part of `fetch` the requester uses: any fetch will do, and so does the
 * agent's Node exchange (agent/node-http-fetch.ts), which answers a long-poll
 * about 0.7 ms sooner than Node's fetch.
 */
type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string | undefined; signal: AbortSignal },
) => Promise<{ ok: boolean; status: number; text(): Promise<string> }>;

/**
 * One HTTP exchange with a Baton server: JSON in and out, problem+json turned
 * back into the BatonError the server raised, and a deadline on every call.
 */
function createHttpRequester(params: { url: string; token?: string; fetch?: FetchLike; timeoutMs?: number }): HttpRequester {
  const base = params.url.replace(/\/+$/, '');
  const doFetch = params.fetch ?? globalThis.fetch;
  const defaultTimeout = params.timeoutMs ?? 30_000;
  return {
    async request(call) {
      // Safe requests are tried again when the server could not be reached or was briefly unavailable.
      const attempts = call.method === 'GET' ? 3 : 1;
      for (let attempt = 1; ; attempt++) {
        try {
          return await once(call);
        } catch (error) {
          const code = (error as BatonError).code;
          const transient = code === 'UNREACHABLE' || code === 'SHUTTING_DOWN' || code === 'NOT_READY' || code === 'TOO_MANY_WAITERS';
          if (!transient || attempt >= attempts || call.signal?.aborted) throw error;
          await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt));
        }
      }
    },
  };

  async function once({ method, path, body, query, timeoutMs, headers, signal }: Parameters<HttpRequester['request']>[0]): Promise<never> {
    const search = new URLSearchParams();
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) search.set(k, v);
    const url = `${base}${path}${search.size ? `?${search}` : ''}`;
    let response: Awaited<ReturnType<FetchLike>>;
    try {
      response = await doFetch(url, {
        method,
        headers: {
          accept: 'application/json, application/problem+json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(params.token ? { authorization: `Bearer ${params.token}` } : {}),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(timeoutMs ?? defaultTimeout)]) : AbortSignal.timeout(timeoutMs ?? defaultTimeout),
      });
    } catch (error) {
      throw new BatonError({ code: 'UNREACHABLE', message: `cannot reach ${base}: ${(error as Error).message}` });
    }
    const text = await response.text();
    let json: unknown = undefined;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON: reported below with the status.
    }
    if (response.ok) return json as never;
    const problem = ProblemSchema.safeParse(json);
    if (problem.success) {
      throw new BatonError({ code: problem.data.code, message: problem.data.detail, issues: problem.data.errors, taskId: problem.data.taskId });
    }
    throw new BatonError({ code: 'INTERNAL', message: `${method} ${path} answered ${response.status}: ${text.slice(0, 200)}` });
  }
}

export { createHttpRequester };
export type { HttpRequester, FetchLike };
