// FastMCP servers (`from fastmcp import FastMCP`, the official SDK's `mcp.server.fastmcp.FastMCP` and its successor
// `mcp.server.mcpserver.MCPServer`): `@mcp.tool` / `@mcp.tool()` / `@mcp.tool(name=…, description=…)` and
// `@mcp.prompt` functions, `@mcp.resource("uri")` functions (resources.ts), `mcp.add_tool(fn)` / `mcp.tool(fn)`. The input schema is built from the type hints as
// FastMCP builds it, the description is the docstring (as `inspect.getdoc` cleans it) unless given, and the
// return annotation gives the output schema where FastMCP makes one.
import type { ArgumentDef, JsonDoc, PromptDef, SourceSpan, TextValue, ToolDef } from '../../model';
import type { SyntaxNode } from '../tree-sitter';
import { functionParameters } from './functions';
import { genericParts, HintReader } from './hints';
import { readPromptBody } from './messages';
import { callArguments, descendantsOf, docstring, lastName, named, pyTextValue, resolvePyText, serverClass, unwrap } from './syntax';
import { readFastMcpInstructions } from './instructions';
import { pyValueToJson } from './values';
import { annotationsOf } from './annotations';
import { readDocstring, type DocstringParts } from './docstring';
import type { PyText } from './syntax';
import type { PyFile } from './py-file';
import { readResource } from './resources';

const SERVER_CLASSES = /^(?:FastMCP|MCPServer)$/;
/** Return types FastMCP sends as content, with no output schema. */
const CONTENT_TYPES = /^(?:ToolResult|CallToolResult|TextContent|ImageContent|AudioContent|EmbeddedResource|ResourceLink|ContentBlock|Image|Audio|File)$/;
const OBJECT_HEADS = /^(?:dict|Dict|Mapping)$/;

/** The names of the FastMCP servers a file makes (`mcp = FastMCP("x")`). */
export function fastMcpServers(root: SyntaxNode): Set<string> {
  const out = new Set<string>();
  for (const a of descendantsOf(root, ['assignment'])) {
    const left = a.childForFieldName('left');
    const right = unwrap(a.childForFieldName('right'));
    if (left?.type === 'identifier' && right?.type === 'call' && SERVER_CLASSES.test(serverClass(right))) out.add(left.text);
  }
  return out;
}

/** The server key of a declaration: its instance, and its version when it has one (FastMCP serves each version of a
 * name as its own component, so two versions are no duplicate). */
export function serverKey(server: string | undefined, options: Options, file: PyFile): string | undefined {
  const version = options.keywords.get('version');
  if (!version) return server;
  return `${server ?? ''}@${version.text}${server ? '' : `:${file.ctx.file}`}`;
}

/** Names a file imports from a module of its own package (`from .server import mcp`, `from app.server import mcp`),
 * leaving out known agent frameworks whose `@agent.tool` is no MCP declaration. */
function importedNames(root: SyntaxNode): Set<string> {
  const out = new Set<string>();
  for (const statement of named(root).filter((n) => n.type === 'import_from_statement')) {
    const module = statement.childForFieldName('module_name')?.text ?? '';
    if (/^(?:pydantic_ai|langchain|crewai|agents|smolagents|autogen)\b/.test(module)) continue;
    for (const n of statement.childrenForFieldName('name')) {
      const alias = n?.type === 'aliased_import' ? n.childForFieldName('alias') : n;
      if (alias) out.add(alias.text);
    }
  }
  return out;
}

/** `from fastmcp.tools import tool` (or `prompt`, or the package itself): local name → `tool` / `prompt`. */
function standaloneImports(root: SyntaxNode): Map<string, string> {
  const out = new Map<string, string>();
  for (const statement of named(root).filter((n) => n.type === 'import_from_statement')) {
    if (!/^fastmcp(?:\.tools|\.prompts)?$/.test(statement.childForFieldName('module_name')?.text ?? '')) continue;
    for (const n of statement.childrenForFieldName('name')) {
      const original = (n?.type === 'aliased_import' ? n.childForFieldName('name') : n)?.text;
      const local = (n?.type === 'aliased_import' ? n.childForFieldName('alias') : n)?.text;
      if (local && (original === 'tool' || original === 'prompt')) out.set(local, original);
    }
  }
  return out;
}

/** Reads every FastMCP tool and prompt of a file. */
export function readFastMcp(file: PyFile): void {
  const servers = fastMcpServers(file.root);
  // A decorator on a server imported from another module (`from .server import mcp`) counts in a FastMCP file, or
  // when the receiver is that import; other frameworks' `@agent.tool` in other files are not MCP declarations.
  const fastMcpFile = servers.size > 0 || /\b(?:fastmcp|FastMCP|MCPServer)\b/.test(file.ctx.text);
  const imported = importedNames(file.root);
  const standaloneDecorators = standaloneImports(file.root);
  if (!fastMcpFile && imported.size === 0) return;
  readFastMcpInstructions(file);
  for (const d of descendantsOf(file.root, ['decorated_definition'])) {
    const fn = d.childForFieldName('definition');
    if (fn?.type !== 'function_definition') continue;
    for (const decorator of named(d).filter((c) => c.type === 'decorator')) {
      const expr = unwrap(named(decorator)[0]);
      const call = expr?.type === 'call' ? expr : undefined;
      const target = call ? call.childForFieldName('function') : expr;
      // `@tool` / `@prompt` imported from fastmcp (FastMCP 3+): a declaration a provider loads from the file.
      const standalone = target?.type === 'identifier' && standaloneDecorators.has(target.text);
      if (target?.type !== 'attribute' && !standalone) continue;
      const method = standalone ? standaloneDecorators.get(target.text) : target.childForFieldName('attribute')?.text;
      const receiver = standalone ? '' : (target.childForFieldName('object')?.text ?? '');
      if (method !== 'tool' && method !== 'prompt' && !(method === 'resource' && call && !standalone)) continue;
      if (!standalone && !fastMcpFile && !imported.has(receiver)) continue;
      const options = call ? callArguments(call) : { positional: [], keywords: new Map<string, SyntaxNode>() };
      const span = file.ctx.span(d.startIndex, d.endIndex);
      if (method === 'resource') readResource(file, fn, options, span, servers.has(receiver) ? receiver : undefined);
      else if (method === 'tool') readTool(file, fn, options, span, servers.has(receiver) ? receiver : undefined);
      else readPrompt(file, fn, options, span, servers.has(receiver) ? receiver : undefined);
    }
  }
  readAddCalls(file, servers);
}

export type Options = ReturnType<typeof callArguments>;

/** `mcp.add_tool(fn)`, `mcp.tool(fn, name=…)`, `mcp.add_tool(Tool.from_function(fn, name=…))`, `mcp.add_prompt(fn)`. */
function readAddCalls(file: PyFile, servers: Set<string>): void {
  // Most files register only with decorators: the calls of the file are not walked then.
  if (!/^(?![ \t]*@).*\.(?:add_tool|add_prompt|tool|prompt)\(/m.test(file.ctx.text)) return;
  for (const call of descendantsOf(file.root, ['call'])) {
    const fn = call.childForFieldName('function');
    if (fn?.type !== 'attribute' || call.parent?.type === 'decorator') continue;
    const method = fn.childForFieldName('attribute')?.text ?? '';
    if (!/^(?:add_tool|add_prompt|tool|prompt)$/.test(method)) continue;
    let options = callArguments(call);
    let target = unwrap(options.positional[0]);
    if (target?.type === 'call' && /^from_function$/.test(target.childForFieldName('function')?.childForFieldName('attribute')?.text ?? '')) {
      options = callArguments(target);
      target = unwrap(options.positional[0]);
    }
    if (target?.type !== 'identifier') continue;
    const def = file.functions.get(target.text);
    if (!def) continue;
    const receiver = fn.childForFieldName('object')?.text ?? '';
    const server = servers.has(receiver) ? receiver : undefined;
    const rest = { positional: options.positional.slice(1), keywords: options.keywords };
    const span = file.ctx.span(call.startIndex, call.endIndex);
    if (method.endsWith('tool')) readTool(file, def, rest, span, server, target);
    else readPrompt(file, def, rest, span, server, target);
  }
}

/** The declared name: `name=` (or a first positional string), else the function's own name (derived from code). */
export function nameOf(file: PyFile, fn: SyntaxNode, options: Options, reference?: SyntaxNode): { name: string; span: SourceSpan } | 'unread' {
  const given = options.keywords.get('name') ?? (unwrap(options.positional[0])?.type === 'string' ? options.positional[0] : undefined);
  if (given) {
    const t = resolvePyText(given, file.root);
    if (!t || t.holes.length || !t.decoded.text) return 'unread';
    return { name: t.decoded.text, span: file.ctx.span(t.start, t.end) };
  }
  const id = reference ?? fn.childForFieldName('name');
  return id ? { name: id.text, span: file.ctx.span(id.startIndex, id.endIndex) } : 'unread';
}

/** A function's docstring split as FastMCP 4 splits it (description, then parameter sections). */
function docOf(file: PyFile, fn: SyntaxNode): { text: PyText; parts: DocstringParts } | undefined {
  // The official SDK's FastMCP (mcp 1.x) and MCPServer (2.x) send `fn.__doc__` as it is, sections and all.
  if (file.officialSdk) {
    const raw = docstring(fn, file.root, false);
    return raw ? { text: raw, parts: { summary: raw.decoded, params: new Map() } } : undefined;
  }
  const text = docstring(fn, file.root);
  return text ? { text, parts: readDocstring(text.decoded) } : undefined;
}

export function descriptionOf(file: PyFile, fn: SyntaxNode, options: Options): TextValue | undefined {
  const given = options.keywords.get('description');
  if (given) {
    const t = resolvePyText(given, file.root);
    return t ? pyTextValue(t, file.ctx) : undefined;
  }
  const doc = docOf(file, fn);
  if (!doc || !doc.parts.summary.text) return undefined;
  const value = pyTextValue({ ...doc.text, decoded: doc.parts.summary }, file.ctx);
  file.docstrings.add(value);
  return value;
}

/** Parameter descriptions from the docstring's sections, where no Field or Annotated text gave one. */
function applyDocParams(file: PyFile, fn: SyntaxNode, schema: Record<string, unknown>, reader: HintReader): void {
  const doc = docOf(file, fn);
  const properties = schema['properties'] as Record<string, Record<string, unknown>> | undefined;
  for (const [name, text] of doc?.parts.params ?? []) {
    const property = properties?.[name];
    if (!property || property['description'] !== undefined || !text.text) continue;
    property['description'] = text.text;
    const pointer = `/properties/${name}/description`;
    reader.locations[pointer] = { value: file.ctx.spanInDecoded(text, 0, text.text.length) };
    reader.texts.set(pointer, { ...doc!.text, decoded: text });
  }
}

function readTool(file: PyFile, fn: SyntaxNode, options: Options, span: SourceSpan, server: string | undefined, reference?: SyntaxNode): void {
  const named = nameOf(file, fn, options, reference);
  if (named === 'unread') {
    file.model.unreadToolNames = (file.model.unreadToolNames ?? 0) + 1;
    return;
  }
  const tool: ToolDef = { kind: 'tool', file: file.ctx.file, name: named.name, nameSpan: named.span, span, style: 'fastmcp' };
  const description = descriptionOf(file, fn, options);
  if (description) tool.description = description;
  const title = options.keywords.get('title');
  const titleText = title ? resolvePyText(title, file.root) : undefined;
  if (titleText) tool.title = titleText.decoded.text;
  const annotations = annotationsOf(file, options);
  if (annotations !== undefined) tool.annotations = annotations;
  tool.inputSchema = inputSchema(file, fn);
  const output = outputSchema(file, fn, options);
  if (output) tool.outputSchema = output;
  const key = serverKey(server, options, file);
  if (key) tool.server = key;
  file.model.tools.push(tool);
}

/** The input schema FastMCP builds from the parameters: an object closed to other properties. */
function inputSchema(file: PyFile, fn: SyntaxNode): JsonDoc {
  const reader = new HintReader(file.root, file.ctx, file.classes, file.classInfo);
  const params = fn.childForFieldName('parameters') ?? fn;
  const { members } = functionParameters(fn);
  const schema = { additionalProperties: false, ...reader.objectOf(members, '', 0) };
  applyDocParams(file, fn, schema, reader);
  reader.locations[''] = { value: file.ctx.span(params.startIndex, params.endIndex) };
  return { value: schema, span: file.ctx.span(params.startIndex, params.endIndex), origin: 'json', locations: reader.locations, errors: reader.unread };
}

/** `output_schema={…}`, or the return annotation: objects as they are, other types wrapped in `{"result": …}`. */
function outputSchema(file: PyFile, fn: SyntaxNode, options: Options): JsonDoc | undefined {
  const given = options.keywords.get('output_schema');
  if (given) return unwrap(given)?.type === 'none' ? undefined : pyValueToJson(given, file.root, file.ctx);
  const hint = unwrap(fn.childForFieldName('return_type'));
  if (!hint || hint.type === 'none' || returnsContent(hint)) return undefined;
  const objectLike = isObjectLike(hint, file);
  const reader = new HintReader(file.root, file.ctx, file.classes, file.classInfo);
  const inner = reader.read(hint, objectLike ? '' : '/properties/result');
  const value = objectLike ? inner : { properties: { result: inner }, required: ['result'], type: 'object', 'x-fastmcp-wrap-result': true };
  reader.locations[''] ??= { value: file.ctx.span(hint.startIndex, hint.endIndex) };
  const errors = reader.unread;
  return { value, span: file.ctx.span(hint.startIndex, hint.endIndex), origin: 'json', locations: reader.locations, errors };
}

function returnsContent(hint: SyntaxNode): boolean {
  const h = unwrap(hint)!;
  if (h.type === 'generic_type' || h.type === 'subscript') {
    const { head, args } = genericParts(h);
    if (/^(?:list|List|Sequence)$/.test(head) || head === 'Optional' || head === 'Union') return args.some((a) => returnsContent(a));
    return false;
  }
  if (h.type === 'binary_operator') return [h.childForFieldName('left'), h.childForFieldName('right')].some((s) => s && returnsContent(s));
  return CONTENT_TYPES.test(lastName(h));
}

/** A pydantic model, TypedDict, dataclass or dict: FastMCP uses its schema as the output schema itself. */
function isObjectLike(hint: SyntaxNode, file: PyFile): boolean {
  const h = unwrap(hint)!;
  if (h.type === 'generic_type' || h.type === 'subscript') return OBJECT_HEADS.test(genericParts(h).head);
  if (OBJECT_HEADS.test(lastName(h))) return true;
  const cls = file.classes.get(h.text);
  if (!cls) return false;
  const bases = named(cls.childForFieldName('superclasses')).map((b) => lastName(b));
  return !bases.some((b) => /Enum$/.test(b));
}

function readPrompt(file: PyFile, fn: SyntaxNode, options: Options, span: SourceSpan, server: string | undefined, reference?: SyntaxNode): void {
  const named = nameOf(file, fn, options, reference);
  if (named === 'unread') return;
  const prompt: PromptDef = { kind: 'prompt', file: file.ctx.file, name: named.name, nameSpan: named.span, span, style: 'fastmcp', arguments: [], messages: [] };
  const description = descriptionOf(file, fn, options);
  if (description) prompt.description = description;
  const { members, catchAll } = functionParameters(fn);
  const reader = new HintReader(file.root, file.ctx, file.classes, file.classInfo);
  const schema = reader.objectOf(members, '', 0) as { properties: Record<string, Record<string, unknown>>; required?: string[] };
  applyDocParams(file, fn, schema, reader);
  for (const m of members) {
    const argSchema = schema.properties[m.name.text] ?? {};
    const arg: ArgumentDef = { name: m.name.text, nameSpan: file.ctx.span(m.name.startIndex, m.name.endIndex), required: schema.required?.includes(m.name.text) ?? false, schema: argSchema };
    const text = reader.texts.get(`/properties/${m.name.text}/description`);
    if (text) arg.description = pyTextValue(text, file.ctx);
    prompt.arguments.push(arg);
  }
  const body = readPromptBody(fn, new Set(members.map((m) => m.name.text)), catchAll, file.root, file.ctx);
  prompt.messages = body.messages;
  if (body.uses.length) prompt.argumentUses = body.uses;
  const key = serverKey(server, options, file);
  if (key) prompt.server = key;
  file.model.prompts.push(prompt);
}
