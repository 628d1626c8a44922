const BAR_WIDTH = 24;
const ENDED = new Set(['succeeded', 'failed', 'cancelled']);
/** `[#####-----] 3/10 (30%)`. */
function bar(done, total) {
    const fraction = total > 0 ? Math.min(1, Math.max(0, done / total)) : 0;
    const filled = Math.round(fraction * BAR_WIDTH);
    return `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${done}/${total} (${Math.round(fraction * 100)}%)`;
}
/** The progress a handler last reported: a bar for `{done, total, message}`, the JSON of anything else; null when none. */
function progressText(progress) {
    if (progress === null || progress === undefined)
        return null;
    const p = progress;
    if (typeof p === 'object' && typeof p.done === 'number' && typeof p.total === 'number') {
        return `${bar(p.done, p.total)}${typeof p.message === 'string' ? ` ${p.message}` : ''}`;
    }
    return JSON.stringify(progress);
}
/** A task's state, and its progress when it has one. */
function taskProgressText(task) {
    const progress = progressText(task.progress);
    return progress === null ? task.state : `${task.state} ${progress}`;
}
/** A job's state and how many of its tasks have ended, of all. */
function jobProgressText(job) {
    const ended = job.tasks.filter((t) => ENDED.has(t.state)).length;
    return `${job.state} ${bar(ended, job.tasks.length)} tasks done`;
}
/**
 * Draws progress on stderr, so stdout stays the result alone: redrawn in
 * place on a terminal, one line per change otherwise (logs, CI).
 */
function createProgressLine(stream = process.stderr) {
    let last = '';
    return {
        show(text) {
            if (text === last)
                return;
            last = text;
            stream.write(stream.isTTY ? `\r\x1b[2K${text}` : `${text}\n`);
        },
        /** Ends the line on a terminal; a second call does nothing. */
        end() {
            if (stream.isTTY && last)
                stream.write('\n');
            last = '';
        },
    };
}
export { createProgressLine, progressText, taskProgressText, jobProgressText };
//# sourceMappingURL=progress-line.js.map