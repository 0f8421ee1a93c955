// Outline (document symbols), workspace symbols and folding ranges: prompts with their arguments and workflow
// steps, tools with their input and output fields, resources with their URI parameters, servers' instructions, the
// steps of a workflow file; folds for prompt texts that span lines. Thin translations of the core's models into LSP
// shapes.
import { SymbolKind, type DocumentSymbol, type FoldingRange, type Range, type SymbolInformation } from 'vscode-languageserver/node';
import { parseTree, type Node as JsonNode } from 'jsonc-parser';
import type { FileModel, InstructionsDef, JsonDoc, PromptDef, ResourceDef, ToolDef } from '../core/model';
import { LineIndex } from '../core/text/line-index';
import { promptMessages } from '../core/rules/util';
import { fileToUri } from './convert';

const before = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
const contains = (outer: Range, inner: Range) => before(outer.start, inner.start) && before(inner.end, outer.end);

/** A symbol whose selection lies inside its range (a name read from elsewhere is selected as the whole). */
function symbol(name: string, kind: SymbolKind, range: Range, selection: Range, detail?: string, children?: DocumentSymbol[]): DocumentSymbol {
  const selectionRange = contains(range, selection) ? selection : range;
  return { name: name || '(unnamed)', kind, range, selectionRange, ...(detail ? { detail } : {}), ...(children?.length ? { children: children.filter((c) => contains(range, c.range)) } : {}) };
}

/** The top-level fields of a schema written in the tool's own file, each at its member. */
function fieldSymbols(tool: ToolDef, doc: JsonDoc | undefined, which: 'input' | 'output'): DocumentSymbol[] {
  if (!doc || (doc.file && doc.file !== tool.file)) return [];
  const props = (doc.value as { properties?: Record<string, { type?: unknown }> } | undefined)?.properties;
  if (!props || typeof props !== 'object') return [];
  return Object.entries(props).flatMap(([name, schema]) => {
    const at = doc.locations[`/properties/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`];
    if (!at) return [];
    const type = typeof schema?.type === 'string' ? `: ${schema.type}` : '';
    return [symbol(name, which === 'input' ? SymbolKind.Field : SymbolKind.Property, at.key ? { start: at.key.range.start, end: at.value.range.end } : at.value.range, (at.key ?? at.value).range, `${which}${type}`)];
  });
}

function toolSymbol(tool: ToolDef): DocumentSymbol {
  const fields = [...fieldSymbols(tool, tool.inputSchema, 'input'), ...fieldSymbols(tool, tool.outputSchema, 'output')];
  return symbol(tool.name, SymbolKind.Function, tool.span.range, tool.nameSpan.range, tool.title ?? 'tool', fields);
}

function promptSymbol(prompt: PromptDef): DocumentSymbol {
  const args = prompt.arguments.filter((a) => !a.file || a.file === prompt.file).map((a) => symbol(a.name, SymbolKind.Variable, a.nameSpan.range, a.nameSpan.range, a.required ? 'argument, required' : 'argument'));
  const steps = (prompt.steps ?? []).map((s) => symbol(s.name, SymbolKind.Event, s.nameSpan.range, s.nameSpan.range, `step: ${s.tool}`));
  return symbol(prompt.name, SymbolKind.Interface, prompt.span.range, prompt.nameSpan.range, prompt.steps?.length ? 'workflow prompt' : 'prompt', [...args, ...steps]);
}

/** A resource with its URI as detail, and a template's URI parameters (written in its own file) inside it. */
function resourceSymbol(resource: ResourceDef): DocumentSymbol {
  const params = resource.uri?.file ? [] : (resource.uriParameters ?? []).map((u) => symbol(u.name, SymbolKind.TypeParameter, u.span.range, u.span.range, 'URI parameter'));
  const detail = resource.uri ? resource.uri.value : resource.template ? 'resource template' : 'resource';
  return symbol(resource.name, SymbolKind.File, resource.span.range, resource.nameSpan.range, detail, params);
}

/** A server's instructions, shown by their first words (the whole text is what the model reads at `initialize`). */
function instructionsSymbol(def: InstructionsDef): DocumentSymbol {
  const words = def.text.value.trim().split(/\s+/);
  const detail = words.slice(0, 8).join(' ') + (words.length > 8 ? ' …' : '');
  return symbol('instructions', SymbolKind.String, def.span.range, def.span.range, detail);
}

/** The outline of a source file: its tools, prompts, resources and servers' instructions in source order. */
export function sourceSymbols(model: FileModel): DocumentSymbol[] {
  return [...model.tools.map(toolSymbol), ...model.prompts.map(promptSymbol), ...(model.resources ?? []).map(resourceSymbol), ...(model.instructions ?? []).map(instructionsSymbol)].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

const STEP_KINDS: [string, SymbolKind][] = [['parallel', SymbolKind.Array], ['approval', SymbolKind.Event], ['checkpoint', SymbolKind.Constant], ['stateMachine', SymbolKind.Struct], ['tool', SymbolKind.Function]];

function stepSymbols(list: JsonNode | undefined, lines: LineIndex): DocumentSymbol[] {
  return (list?.type === 'array' ? (list.children ?? []) : []).flatMap((step, i) => {
    if (step.type !== 'object') return [];
    const member = (key: string) => step.children?.find((p) => p.children?.[0]?.value === key)?.children?.[1];
    const id = member('id');
    const [kind, symbolKind] = STEP_KINDS.find(([key]) => member(key)) ?? ['step', SymbolKind.Object];
    const tool = member('tool');
    const detail = kind === 'tool' && tool?.type === 'string' ? String(tool.value) : kind;
    const range = lines.rangeOf(step.offset, step.offset + step.length);
    const selection = id ? lines.rangeOf(id.offset, id.offset + id.length) : range;
    return [symbol(typeof id?.value === 'string' ? id.value : `step ${i + 1}`, symbolKind, range, selection, detail, kind === 'parallel' ? stepSymbols(member('parallel'), lines) : [])];
  });
}

/** The outline of a workflow file: its steps (a parallel group with its steps inside), and its rollback steps. */
export function workflowSymbols(text: string): DocumentSymbol[] {
  const root = parseTree(text);
  if (root?.type !== 'object') return [];
  const lines = new LineIndex(text);
  return (root.children ?? []).flatMap((p) => {
    const [key, value] = p.children ?? [];
    if (!key || !value || value.type !== 'array' || !/^(steps|rollback)$/.test(String(key.value))) return [];
    const range = lines.rangeOf(p.offset, p.offset + p.length);
    return [symbol(String(key.value), SymbolKind.Namespace, range, lines.rangeOf(key.offset, key.offset + key.length), undefined, stepSymbols(value, lines))];
  });
}

/** Tools, prompts and resources of the workspace whose name or title (or a resource's URI) holds the query's
 * characters in order (any case). */
export function workspaceSymbols(models: Iterable<FileModel>, query: string, limit = 500): SymbolInformation[] {
  const wanted = query.toLowerCase().replace(/\s+/g, '');
  const matches = (s: string | undefined) => {
    if (!s) return false;
    let at = 0;
    const lower = s.toLowerCase();
    for (const c of wanted) if ((at = lower.indexOf(c, at) + 1) === 0) return false;
    return true;
  };
  const out: SymbolInformation[] = [];
  for (const model of models) {
    for (const d of [...model.tools, ...model.prompts]) {
      if (out.length >= limit) return out;
      if (!matches(d.name) && !matches(d.kind === 'tool' ? d.title : undefined)) continue;
      out.push({ name: d.name, kind: d.kind === 'tool' ? SymbolKind.Function : SymbolKind.Interface, location: { uri: fileToUri(d.file), range: d.nameSpan.range }, containerName: d.kind === 'tool' ? (d.title ?? 'tool') : 'prompt' });
    }
    // A resource is found by its name or its URI (`users://` finds every user resource).
    for (const r of model.resources ?? []) {
      if (out.length >= limit) return out;
      if (!matches(r.name) && !matches(r.uri?.value) && !matches(r.title)) continue;
      out.push({ name: r.name, kind: SymbolKind.File, location: { uri: fileToUri(r.file), range: r.nameSpan.range }, containerName: r.uri?.value ?? (r.template ? 'resource template' : 'resource') });
    }
  }
  return out;
}

/** A fold for each prompt text of the file written over several lines. */
export function foldingRanges(model: FileModel): FoldingRange[] {
  const seen = new Set<string>();
  return model.prompts.flatMap((p) => promptMessages(p)).flatMap((m) => {
    const { start, end } = m.text.span.range;
    const key = `${start.line}:${end.line}`;
    if ((m.text.file && m.text.file !== model.file) || end.line <= start.line || seen.has(key)) return [];
    seen.add(key);
    return [{ startLine: start.line, endLine: end.line, kind: 'region' }];
  });
}
