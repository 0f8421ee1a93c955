// The one reference syntax of workflow files: `${root.path[0].field}` inside a JSON string.
// A string that is exactly one reference keeps the referenced value's JSON type (a number stays a number,
// an object stays an object); a reference inside longer text is spliced in as text. `$${` writes a
// literal `${`. Roots: inputs, steps, item, batch, batchIndex, checkpoint, run.

/** One segment of a reference path: a property name or an array index. */
export type PathSegment = string | number;

/** A reference found in a string, with its offsets inside that string (for positioned diagnostics). */
export interface ReferenceMatch {
  start: number;
  end: number;
  expression: string;
  path: PathSegment[];
}

/** A reference that could not be resolved or parsed: a value the runner reports on the step. */
export class ReferenceError extends Error {
  constructor(message: string, readonly expression: string) {
    super(message);
  }
}

const referencePattern = /\$(\$)?\{([^}]*)\}/g;
const segmentPattern = /^(?:\.?([A-Za-z_][A-Za-z0-9_-]*)|\[(\d+)\]|\[("[^"]*"|'[^']*')\])/;

/** Splits `steps.top.result.customers[0].customer_id` into segments; throws ReferenceError when malformed. */
export function parsePath(expression: string): PathSegment[] {
  const segments: PathSegment[] = [];
  let rest = expression.trim();
  if (rest === '') throw new ReferenceError('empty reference "${}"', expression);
  while (rest.length > 0) {
    const m = segmentPattern.exec(rest);
    if (!m || (segments.length === 0 && !m[1])) {
      throw new ReferenceError(`malformed reference "\${${expression}}" near "${rest}"`, expression);
    }
    if (m[1] !== undefined) segments.push(m[1]);
    else if (m[2] !== undefined) segments.push(Number(m[2]));
    else if (m[3] !== undefined) segments.push(m[3].slice(1, -1));
    rest = rest.slice(m[0].length);
  }
  return segments;
}

/**
 * Lists the references in a string (escaped `$${` ones excluded). A `${` that is never closed throws: sent on
 * as literal text it would reach the server looking like a value.
 */
export function findReferences(text: string): ReferenceMatch[] {
  const found: ReferenceMatch[] = [];
  let last = 0;
  for (const m of text.matchAll(referencePattern)) {
    checkUnclosed(text, last, m.index);
    last = m.index + m[0].length;
    if (m[1]) continue;
    const expression = m[2] ?? '';
    found.push({ start: m.index, end: m.index + m[0].length, expression, path: parsePath(expression) });
  }
  checkUnclosed(text, last, text.length);
  return found;
}

/** Throws when text[from, to), which holds no complete reference, opens one (`${`, not the escaped `$${`). */
function checkUnclosed(text: string, from: number, to: number): void {
  const at = text.indexOf('${', from);
  if (at < 0 || at >= to) return;
  if (at > 0 && text[at - 1] === '$' && at - 1 >= from) return checkUnclosed(text, at + 2, to);
  const rest = text.slice(at, to);
  throw new ReferenceError(`unclosed reference "${rest.length > 60 ? `${rest.slice(0, 57)}...` : rest}": the closing "}" is missing`, rest.slice(2));
}

/** Formats a path back to its written form, for messages. */
export function formatPath(path: readonly PathSegment[]): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

/** Follows a path through a scope; throws ReferenceError naming the first missing segment. */
export function lookupPath(scope: Record<string, unknown>, path: readonly PathSegment[], expression: string): unknown {
  let value: unknown = scope;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i]!;
    const here = formatPath(path.slice(0, i)) || 'the scope';
    if (segment === 'length' && (Array.isArray(value) || typeof value === 'string')) {
      value = value.length;
      continue;
    }
    if (value === null || typeof value !== 'object') {
      throw new ReferenceError(`\${${expression}}: ${here} is ${describe(value)}, so it has no "${segment}"`, expression);
    }
    if (typeof segment === 'number' && !Array.isArray(value)) {
      throw new ReferenceError(`\${${expression}}: ${here} is not an array, so [${segment}] does not exist`, expression);
    }
    if (!Object.prototype.hasOwnProperty.call(value, segment)) {
      const what = i === 1 && path[0] === 'steps' ? `no step "${segment}" has run before this one` : `${here} has no "${segment}"`;
      throw new ReferenceError(`\${${expression}}: ${what}`, expression);
    }
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  return `a ${typeof value} (${JSON.stringify(value)})`;
}

/** Whether any string in a JSON value holds a `${` (a reference, or an escaped `$${` that resolving rewrites). */
export function hasReferences(template: unknown): boolean {
  if (typeof template === 'string') return template.includes('${');
  if (Array.isArray(template)) return template.some(hasReferences);
  if (template !== null && typeof template === 'object') return Object.values(template).some(hasReferences);
  return false;
}

/** Resolves every reference in a JSON value: whole-string references keep their type, others become text. */
export function resolveTemplate(template: unknown, scope: Record<string, unknown>): unknown {
  if (typeof template === 'string') return resolveString(template, scope);
  if (Array.isArray(template)) return template.map((v) => resolveTemplate(v, scope));
  if (template !== null && typeof template === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(template)) out[k] = resolveTemplate(v, scope);
    return out;
  }
  return template;
}

function resolveString(text: string, scope: Record<string, unknown>): unknown {
  const refs = findReferences(text);
  const only = refs[0];
  if (refs.length === 1 && only && only.start === 0 && only.end === text.length) {
    return lookupPath(scope, only.path, only.expression);
  }
  let out = '';
  let last = 0;
  for (const m of text.matchAll(referencePattern)) {
    out += text.slice(last, m.index);
    last = m.index + m[0].length;
    if (m[1]) {
      out += `\${${m[2] ?? ''}}`;
      continue;
    }
    const expression = m[2] ?? '';
    const value = lookupPath(scope, parsePath(expression), expression);
    out += typeof value === 'string' ? value : JSON.stringify(value);
  }
  return out + text.slice(last);
}
