import type { JobResource, TaskResource } from '@baton/core';
/** The progress a handler last reported: a bar for `{done, total, message}`, the JSON of anything else; null when none. */
declare function progressText(progress: unknown): string | null;
/** A task's state, and its progress when it has one. */
declare function taskProgressText(task: TaskResource): string;
/** A job's state and how many of its tasks have ended, of all. */
declare function jobProgressText(job: JobResource): string;
/**
 * Draws progress on stderr, so stdout stays the result alone: redrawn in
 * place on a terminal, one line per change otherwise (logs, CI).
 */
declare function createProgressLine(stream?: NodeJS.WriteStream): {
    show(text: string): void;
    /** Ends the line on a terminal; a second call does nothing. */
    end(): void;
};
export { createProgressLine, progressText, taskProgressText, jobProgressText };
//# sourceMappingURL=progress-line.d.ts.map