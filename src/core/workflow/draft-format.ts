// The text of a drafted workflow file (keys in the order the docs write them, so a draft reads like the
// examples and two drafts of one prompt are byte for byte the same) and the "TODO: …" values left in it.
import { pointerSegment } from '../json/json-doc';
import type { Workflow } from './types';

/** A place in a draft a person must decide: the JSON pointer of its "TODO: …" value, and what to decide. */
export interface Todo {
  pointer: string;
  why: string;
}

/** The prefix of a value left for a person to decide; the static check reports every string that starts so. */
export const TODO_PREFIX = 'TODO:';

const TOP_KEYS = ['$schema', 'id', 'title', 'description', 'server', 'inputs', 'defaults', 'steps', 'rollback'];
const STEP_KEYS = ['id', 'title', 'when', 'tool', 'forEach', 'arguments', 'parallel', 'approval', 'checkpoint', 'stateMachine', 'timeoutMs', 'retry', 'expect', 'onError'];

/** The workflow as file text: two-space JSON, keys in a fixed order, `$schema` first when given. */
export function formatWorkflow(workflow: Workflow, schema?: string): string {
  const top: Record<string, unknown> = { ...(schema ? { $schema: schema } : {}), ...workflow };
  const ordered = orderKeys(top, TOP_KEYS);
  for (const list of ['steps', 'rollback'] as const) {
    const steps = ordered[list];
    if (Array.isArray(steps)) ordered[list] = steps.map(orderStep);
  }
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

function orderStep(step: unknown): unknown {
  const ordered = orderKeys(step as Record<string, unknown>, STEP_KEYS);
  if (Array.isArray(ordered['parallel'])) ordered['parallel'] = ordered['parallel'].map(orderStep);
  return ordered;
}

/** The object with `first` keys in that order, then the rest in their own order. */
function orderKeys(value: Record<string, unknown>, first: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of first) if (key in value) out[key] = value[key];
  for (const [key, v] of Object.entries(value)) if (!(key in out)) out[key] = v;
  return out;
}

/** Every "TODO: …" string in a value, with its JSON pointer. */
export function findTodos(value: unknown, pointer = ''): Todo[] {
  if (typeof value === 'string') return value.startsWith(TODO_PREFIX) ? [{ pointer, why: value.slice(TODO_PREFIX.length).trim() }] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => findTodos(v, `${pointer}/${i}`));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => findTodos(v, `${pointer}/${pointerSegment(k)}`));
  return [];
}
