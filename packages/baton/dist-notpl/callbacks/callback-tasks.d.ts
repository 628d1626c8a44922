import { type HandlerEntry } from '@baton/client';
import type { AddressGuard } from './address-guard.js';
/** `http.callback`: POST `body` (JSON) to `url`, signed, retried on 408, 429, 5xx and network errors. */
declare const httpCallback: import("@baton/core").TaskDefinition<{
    url: string;
    body?: unknown;
}>;
/** `reminder`: the Reminders API's aggregate; when due, its address is called back like an `http.callback`. */
declare const reminder: import("@baton/core").TaskDefinition<{
    address: string;
    body?: unknown;
}>;
/**
 * The handlers that deliver callbacks, for an agent to run (every server node
 * runs them). The webhook id is the task's id, so it is the same on every
 * attempt and a receiver can drop repeats.
 */
declare function callbackHandlers(params: {
    secret: string;
    guard: AddressGuard;
}): HandlerEntry[];
export { httpCallback, reminder, callbackHandlers };
//# sourceMappingURL=callback-tasks.d.ts.map