import { createAgentsClient, type AgentsClient } from './agents-client.js';
import { createEventsClient, type EventsClient } from './events-client.js';
import { createHttpRequester } from './http-request.js';
import { createJobsClient, type JobsClient } from './jobs-client.js';
import { createHistoryClient, type HistoryClient } from './history-client.js';
import { createSchedulesClient, type SchedulesClient } from './schedules-client.js';
import { createTasksClient, type TasksClient } from './tasks-client.js';
import { createTypesClient, type TypesClient } from './types-client.js';

interface BatonClientOptions {
  /** The server's base URL, e.g. http://127.0.0.1:7070 */
  url: string;
  token?: string;
  /** Deadline of one request (long-polls add their wait to it). */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** The Baton SDK: one sub-client per resource. No native dependency; runs wherever fetch does. */
class BatonClient {
  readonly tasks: TasksClient;
  readonly jobs: JobsClient;
  readonly schedules: SchedulesClient;
  readonly history: HistoryClient;
  readonly agents: AgentsClient;
  readonly types: TypesClient;
  readonly events: EventsClient;

  constructor(options: BatonClientOptions) {
    const http = createHttpRequester(options);
    this.tasks = createTasksClient(http);
    this.jobs = createJobsClient(http);
    this.schedules = createSchedulesClient(http);
    this.history = createHistoryClient(http);
    this.agents = createAgentsClient(http);
    this.types = createTypesClient(http);
    this.events = createEventsClient(options);
  }
}

export { BatonClient };
export type { BatonClientOptions };
