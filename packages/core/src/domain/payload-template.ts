/** `{{ payload.a.b }}`, `{{ event }}` or `{{ workflow }}`, with optional spaces inside the braces. */
const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_-]+)*)\s*\}\}/g;
const WHOLE = /^\{\{\s*([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_-]+)*)\s*\}\}$/;
const ROOTS = ['payload', 'event', 'workflow'] as const;

type TemplateVars = { payload: unknown; event: string; workflow: string };

/** A placeholder that names nothing in the variables, with where it was used. */
interface MissingValue {
  /** The JSON path of the string in the template, such as `steps.db.payload.version`. */
  at: string;
  placeholder: string;
}

function lookup(vars: TemplateVars, path: string): { found: boolean; value: unknown } {
  let value: unknown = vars;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null || !Object.prototype.hasOwnProperty.call(value, part)) return { found: false, value: undefined };
    value = (value as Record<string, unknown>)[part];
  }
  return { found: value !== undefined, value };
}

/** The placeholders a template uses whose root is not one Baton provides: caught when the workflow file loads. */
function unknownRoots(template: unknown): string[] {
  const bad: string[] = [];
  const walk = (node: unknown): void => {
    if (typeof node === 'string') {
      for (const match of node.matchAll(PLACEHOLDER)) {
        const root = (match[1] ?? '').split('.')[0] ?? '';
        if (!(ROOTS as readonly string[]).includes(root)) bad.push(match[0]);
      }
    } else if (Array.isArray(node)) node.forEach(walk);
    else if (typeof node === 'object' && node !== null) Object.values(node).forEach(walk);
  };
  walk(template);
  return bad;
}

/**
 * Fills a payload template. A string that is one placeholder becomes the
 * value itself (a number stays a number); placeholders inside longer text are
 * written as text. Pure: what is missing is returned, never thrown.
 */
function renderTemplate(params: { template: unknown; vars: TemplateVars; at: string }): { value: unknown; missing: MissingValue[] } {
  const missing: MissingValue[] = [];
  const render = (node: unknown, at: string): unknown => {
    if (typeof node === 'string') {
      const whole = WHOLE.exec(node);
      if (whole) {
        const { found, value } = lookup(params.vars, whole[1] ?? '');
        if (!found) missing.push({ at, placeholder: node });
        return found ? value : null;
      }
      return node.replace(PLACEHOLDER, (text, path: string) => {
        const { found, value } = lookup(params.vars, path);
        if (!found) missing.push({ at, placeholder: text });
        return !found ? '' : typeof value === 'string' ? value : JSON.stringify(value);
      });
    }
    if (Array.isArray(node)) return node.map((item, i) => render(item, `${at}[${i}]`));
    if (typeof node === 'object' && node !== null) return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, render(v, `${at}.${k}`)]));
    return node;
  };
  return { value: render(params.template, params.at), missing };
}

export { renderTemplate, unknownRoots };
export type { TemplateVars, MissingValue };
