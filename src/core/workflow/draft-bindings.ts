// How a drafted step's arguments are bound: a literal the prompt gives next to the tool, a field of an earlier
// step's output (the parameter's description says "ID from X output", or, for a required one, X's output has a
// field of that name, for an ID), a prompt argument of that name (a workflow input), and otherwise, for a required
// parameter, a "TODO: …" value a person must replace.
import type { ArgumentDef } from '../model';
import { formatPath, type PathSegment } from './references';
import type { WorkflowInput } from './types';

/** A tool as the draft reads it: plain JSON Schemas and its description. */
export interface DraftTool {
  name: string;
  description?: string;
  inputSchema?: Record<string, unknown>;
  outputSchema?: Record<string, unknown>;
}

/** A step drafted before the one being bound, whose output it may read. */
export interface EarlierStep {
  id: string;
  tool: DraftTool;
}

/** What binding one step's arguments needs to know. */
export interface BindContext {
  earlier: readonly EarlierStep[];
  promptArguments: readonly ArgumentDef[];
  literals: ReadonlyMap<string, string>;
  /** Inputs declared so far (filled in as prompt arguments are used). */
  inputs: Record<string, WorkflowInput>;
  /** The step comes right after an approval gate. */
  approved: boolean;
  /** The step runs as a rollback step, where `${checkpoint.name}` is known. */
  rollback?: boolean;
}

type Schema = Record<string, unknown>;

/** The arguments of a call of `tool`, bound as the module comment says. */
export function bindArguments(tool: DraftTool, ctx: BindContext): Record<string, unknown> {
  const properties = (tool.inputSchema?.['properties'] ?? {}) as Record<string, Schema>;
  const required = new Set(Array.isArray(tool.inputSchema?.['required']) ? (tool.inputSchema['required'] as string[]) : []);
  const args: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(properties)) {
    const value = bindOne(name, schema ?? {}, required.has(name), ctx);
    if (value !== undefined) args[name] = value;
  }
  return args;
}

function bindOne(name: string, schema: Schema, required: boolean, ctx: BindContext): unknown {
  const literal = ctx.literals.get(name);
  if (literal !== undefined) return coerce(literal, schemaType(schema));
  const named = fromNamedStep(name, schema, ctx.earlier);
  if (named) return named;
  const shared = required && isIdentifier(name) ? fromSharedField(name, ctx.earlier) : undefined;
  if (shared) return shared;
  const argument = ctx.promptArguments.find((a) => a.name === name);
  if (argument) return useInput(argument, schema, ctx.inputs);
  if (!required) return undefined;
  return fromRun(name, schema, ctx) ?? todoFor(name, schema);
}

/** "ID from X output" (or "from X"): the field of that name in X's output, when X ran before. */
function fromNamedStep(name: string, schema: Schema, earlier: readonly EarlierStep[]): string | undefined {
  const description = typeof schema['description'] === 'string' ? schema['description'] : '';
  for (const m of description.matchAll(/\bfrom\s+(?:the\s+)?`?([A-Za-z0-9_.-]+)`?/gi)) {
    const step = [...earlier].reverse().find((s) => s.tool.name === m[1]);
    const path = step && findField(step.tool.outputSchema, name, true);
    if (step && path) return reference(step.id, path);
  }
  return undefined;
}

/**
 * An ID-like name (`id`, `customer_id`, `requestKey`): what steps hand on to each other. Other shared names (a
 * `name`, a `segment`) are more often a new value than the earlier step's one, so a person decides them.
 */
function isIdentifier(name: string): boolean {
  return /^id$|[_-](?:id|key)$|[a-z](?:Id|Key)$/.test(name);
}

/** The earliest step whose output has a field of this name: an ID comes from the step that found it. */
function fromSharedField(name: string, earlier: readonly EarlierStep[]): string | undefined {
  for (const step of earlier) {
    const path = findField(step.tool.outputSchema, name, false);
    if (path) return reference(step.id, path);
  }
  return undefined;
}

/** Values the run itself knows: its id for a `workflow_id`, the checkpoint's name in a rollback, a gate's yes. */
function fromRun(name: string, schema: Schema, ctx: BindContext): unknown {
  if (name === 'workflow_id') return '${run.id}';
  if (ctx.rollback && name === 'checkpoint_name') return '${checkpoint.name}';
  if (ctx.approved && /^confirm(?:ed)?$/.test(name) && schemaType(schema) === 'boolean') return true;
  return undefined;
}

/** `${inputs.NAME}`, declaring the input: the parameter's type (prompt arguments are text on the wire). */
export function useInput(argument: ArgumentDef, schema: Schema, inputs: Record<string, WorkflowInput>): string {
  if (!inputs[argument.name]) {
    const type = schemaType(schema);
    const input: WorkflowInput = { type: type === 'integer' || type === 'number' || type === 'boolean' ? type : 'string' };
    const description = argument.description?.value;
    if (description) input.description = description;
    const fallback = description && /\(default:?\s+([^)\s]+)\)/i.exec(description)?.[1];
    if (!argument.required && fallback) input.default = coerce(fallback, input.type);
    inputs[argument.name] = input;
  }
  return `\${inputs.${argument.name}}`;
}

function todoFor(name: string, schema: Schema): string {
  const type = schemaType(schema);
  const choices = Array.isArray(schema['enum']) ? `one of ${schema['enum'].map((v) => JSON.stringify(v)).join(', ')}` : type;
  const description = typeof schema['description'] === 'string' ? `: ${schema['description']}` : '';
  return `TODO: ${name}${choices ? ` (${choices})` : ''}${description}`;
}

function reference(stepId: string, path: PathSegment[]): string {
  return `\${steps.${stepId}.result.${formatPath(path)}}`;
}

/**
 * What a tool going "in batches" goes through: the earliest `<thing>_count` of an earlier output whose thing the
 * tool's name speaks of (`record_count` for `transform_records`), as `${steps.X.result.record_count}`.
 */
export function batchItems(tool: string, earlier: readonly EarlierStep[]): string | undefined {
  const words = tool.split(/[_.-]/).map((w) => w.replace(/e?s$/, ''));
  for (const step of earlier) {
    const counts = Object.keys((step.tool.outputSchema?.['properties'] ?? {}) as object).filter((k) => k.endsWith('_count'));
    const count = counts.find((k) => words.includes(k.slice(0, -'_count'.length)));
    if (count) return reference(step.id, [count]);
  }
  return undefined;
}

/**
 * The shallowest path to a field named `name` in an output schema (array items read as `[0]`). With `loose`,
 * a `candidate_id` also finds the `id` of `candidates[0]`, and a lone `id` field does when nothing else fits.
 */
export function findField(schema: Schema | undefined, name: string, loose: boolean): PathSegment[] | undefined {
  const fields = fieldPaths(schema);
  const exact = fields.find((p) => p[p.length - 1] === name);
  if (exact || !loose || !name.endsWith('_id')) return exact;
  const ids = fields.filter((p) => p[p.length - 1] === 'id');
  const base = name.slice(0, -3);
  const owned = ids.find((p) => [base, `${base}s`, `${base}es`].includes(String(p.filter((s) => typeof s === 'string').at(-2))));
  return owned ?? (ids.length === 1 ? ids[0] : undefined);
}

/** Every field path of a schema, breadth first (shallow ones first), at most 4 deep. */
function fieldPaths(schema: Schema | undefined): PathSegment[][] {
  const out: PathSegment[][] = [];
  let level: { node: Schema; path: PathSegment[] }[] = schema ? [{ node: schema, path: [] }] : [];
  for (let depth = 0; depth < 4 && level.length; depth++) {
    const next: typeof level = [];
    for (const { node, path } of level) {
      for (const [key, child] of Object.entries((node['properties'] ?? {}) as Record<string, Schema>)) {
        const here = [...path, key];
        out.push(here);
        const items = child && typeof child === 'object' ? child['items'] : undefined;
        if (items && typeof items === 'object' && !Array.isArray(items)) next.push({ node: items as Schema, path: [...here, 0] });
        else if (child && typeof child === 'object' && child['properties']) next.push({ node: child, path: here });
      }
    }
    level = next;
  }
  return out;
}

function schemaType(schema: Schema): string | undefined {
  const type = schema['type'];
  return typeof type === 'string' ? type : Array.isArray(type) ? type.find((t): t is string => typeof t === 'string' && t !== 'null') : undefined;
}

/** A literal from prompt text as the parameter's type. */
function coerce(text: string, type: string | undefined): unknown {
  const unquoted = /^(["']).*\1$/.test(text) ? text.slice(1, -1) : text;
  if ((type === 'integer' || type === 'number') && /^-?\d+(?:\.\d+)?$/.test(unquoted)) return Number(unquoted);
  if (type === 'boolean' && /^(?:true|false)$/.test(unquoted)) return unquoted === 'true';
  return unquoted;
}
