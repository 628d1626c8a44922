import type { z } from 'zod';
import type { FieldIssue } from './baton-error.js';

/** Zod issues as field paths (`items[2].name`) and the rule each broke. */
function toFieldIssues(params: { error: z.ZodError; prefix?: string }): FieldIssue[] {
  return params.error.issues.map((issue) => {
    let path = params.prefix ?? '';
    for (const key of issue.path) {
      path += typeof key === 'number' ? `[${key}]` : path && !path.endsWith('.') ? `.${String(key)}` : String(key);
    }
    // A prefix ends with its dot ('tasks[1].'); an issue of the prefixed object itself is the object's path.
    if (path.endsWith('.')) path = path.slice(0, -1);
    return { path: path || '(root)', rule: issue.code, message: issue.message };
  });
}

export { toFieldIssues };
