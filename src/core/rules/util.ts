// Small helpers several rules share.
import type { JsonDoc, MessageDef, PromptDef, TextValue, ToolDef } from '../model';
import { perContext, perObject } from './memo';
import type { CheckContext } from './rule';
import { libraryOf } from '../project';

/** Levenshtein distance, for "did you mean". */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

/** The closest candidate within a distance that scales with the name's length, if any. */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(name.length / 3)) + 1;
  for (const c of candidates) {
    const d = editDistance(name.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

/** Every message of a prompt, workflow guidance included. */
/** The file a text is written in: its own (a const imported from a sibling module), else its owner's. */
export const fileOfText = (text: TextValue | undefined, ownerFile: string): string => text?.file ?? ownerFile;

export function promptMessages(prompt: PromptDef): MessageDef[] {
  return [...prompt.messages, ...(prompt.steps ?? []).flatMap((s) => (s.guidance ? [s.guidance] : []))];
}

/** Every property name anywhere in a schema (nested objects and array items included). */
export function schemaPropertyNames(schema: unknown, out = new Set<string>()): Set<string> {
  if (!schema || typeof schema !== 'object') return out;
  const s = schema as Record<string, unknown>;
  const props = s['properties'];
  if (props && typeof props === 'object') {
    for (const [name, sub] of Object.entries(props)) {
      out.add(name);
      schemaPropertyNames(sub, out);
    }
  }
  for (const key of ['items', 'additionalProperties']) schemaPropertyNames(s[key], out);
  for (const key of ['anyOf', 'oneOf', 'allOf']) for (const sub of Array.isArray(s[key]) ? (s[key] as unknown[]) : []) schemaPropertyNames(sub, out);
  return out;
}

/** Every property name anywhere in a schema, read once per parsed schema (callers must not change the set). */
export const propertyNamesOf = perObject((doc: JsonDoc): ReadonlySet<string> => schemaPropertyNames(doc.value));

/** The sub-schema a dotted/JSON-pointer-ish path (`customers[0].customer_id`, `orders.0.id`) reaches, if any. */
export function schemaAtPath(schema: unknown, path: string): unknown {
  let current = schema as Record<string, unknown> | undefined;
  for (const part of path.split(/[.[\]/]+/).filter(Boolean)) {
    if (!current || typeof current !== 'object') return undefined;
    if (/^\d+$/.test(part) || part === '*') {
      current = current['items'] as Record<string, unknown> | undefined;
      continue;
    }
    const props = current['properties'] as Record<string, unknown> | undefined;
    if (!props || !(part in props)) return undefined;
    current = props[part] as Record<string, unknown>;
  }
  return current;
}


const toolsByProgram = perContext((ctx: CheckContext): Map<string, ToolDef[]> => {
  const out = new Map<string, ToolDef[]>();
  for (const t of ctx.tools) {
    const program = ctx.programOf(t.file);
    out.set(program, [...(out.get(program) ?? []), t]);
  }
  return out;
});

/**
 * The tools a server built in a file can call: those of the file's own program and of its crate's library (an
 * example or a binary uses it). Undefined when the program itself declares or registers no tool: it builds
 * workflows without serving them, or serves them with tools the sources read do not show, so what its steps call
 * is unknown.
 */
export function toolsVisibleFrom(ctx: CheckContext, file: string): Map<string, ToolDef[]> | undefined {
  const program = ctx.programOf(file);
  const own = toolsByProgram(ctx).get(program);
  if (!own) return undefined;
  const library = libraryOf(program);
  const byName = new Map<string, ToolDef[]>();
  for (const t of [...own, ...(program === library ? [] : (toolsByProgram(ctx).get(library) ?? []))]) byName.set(t.name, [...(byName.get(t.name) ?? []), t]);
  return byName;
}

const toolsByProject = perContext((ctx: CheckContext): Map<string, Map<string, ToolDef[]>> => {
  const out = new Map<string, Map<string, ToolDef[]>>();
  for (const t of ctx.tools) {
    const project = ctx.projectOf(t.file);
    let byName = out.get(project);
    if (!byName) out.set(project, (byName = new Map()));
    byName.set(t.name, [...(byName.get(t.name) ?? []), t]);
  }
  return out;
});

/** The tools of a file's project (both languages), by name: what its texts can name, whatever else is checked. */
export function projectTools(ctx: CheckContext, file: string): Map<string, ToolDef[]> {
  return toolsByProject(ctx).get(ctx.projectOf(file)) ?? new Map();
}
