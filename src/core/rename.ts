// Every place a tool name stands in a workspace, for "find references" and "rename": its declarations and
// `.tool("x", h)` registrations, mentions in prompt text, pmcp workflow steps, "ID from X output" wordings in
// argument descriptions, other tools' descriptions naming it ("use its id with order_history"), descriptions
// inside input and output schemas ("Use with order_history"), servers' instructions ("call list_projects first"), and
// `"tool": "x"` in workflow files. A rename is all-or-nothing: every reference becomes one edit of exactly the name's
// characters, found in the file's current text.
import { parseTree, type Node as JsonNode } from 'jsonc-parser';
import type { Range } from './diagnostic';
import type { FileModel, SourceSpan } from './model';
import { createCheckContext } from './check';
import { workspaceArguments } from './rules/id-sources';
import { VALID_NAME } from './rules/names-invalid';
import { subSchemas } from './rules/schema-walk';
import { fileOfText, promptMessages } from './rules/util';
import { LineIndex } from './text/line-index';

export type ReferenceKind = 'declaration' | 'registration' | 'prompt-text' | 'workflow-step' | 'id-source' | 'tool-description' | 'schema-description' | 'instructions' | 'workflow-file';

export interface NameReference {
  file: string;
  /** Exactly the characters of the name. */
  range: Range;
  kind: ReferenceKind;
  /** A declaration whose name is not a string literal (a `#[mcp_tool]` function name): renaming it is a code change. */
  derived?: boolean;
}

/** The texts the references are found in: the open buffer when there is one, else the file on disk. */
export type TextOf = (file: string) => string | undefined;


const LOOKS_LIKE_NAME = /[_.\-\d]|[a-z][A-Z]/;
const QUOTES = new Set(['"', "'", '`']);
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Ranges of the name standing alone (not inside a longer name) within [span.start, span.end) of the text. */
function occurrencesIn(text: string, span: { start: number; end: number }, name: string): { start: number; end: number }[] {
  const re = new RegExp(`(?<![\\w.-])${escape(name)}(?![\\w-]|\\.\\w)`, 'g');
  re.lastIndex = span.start;
  const out: { start: number; end: number }[] = [];
  for (let m = re.exec(text); m && m.index + name.length <= span.end; m = re.exec(text)) out.push({ start: m.index, end: m.index + name.length });
  return out;
}


/** Every reference to the tool `name` in the sources (models) and workflow files (their paths and texts). */
export function toolReferences(models: FileModel[], name: string, textOf: TextOf, workflowFiles: Iterable<string> = []): NameReference[] {
  const spans = new Map<string, { span: SourceSpan; kind: ReferenceKind; many?: boolean; describe?: boolean }[]>();
  const add = (file: string, span: SourceSpan, kind: ReferenceKind, many = false, describe = false) => spans.set(file, [...(spans.get(file) ?? []), { span, kind, many, describe }]);
  for (const model of models) {
    for (const tool of model.tools) {
      if (tool.name === name) add(tool.file, tool.nameSpan, tool.style === 'registration' ? 'registration' : 'declaration');
      else if (tool.description?.value.includes(name)) add(fileOfText(tool.description, tool.file), tool.description.span, 'tool-description', true);
    }
    for (const prompt of model.prompts) {
      for (const message of promptMessages(prompt)) for (const m of message.template.mentions) if (m.name === name && !m.templated && m.form !== 'title') add(fileOfText(message.text, prompt.file), m.span, 'prompt-text');
      for (const step of prompt.steps ?? []) if (step.tool === name) add(prompt.file, step.toolSpan, 'workflow-step');
    }
    // As a description, the whole text is searched: "before delete_project" names the tool in no form a mention
    // is read in, and a rename must not leave it behind.
    for (const def of model.instructions ?? []) if (def.text.value.includes(name)) add(fileOfText(def.text, def.file), def.text.span, 'instructions', true);
  }
  // A description may say "from X output" in any wording the ID rules read; the whole description is searched, so
  // a second mention of the tool in it ("then call X again") is renamed with it.
  for (const argument of workspaceArguments(createCheckContext(models))) {
    if (!argument.mentions.some((m) => m.name === name)) continue;
    const span = argument.descriptionSpan;
    if (span) add(argument.file, span, 'id-source', true, argument.descriptionInExpression);
  }
  // Descriptions anywhere in a schema. A JSON literal records where each description is; a zod schema records
  // the whole `z….describe('…')` expression, of which only the text after its last `.describe(` is searched
  // (before it may stand nested property names, which are data, not tool names).
  for (const model of models) {
    for (const tool of model.tools) {
      for (const doc of [tool.inputSchema, tool.outputSchema]) {
        for (const { schema, pointer } of doc ? subSchemas(doc) : []) {
          const description = schema['description'];
          if (typeof description !== 'string' || !description.includes(name)) continue;
          const own = doc!.locations[`${pointer}/description`]?.value;
          const whole = doc!.locations[pointer]?.value;
          if (own) add(doc!.file ?? tool.file, own, 'schema-description', true);
          else if (whole && doc!.origin === 'zod') add(doc!.file ?? tool.file, whole, 'schema-description', true, true);
        }
      }
    }
  }
  const out: NameReference[] = [];
  for (const [file, list] of spans) {
    const text = textOf(file);
    if (text === undefined) continue;
    const lines = new LineIndex(text);
    const range = (start: number, end: number) => lines.rangeOf(start, end);
    const seen = new Set<number>();
    for (const { span, kind, many, describe } of list) {
      const from = describe ? text.lastIndexOf('.describe(', span.end) : span.start;
      if (from < span.start) continue;
      const found = occurrencesIn(text, { start: from, end: span.end }, name);
      // A declaration literal holds the name once; a description may hold it several times. In prose, a name that
      // could be an ordinary word ("search") counts only in backticks, or as the one "from X" of an ID description.
      const prose = (o: { start: number }) => LOOKS_LIKE_NAME.test(name) || text[o.start - 1] === '`';
      const picked = !many ? found.slice(-1) : found.filter(prose).length > 0 || kind !== 'id-source' ? found.filter(prose) : found.slice(0, 1);
      for (const o of picked) {
        if (seen.has(o.start)) continue;
        seen.add(o.start);
        const declared = kind === 'declaration' || kind === 'registration';
        const quoted = QUOTES.has(text[o.start - 1] ?? '') && QUOTES.has(text[o.end] ?? '');
        out.push({ file, range: range(o.start, o.end), kind, ...(declared && !quoted ? { derived: true } : {}) });
      }
    }
  }
  for (const file of workflowFiles) {
    const text = textOf(file);
    if (text === undefined) continue;
    const lines = new LineIndex(text);
    const range = (start: number, end: number) => lines.rangeOf(start, end);
    for (const node of toolValues(parseTree(text), name)) out.push({ file, range: range(node.offset + 1, node.offset + node.length - 1), kind: 'workflow-file' });
  }
  return out.sort((a, b) => a.file.localeCompare(b.file) || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

/** `"tool": "<name>"` string values anywhere in a workflow file (steps, parallel groups, forEach bodies, rollbacks). */
function toolValues(root: JsonNode | undefined, name: string, out: JsonNode[] = []): JsonNode[] {
  if (!root) return out;
  if (root.type === 'property') {
    const [key, value] = root.children ?? [];
    if (key?.value === 'tool' && value?.type === 'string' && value.value === name && value.length === name.length + 2) out.push(value);
  }
  for (const child of root.children ?? []) toolValues(child, name, out);
  return out;
}

export interface RenameResult {
  edits: (NameReference & { newText: string })[];
}

/** The edits renaming tool `from` to `to` everywhere, or why it cannot be done. */
export function renameTool(models: FileModel[], from: string, to: string, textOf: TextOf, workflowFiles: Iterable<string> = []): RenameResult | { error: string } {
  if (!VALID_NAME.test(to)) return { error: `"${to}" is not a valid MCP tool name: use 1 to 128 letters, digits, "_", "-" and ".".` };
  if (to === from) return { edits: [] };
  if (models.some((m) => m.tools.some((t) => t.name === to))) return { error: `A tool named "${to}" already exists; clients address tools by name, so two cannot share it.` };
  const references = toolReferences(models, from, textOf, workflowFiles);
  const derived = references.find((r) => r.derived);
  if (derived) return { error: `The name "${from}" is derived from code at ${derived.file}:${derived.range.start.line + 1}:${derived.range.start.character + 1} (not a string literal); give the tool an explicit name there first.` };
  if (!references.some((r) => r.kind === 'declaration' || r.kind === 'registration')) return { error: `No declaration of the tool "${from}" was found in the workspace, so it cannot be renamed here.` };
  return { edits: references.map((r) => ({ ...r, newText: to })) };
}
