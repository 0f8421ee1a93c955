// `when` conditions and `expect` assertions: one comparison vocabulary for both, so a file author learns
// it once. A failed comparison returns a sentence saying what was found and what was wanted.
import { lookupPath, parsePath, resolveTemplate } from './references';
import type { Comparison, Condition } from './types';

/** Whether a `when` holds in the current scope. Reference errors propagate as ReferenceError. */
export function evaluateWhen(condition: Condition, scope: Record<string, unknown>): boolean {
  if (typeof condition === 'string') return truthy(resolveTemplate(condition, scope));
  return compare(resolveTemplate(condition.value, scope), condition) === undefined;
}

/** Checks `expect` assertions against a step's result; returns one message per failed assertion. */
export function checkExpectations(expectations: Comparison[], result: unknown): string[] {
  const failures: string[] = [];
  for (const e of expectations) {
    const path = e.path ?? '';
    let value: unknown;
    let present = true;
    try {
      value = path === '' ? result : lookupPath({ result }, ['result', ...parsePath(path)], path);
    } catch {
      present = false;
    }
    const problem = present ? compare(value, e) : e.exists === false ? undefined : 'is missing';
    if (problem) failures.push(e.message ? `${e.message} (${path || 'result'} ${problem})` : `expected ${path || 'result'} ${describeWanted(e)}, but it ${problem}`);
  }
  return failures;
}

/** Undefined when the value satisfies every operator of the comparison, else what was wrong. */
function compare(value: unknown, c: Comparison): string | undefined {
  const shown = JSON.stringify(value);
  if (c.exists !== undefined && (value !== undefined && value !== null) !== c.exists) return c.exists ? 'is missing' : `is ${shown}`;
  if ('equals' in c && !deepEqual(value, c.equals)) return `is ${shown}`;
  if ('notEquals' in c && deepEqual(value, c.notEquals)) return `is ${shown}`;
  if (c.greaterThan !== undefined && !(typeof value === 'number' && value > c.greaterThan)) return `is ${shown}`;
  if (c.lessThan !== undefined && !(typeof value === 'number' && value < c.lessThan)) return `is ${shown}`;
  if (c.matches !== undefined && !new RegExp(c.matches).test(typeof value === 'string' ? value : shown)) return `is ${shown}`;
  if (c.minLength !== undefined) {
    const length = Array.isArray(value) || typeof value === 'string' ? value.length : -1;
    if (length < c.minLength) return length < 0 ? `is ${shown}, not a list` : `has length ${length}`;
  }
  return undefined;
}

function describeWanted(c: Comparison): string {
  const parts: string[] = [];
  if (c.exists !== undefined) parts.push(c.exists ? 'to exist' : 'to be absent');
  if ('equals' in c) parts.push(`to equal ${JSON.stringify(c.equals)}`);
  if ('notEquals' in c) parts.push(`not to equal ${JSON.stringify(c.notEquals)}`);
  if (c.greaterThan !== undefined) parts.push(`to be greater than ${c.greaterThan}`);
  if (c.lessThan !== undefined) parts.push(`to be less than ${c.lessThan}`);
  if (c.matches !== undefined) parts.push(`to match /${c.matches}/`);
  if (c.minLength !== undefined) parts.push(`to have at least ${c.minLength} items`);
  return parts.join(' and ') || 'to hold';
}

function truthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return Boolean(value);
}

/** Structural equality of JSON values. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
