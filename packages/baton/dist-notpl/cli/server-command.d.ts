interface ServerCommandOptions {
    port: number;
    host: string;
    database: string;
    schema?: string;
    handlers?: string;
    /** Task types this node's agent runs; the default is every type in the handlers file, [] for none. */
    runTypes?: string[];
    leaseMs?: number;
    /** No authentication at all: for local development only, and said loudly. */
    insecure?: boolean;
    concurrency: number;
    logLevel: string;
    graceMs: number;
    workflowsDir?: string;
    archiveDir?: string;
    /** CIDRs callbacks may reach although they are private or loopback. */
    callbackAllow?: string[];
}
/**
 * `baton server`: the engine, the HTTP API and, with --handlers, in-process
 * agents. Returns a stop function; the caller (main) owns the signals.
 */
declare function runServer(options: ServerCommandOptions): Promise<{
    url: string;
    stop: () => Promise<void>;
}>;
export { runServer };
export type { ServerCommandOptions };
//# sourceMappingURL=server-command.d.ts.map