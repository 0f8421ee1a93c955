// What a file's model tells the cross-file rules about it, for the incremental re-check (check-engine.ts): the
// facts other files' findings can depend on (each declared tool, prompt and resource with what is read of it, the data names
// and error codes it holds, the file's program), each tagged with the name it is looked up by; and the words a
// model holds anywhere, so the files that may name a changed declaration are found without reading them.
import type { FileModel, JsonDoc, PromptDef, ResourceDef, ToolDef } from './model';
import type { Rule } from './rules/rule';

/** A model's facts: fact key → the name it is looked up by ('' for facts about the whole file). */
export type FileFacts = Map<string, string>;

const CODE = /\b[A-Z][A-Z0-9_]{2,}\b/g;

function schemaFacts(out: FileFacts, tool: string, which: 'in' | 'out', doc: JsonDoc | undefined): void {
  if (!doc) return;
  const names = new Set<string>();
  collectKeys(doc.value, names);
  // Whether the schema parsed is part of each name's fact: rules take only a clean schema's properties (a tool
  // outputs a field another takes), so a schema gaining or losing errors changes what each of its names means.
  const clean = doc.errors.length === 0 ? 'clean' : 'errors';
  for (const name of names) out.set(`${which}\u0000${tool}\u0000${clean}\u0000${name}`, name);
  for (const code of JSON.stringify(doc.value ?? null).match(CODE) ?? []) out.set(`code\u0000${which}\u0000${tool}\u0000${code}`, code);
}

function collectKeys(value: unknown, out: Set<string>): void {
  if (Array.isArray(value)) for (const v of value) collectKeys(v, out);
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      out.add(key);
      collectKeys(v, out);
    }
  }
}

const spanOf = (d: ToolDef | PromptDef) => [d.span.range, d.nameSpan.range];

function toolFacts(out: FileFacts, tool: ToolDef): void {
  const doc = (d: JsonDoc | undefined) => (d ? [d.value, d.errors.length, d.file, d.origin] : null);
  // Annotations are read of another file's tool (is it destructive, is a retry safe) by the prompts naming it.
  const annotations = tool.annotations === undefined ? 'unknown' : tool.annotations && [tool.annotations.value, tool.annotations.errors.length];
  const mentions = tool.mentions?.map((m) => [m.name, m.weak === true]) ?? null;
  const what = [tool.style, tool.server, tool.branches, spanOf(tool), tool.title, tool.description?.value, doc(tool.inputSchema), doc(tool.outputSchema), annotations, mentions];
  out.set(`tool\u0000${tool.name}\u0000${JSON.stringify(what)}`, tool.name);
  schemaFacts(out, tool.name, 'in', tool.inputSchema);
  schemaFacts(out, tool.name, 'out', tool.outputSchema);
  for (const code of tool.description?.value.match(CODE) ?? []) out.set(`code\u0000description\u0000${tool.name}\u0000${code}`, code);
}

function promptFacts(out: FileFacts, prompt: PromptDef): void {
  const what = [prompt.style, prompt.server, prompt.branches, spanOf(prompt), prompt.arguments.map((a) => [a.name, a.required])];
  out.set(`prompt\u0000${prompt.name}\u0000${JSON.stringify(what)}`, prompt.name);
  for (const a of prompt.arguments) out.set(`arg\u0000${prompt.name}\u0000${a.name}`, a.name);
}

/** A resource as names/duplicate reads it of another file: its URI and name, each a name it is looked up by. */
function resourceFacts(out: FileFacts, def: ResourceDef): void {
  const what = JSON.stringify([def.name, def.uri?.value, def.uriPartial, def.template, def.style, def.server, def.branches, def.nameSpan.range, def.uri?.span.range]);
  out.set(`resource\u0000name\u0000${what}`, def.name);
  if (def.uri) out.set(`resource\u0000uri\u0000${what}`, def.uri.value);
}

/** The facts of a model that other files' findings can depend on; `program` is the model's program. Rules that
 * read more of another file than these add their own (Rule.facts). */
export function factsOf(model: FileModel, program: string, rules: readonly Rule[] = []): FileFacts {
  const out: FileFacts = new Map();
  out.set(`file\u0000${JSON.stringify([program, model.unreadToolNames ?? 0, model.serverFactories ?? null, model.dependencies ?? null])}`, '');
  for (const tool of model.tools) toolFacts(out, tool);
  for (const prompt of model.prompts) promptFacts(out, prompt);
  for (const resource of model.resources ?? []) resourceFacts(out, resource);
  for (const rule of rules) for (const [key, name] of rule.facts?.(model, program) ?? []) out.set(`${rule.id}\u0000${key}`, name);
  return out;
}

/** What changed between two facts of a file: the names to look for, and whether a whole-file fact changed. */
export function diffFacts(before: FileFacts | undefined, after: FileFacts | undefined): { names: Set<string>; wholeFile: boolean } {
  const names = new Set<string>();
  let wholeFile = false;
  const note = (key: string, name: string) => {
    if (name === '') wholeFile = true;
    else names.add(name);
    return key;
  };
  for (const [key, name] of before ?? []) if (!after?.has(key)) note(key, name);
  for (const [key, name] of after ?? []) if (!before?.has(key)) note(key, name);
  return { names, wholeFile };
}

const WORD_RUNS = /[\w.-]+/g;
/** Members holding positions or a second copy of a text (a decoded text's value is its owner's `value`). */
const SKIPPED = /^(?:span|range|locations|decoded|lineStarts)$|Span$/;

/** Every word a model holds in any string or key (names, texts, schemas, mentions, instructions), as a name could be looked up,
 * and the words rules look their own facts up by (Rule.words). */
export function wordsOf(model: FileModel, rules: readonly Rule[] = []): Set<string> {
  const out = new Set<string>();
  const add = (s: string) => {
    if (s.length < 200) out.add(s);
    for (const run of s.match(WORD_RUNS) ?? []) {
      out.add(run);
      if (!/[.-]/.test(run)) continue;
      out.add(run.replace(/^[.-]+|[.-]+$/g, ''));
      for (const part of run.split(/[.-]+/)) out.add(part);
    }
  };
  const seen = new Set<object>();
  const walk = (value: unknown): void => {
    if (typeof value === 'string') add(value);
    else if (value && typeof value === 'object' && !seen.has(value)) {
      seen.add(value);
      if (Array.isArray(value)) {
        if (typeof value[0] !== 'number') for (const v of value) walk(v);
        return;
      }
      for (const [key, v] of Object.entries(value)) {
        if (SKIPPED.test(key)) continue;
        add(key);
        walk(v);
      }
    }
  };
  walk(model.prompts);
  walk(model.tools);
  walk(model.resources);
  // A server's instructions name tools of the project as a prompt does: adding or renaming one judges them again.
  walk(model.instructions);
  for (const rule of rules) for (const word of rule.words?.(model) ?? []) out.add(word);
  return out;
}
