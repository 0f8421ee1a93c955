// Reads rmcp's (the official Rust SDK's) macro servers: `#[tool_router]` impl blocks of `#[tool(…)]` methods and
// `#[prompt_router]` impl blocks of `#[prompt(…)]` methods. A method's name is its `name = "…"` or its fn name,
// its description `description = …` or its `///` lines (as the macros build them), its input schema the
// `Parameters<T>` type's, its output schema the `Json<T>` result's. Every item of an impl block's type is one
// server (`rmcp:Type`), however many impl blocks and routers it is split over. Its instructions: instructions.ts.
import type { ArgumentDef, JsonDoc, PromptDef, SourceSpan, TextValue, ToolDef } from '../../model';
import type { RustExtractor } from './extractor';
import { findMessages } from './messages';
import { readRmcpInstructions } from './instructions';
import { attributeArgs, docText, findAttribute, itemPrefix, literalString, type AttributeArg, type ItemPrefix } from './items';
import type { RustTypeReader } from './schema';
import { annotationsOfAttribute } from './annotations';
import { descendants, namedChildren } from './syntax';
import type { SyntaxNode } from '../tree-sitter';

/** True when the text may hold an rmcp macro server (so the tree walk is worth doing). */
const RMCP_WORDS = /\b(?:tool_router|prompt_router|tool|prompt)\b/;

export function readRmcpServers(x: RustExtractor): void {
  // A server's instructions stand in its `impl ServerHandler`, which may hold no tool.
  readRmcpInstructions(x);
  if (!RMCP_WORDS.test(x.ctx.text)) return;
  let types: RustTypeReader | undefined;
  for (const impl of descendants(x.root, ['impl_item'])) {
    const prefix = itemPrefix(impl);
    const kind = findAttribute(prefix, 'tool_router') ? 'tool' : findAttribute(prefix, 'prompt_router') ? 'prompt' : undefined;
    if (!kind) continue;
    types ??= x.types();
    const server = `rmcp:${impl.childForFieldName('type')?.text.replace(/<.*$/s, '') ?? ''}`;
    for (const fn of namedChildren(impl.childForFieldName('body')).filter((n) => n.type === 'function_item')) {
      const fnPrefix = itemPrefix(fn);
      const attribute = findAttribute(fnPrefix, kind);
      if (!attribute) continue;
      const head = readHead(x, fn, fnPrefix, attributeArgs(attribute.args));
      if (kind === 'tool') x.model.tools.push(readTool(x, types, fn, head, server));
      else x.model.prompts.push(readPrompt(x, types, fn, head, server));
    }
  }
}

/** What a `#[tool]` / `#[prompt]` method declares about itself, before its parameters are read. */
interface MethodHead {
  name: string;
  nameSpan: SourceSpan;
  description?: TextValue;
  descriptionUnknown?: boolean;
  title?: string;
  args: Map<string, AttributeArg>;
}

function readHead(x: RustExtractor, fn: SyntaxNode, prefix: ItemPrefix, args: Map<string, AttributeArg>): MethodHead {
  const fnName = fn.childForFieldName('name');
  const written = x.nameOf(args.get('name')?.value);
  // A name taken from the fn is code: its span is the identifier, which rename refuses as derived.
  const name = written?.value.value ?? fnName?.text ?? '';
  const nameSpan = written?.value.span ?? x.ctx.span(fnName?.startIndex ?? fn.startIndex, fnName?.endIndex ?? fn.startIndex);
  const head: MethodHead = { name, nameSpan, args };
  const descriptionArg = args.get('description')?.value;
  const description = descriptionArg ? x.text(descriptionArg)?.value : docText(prefix.docs, x.ctx);
  if (description) head.description = description;
  else if (descriptionArg) head.descriptionUnknown = true;
  const title = literalString(args.get('title')?.value) ?? literalString(attributeArgs(args.get('annotations')?.nested).get('title')?.value);
  if (title) head.title = title;
  return head;
}

/** The `T` of the method's `Parameters<T>` parameter, and the parameter's pattern. */
function parametersType(fn: SyntaxNode): { type: SyntaxNode; pattern: SyntaxNode | undefined } | undefined {
  for (const p of namedChildren(fn.childForFieldName('parameters')).filter((n) => n.type === 'parameter')) {
    const type = p.childForFieldName('type');
    if (type?.type !== 'generic_type' || !/(^|::)Parameters$/.test(type.childForFieldName('type')?.text ?? '')) continue;
    const t = namedChildren(type.childForFieldName('type_arguments'))[0];
    if (t) return { type: t, pattern: p.childForFieldName('pattern') ?? undefined };
  }
  return undefined;
}

/** The `T` of a `Json<T>` in the method's return type (`Json<T>`, `Result<Json<T>, E>`). */
function jsonResultType(fn: SyntaxNode): SyntaxNode | undefined {
  const returns = fn.childForFieldName('return_type');
  if (!returns) return undefined;
  const all = returns.type === 'generic_type' ? [returns, ...descendants(returns, ['generic_type'])] : descendants(returns, ['generic_type']);
  const json = all.find((g) => /(^|::)Json$/.test(g.childForFieldName('type')?.text ?? ''));
  return json ? namedChildren(json.childForFieldName('type_arguments'))[0] : undefined;
}

function readTool(x: RustExtractor, types: RustTypeReader, fn: SyntaxNode, head: MethodHead, server: string): ToolDef {
  const tool: ToolDef = {
    kind: 'tool', file: x.ctx.file, name: head.name, nameSpan: head.nameSpan, span: x.ctx.span(fn.startIndex, fn.endIndex), style: 'rmcp-macro', server,
  };
  if (head.description) tool.description = head.description;
  if (head.descriptionUnknown) tool.descriptionUnknown = true;
  if (head.title) tool.title = head.title;
  // `annotations(…)` is the macro's only form (darling reads a list): absent, the tool is sent with none.
  const annotations = head.args.get('annotations');
  const read = !annotations ? null : annotations.nested ? annotationsOfAttribute(annotations.nested, x.ctx) : undefined;
  if (read !== undefined) tool.annotations = read;
  // `input_schema = …` / `output_schema = …` are expressions computed at run time: schemas that exist but are unknown.
  const input = head.args.get('input_schema')?.value;
  const params = input ? undefined : parametersType(fn);
  if (input) tool.inputSchema = unknownSchema(x, input);
  else if (params) tool.inputSchema = types.document(params.type);
  const outputExpr = head.args.get('output_schema')?.value;
  const output = outputExpr ? undefined : jsonResultType(fn);
  if (outputExpr) tool.outputSchema = unknownSchema(x, outputExpr);
  else if (output) tool.outputSchema = types.document(output);
  return tool;
}

function unknownSchema(x: RustExtractor, node: SyntaxNode): JsonDoc {
  const span = x.ctx.span(node.startIndex, node.endIndex);
  return { value: {}, span, origin: 'rust-type', locations: { '': { value: span } }, errors: [{ message: `the schema \`${node.text.slice(0, 40)}\` is computed at run time, so it is not checked`, span }] };
}

function readPrompt(x: RustExtractor, types: RustTypeReader, fn: SyntaxNode, head: MethodHead, server: string): PromptDef {
  const body = fn.childForFieldName('body') ?? undefined;
  const prompt: PromptDef = {
    kind: 'prompt', file: x.ctx.file, name: head.name, nameSpan: head.nameSpan, span: x.ctx.span(fn.startIndex, fn.endIndex), style: 'rmcp-macro',
    server, arguments: [], messages: findMessages(x, body, 'plain', new Set()),
  };
  if (head.description) prompt.description = head.description;
  if (head.descriptionUnknown) prompt.descriptionUnknown = true;
  const params = parametersType(fn);
  if (!params) return prompt;
  const fields = types.fields(params.type);
  if (!fields) {
    prompt.argumentsUnknown = true;
    return prompt;
  }
  prompt.arguments = fields.map((f): ArgumentDef => ({ name: f.name, nameSpan: f.nameSpan, required: f.required, ...(f.description ? { description: f.description } : {}) }));
  const byField = new Map(fields.map((f) => [f.field, f.name]));
  if (body) prompt.argumentUses = argumentUses(x, params.pattern, body, byField);
  return prompt;
}

/**
 * The arguments a prompt method reads: `args.x` (or `params.0.x`) of its `Parameters` binding, every field of a
 * destructuring pattern, and `*` when the whole binding is handed on (to a helper that may read any of them).
 */
function argumentUses(x: RustExtractor, pattern: SyntaxNode | undefined, body: SyntaxNode, byField: Map<string, string>): { name: string; span: SourceSpan }[] {
  if (!pattern) return [];
  const inner = pattern.type === 'tuple_struct_pattern' ? namedChildren(pattern).at(-1) : pattern;
  if (!inner) return [];
  if (inner.type === 'struct_pattern') {
    return descendants(inner, ['field_pattern', 'shorthand_field_identifier']).flatMap((f) => {
      const id = f.type === 'shorthand_field_identifier' ? f : (f.childForFieldName('name') ?? f);
      const name = byField.get(id.text);
      return name ? [{ name, span: x.ctx.span(id.startIndex, id.endIndex) }] : [];
    });
  }
  if (inner.type !== 'identifier') return [{ name: '*', span: x.ctx.span(pattern.startIndex, pattern.endIndex) }];
  const uses: { name: string; span: SourceSpan }[] = [];
  const binding = inner.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  for (const m of body.text.matchAll(new RegExp(`\\b${binding}\\b(\\s*\\.\\s*0)?(\\s*\\.\\s*(\\w+))?`, 'g'))) {
    const field = m[3];
    const at = body.startIndex + m.index;
    const name = field ? byField.get(field) : undefined;
    if (name && field) {
      const start = at + m[0].length - field.length;
      uses.push({ name, span: x.ctx.span(start, start + field.length) });
    } else if (!field || !byField.has(field)) uses.push({ name: '*', span: x.ctx.span(at, at + m[0].length) });
  }
  return uses;
}
