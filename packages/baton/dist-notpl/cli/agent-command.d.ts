interface AgentCommandOptions {
    server: string;
    token?: string;
    handlers: string;
    runTypes?: string[];
    concurrency: number;
    service?: string;
    tags: string[];
    id?: string;
}
/**
 * `baton agent`: a remote agent. It knows only where to get work (the server's
 * URL and a token), runs the handlers of a handlers file, and reports over
 * HTTP. Returns a stop function; the caller (main) owns the signals.
 */
declare function runAgent(options: AgentCommandOptions): Promise<{
    id: string;
    stop: (graceMs: number) => Promise<void>;
}>;
export { runAgent };
export type { AgentCommandOptions };
//# sourceMappingURL=agent-command.d.ts.map