import type { z } from 'zod';
import type { FieldIssue } from './baton-error.js';

/** Zod issues as field paths (`items[2].name`) and the rule each broke. */
function toFieldIssues(params: { error: z.ZodError; prefix?: string }): FieldIssue[] {
  return params.error.issues.map((issue) => {
    let path = params.prefix ?? '';
    for (const key of issue.path) {
      path += typeof key === 'number' ? `[${key}]` : path ? `.${String(key)}` : String(key);
    }
    return { path: path || '(root)', rule: issue.code, message: issue.message };
  });
}

export { toFieldIssues };
