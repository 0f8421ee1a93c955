// The official github.com/modelcontextprotocol/go-sdk (v1.x): `mcp.AddTool(server, &mcp.Tool{Name: …, Description:
// …, Annotations: &mcp.ToolAnnotations{…}}, handler)`, whose input schema is inferred from the handler's typed
// arguments struct and output schema from its typed output (not for `any`); `server.AddTool(&mcp.Tool{…,
// InputSchema: …}, h)` with a schema given at run time (unknown); `server.AddPrompt(&mcp.Prompt{Name, Description,
// Arguments: []*mcp.PromptArgument{…}}, handler)`.
import type { ArgumentDef, JsonDoc, JsonLocation, PromptDef, ToolDef } from '../../model';
import type { SyntaxNode } from '../tree-sitter';
import type { GoFile } from './go-file';
import { handlerOf, readPromptHandler } from './messages';
import { GoSchemaReader } from './schema';
import { readSchemaExpression } from './schema-literal';
import { readGoSdkInstructions } from './instructions';
import { argumentsOf, calleeOf, compositeOf, descendantsOf, goStringValue, goTextValue, literalElements, literalFields, named, resolveGoText, typeName, unwrap, type GoScope } from './syntax';

const GO_SDK = 'github.com/modelcontextprotocol/go-sdk/mcp';
const HINTS = ['ReadOnlyHint', 'DestructiveHint', 'IdempotentHint', 'OpenWorldHint'];

/** Reads every go-sdk tool and prompt of a file: those registered, and `mcp.Tool{…}` literals a server of the
 * repository's own registers (a function returning its tools, as github-mcp-server's do). */
export function readGoSdk(file: GoFile): void {
  const mcp = file.importName(GO_SDK);
  if (!mcp) return;
  readGoSdkInstructions(file, mcp);
  const read = new Set<number>();
  for (const call of descendantsOf(file.root, ['call_expression'])) {
    const { operand, name, operandNode } = calleeOf(call);
    const args = argumentsOf(call);
    const scope = file.scopeAt(call);
    let lit: SyntaxNode | undefined;
    if (name === 'AddTool' && operand === mcp) readTool(file, (lit = literalOf(args[1], scope)), args[2], serverOf(args[0]), true);
    else if (name === 'AddTool' && args.length === 2) readTool(file, (lit = literalOf(args[0], scope)), args[1], serverOf(operandNode), false);
    else if (name === 'AddPrompt' && args.length === 2) readPrompt(file, (lit = literalOf(args[0], scope)), args[1], serverOf(operandNode));
    if (lit) read.add(lit.startIndex);
  }
  for (const lit of descendantsOf(file.root, ['composite_literal'])) {
    if (read.has(lit.startIndex)) continue;
    const type = lit.childForFieldName('type');
    if (type?.type !== 'qualified_type' || type.childForFieldName('package')?.text !== mcp) continue;
    const kind = typeName(type);
    if (kind === 'Tool') readTool(file, lit, undefined, undefined, false);
    else if (kind === 'Prompt') readPrompt(file, lit, handlerBeside(lit), undefined);
  }
}

/** A func literal passed after the literal to the same call (`inventory.NewServerPrompt(set, mcp.Prompt{…}, func…)`). */
function handlerBeside(lit: SyntaxNode): SyntaxNode | undefined {
  const at = lit.parent?.type === 'unary_expression' ? lit.parent : lit;
  if (at.parent?.type !== 'argument_list') return undefined;
  return named(at.parent).find((a) => a.startIndex > at.startIndex && a.type === 'func_literal');
}

/** A handler named (`searchNotes`, `store.AddNote`) and declared in another file of the package. */
function packageHandler(file: GoFile, node: SyntaxNode | undefined): SyntaxNode | undefined {
  const n = unwrap(node);
  const name = n?.type === 'selector_expression' ? n.childForFieldName('field')?.text : n?.type === 'identifier' ? n.text : undefined;
  return name ? file.package?.functionNamed(name)?.node : undefined;
}

const serverOf = (n: SyntaxNode | undefined): string | undefined => (unwrap(n)?.type === 'identifier' ? unwrap(n)!.text : undefined);

/** The `&mcp.Tool{…}` literal passed, inline or through a local or package var. */
function literalOf(node: SyntaxNode | undefined, scope: GoScope): SyntaxNode | undefined {
  const n = unwrap(node);
  if (n?.type === 'identifier') {
    const value = scope.locals?.get(n.text) ?? scope.globals.get(n.text);
    return value && value.startIndex !== n.startIndex ? compositeOf(value) : undefined;
  }
  // `&tool` of a local `tool := mcp.Tool{…}`.
  if (n?.type === 'unary_expression' && unwrap(n.childForFieldName('operand'))?.type === 'identifier') return literalOf(n.childForFieldName('operand') ?? undefined, scope);
  return compositeOf(n);
}

function readTool(file: GoFile, lit: SyntaxNode | undefined, handlerNode: SyntaxNode | undefined, server: string | undefined, typed: boolean): void {
  if (!lit || typeName(lit.childForFieldName('type')) !== 'Tool') return;
  const scope = file.scopeAt(lit);
  const fields = literalFields(lit);
  const name = goStringValue(fields.get('Name')?.value, scope);
  if (!name || !name.decoded.text) {
    file.model.unreadToolNames = (file.model.unreadToolNames ?? 0) + 1;
    return;
  }
  const span = file.ctx.span((lit.parent?.type === 'unary_expression' ? lit.parent : lit).startIndex, lit.endIndex);
  const tool: ToolDef = { kind: 'tool', file: file.ctx.file, name: name.decoded.text, nameSpan: file.ctx.span(name.start, name.end), span, style: 'go-sdk' };
  const description = fields.get('Description');
  if (description) {
    const t = resolveGoText(description.value, scope);
    if (t) tool.description = goTextValue(t, file.ctx);
    else tool.descriptionUnknown = true;
  }
  const title = goStringValue(fields.get('Title')?.value, scope);
  if (title) tool.title = title.decoded.text;
  const annotations = fields.get('Annotations');
  if (!annotations) tool.annotations = null;
  else {
    const doc = readAnnotations(file, literalOf(annotations.value, scope));
    if (doc) tool.annotations = doc;
  }
  // The handler may be a function or method of another file of the package (only its signature is read there).
  const handler = handlerOf(file, handlerNode) ?? packageHandler(file, handlerNode);
  const given = fields.get('InputSchema');
  const givenOutput = fields.get('OutputSchema')?.value;
  if (givenOutput) tool.outputSchema = readSchemaExpression(file, givenOutput, scope) ?? unknownSchema(file, givenOutput, 'the output schema is given at run time');
  if (given) tool.inputSchema = readSchemaExpression(file, given.value, scope) ?? unknownSchema(file, given.value, 'the input schema is given at run time');
  else if (!typed) tool.inputSchema = unknownSchema(file, lit, 'the input schema is given at run time');
  else if (handler) {
    const params = named(handler.childForFieldName('parameters')).filter((p) => p.type === 'parameter_declaration');
    const argType = params[2]?.childForFieldName('type');
    tool.inputSchema = argType ? typedSchema(file, argType, false) : unknownSchema(file, handler, 'the handler takes no typed arguments');
    const results = named(handler.childForFieldName('result')).filter((p) => p.type === 'parameter_declaration');
    const outType = results[1]?.childForFieldName('type');
    if (!givenOutput && outType && outType.text !== 'any' && outType.text !== 'interface{}') tool.outputSchema = typedSchema(file, outType, true);
  } else tool.inputSchema = unknownSchema(file, handlerNode ?? lit, 'the handler is not a function of this file');
  if (server) tool.server = server;
  file.model.tools.push(tool);
}

/** The schema jsonschema-go infers from a handler's In or Out type (a pointer's element for the top level). The
 * handler, and the struct it names, may stand in other files of the package: the doc is in the file declaring the
 * struct, where what is found in it is reported. */
function typedSchema(file: GoFile, t: SyntaxNode, _output: boolean): JsonDoc {
  const at = file.package?.fileOf(t) ?? file;
  // `any` as In is sent as an empty object schema.
  if (t.text === 'any') return placed(file, at, { value: { type: 'object' }, span: at.ctx.span(t.startIndex, t.endIndex), origin: 'json', locations: {}, errors: [] });
  const top = t.type === 'pointer_type' ? named(t)[0] : t;
  const declared = file.package && top?.type === 'type_identifier' ? file.package.types(at)(top.text) : undefined;
  if (declared && declared.file !== at) {
    // Read where it is declared, as if the handler named it there.
    const reader = new GoSchemaReader(file.package!.types(declared.file), declared.ctx, file.typeScope);
    const value = reader.readType(top!.text, declared.type);
    const spec = declared.type.parent ?? declared.type;
    return placed(file, declared.file, { value, span: declared.ctx.span(spec.startIndex, spec.endIndex), origin: 'json', locations: reader.locations, errors: reader.errors });
  }
  const reader = new GoSchemaReader(file.package?.types(at) ?? file.typeLookup(), at.ctx, file.typeScope);
  const value = reader.read(t, '', { topLevel: true });
  return placed(file, at, { value, span: at.ctx.span(t.startIndex, t.endIndex), origin: 'json', locations: reader.locations, errors: reader.errors });
}

/** A doc written in another file of the package than the tool carries that file. */
function placed(file: GoFile, at: GoFile, doc: JsonDoc): JsonDoc {
  if (at !== file) doc.file = at.ctx.file;
  return doc;
}

function unknownSchema(file: GoFile, n: SyntaxNode, why: string): JsonDoc {
  const span = file.ctx.span(n.startIndex, n.endIndex);
  return { value: undefined, span, origin: 'json', locations: {}, errors: [{ message: `${why}, so this schema is not checked`, span }] };
}

/** `&mcp.ToolAnnotations{ReadOnlyHint: true, DestructiveHint: jsonschema.Ptr(false)}`; undefined when not read. */
function readAnnotations(file: GoFile, lit: SyntaxNode | undefined): JsonDoc | undefined {
  if (!lit) return undefined;
  // The two plain bool hints are always sent (`json:"readOnlyHint"`, no omitempty): false unless set.
  const value: Record<string, unknown> = { idempotentHint: false, readOnlyHint: false };
  const locations: Record<string, JsonLocation> = { '': { value: file.ctx.span(lit.startIndex, lit.endIndex) } };
  for (const [key, { key: k, value: v }] of literalFields(lit)) {
    if (!HINTS.includes(key)) continue;
    const inner = unwrap(v);
    // Pointer hints are written `jsonschema.Ptr(false)`, `mcp.Ptr(true)` or `&no`.
    const text = inner?.type === 'call_expression' ? argumentsOf(inner)[0]?.text : inner?.text;
    if (text !== 'true' && text !== 'false') return undefined;
    const field = key.charAt(0).toLowerCase() + key.slice(1);
    value[field] = text === 'true';
    locations[`/${field}`] = { key: file.ctx.span(k.startIndex, k.endIndex), value: file.ctx.span(v.startIndex, v.endIndex) };
  }
  return { value, span: file.ctx.span(lit.startIndex, lit.endIndex), origin: 'object-literal', locations, errors: [] };
}

function readPrompt(file: GoFile, lit: SyntaxNode | undefined, handlerNode: SyntaxNode | undefined, server: string | undefined): void {
  if (!lit || typeName(lit.childForFieldName('type')) !== 'Prompt') return;
  const scope = file.scopeAt(lit);
  const fields = literalFields(lit);
  const name = goStringValue(fields.get('Name')?.value, scope);
  if (!name || !name.decoded.text) return;
  const span = file.ctx.span((lit.parent?.type === 'unary_expression' ? lit.parent : lit).startIndex, lit.endIndex);
  const prompt: PromptDef = { kind: 'prompt', file: file.ctx.file, name: name.decoded.text, nameSpan: file.ctx.span(name.start, name.end), span, style: 'go-sdk', arguments: [], messages: [] };
  const description = fields.get('Description');
  if (description) {
    const t = resolveGoText(description.value, scope);
    if (t) prompt.description = goTextValue(t, file.ctx);
    else prompt.descriptionUnknown = true;
  }
  const args = fields.get('Arguments');
  const list = args ? compositeOf(args.value) : undefined;
  if (args && !list) prompt.argumentsUnknown = true;
  for (const el of list ? literalElements(list) : []) {
    const arg = readArgument(file, el, scope);
    if (arg) prompt.arguments.push(arg);
    else prompt.argumentsUnknown = true;
  }
  const handler = handlerOf(file, handlerNode);
  if (handler) {
    const body = readPromptHandler(file, handler);
    prompt.messages = body.messages;
    if (body.uses.length) prompt.argumentUses = body.uses;
  }
  if (server) prompt.server = server;
  file.model.prompts.push(prompt);
}

/** `{Name: "x", Description: "…", Required: true}` or `&mcp.PromptArgument{…}`. */
function readArgument(file: GoFile, el: SyntaxNode, scope: GoScope): ArgumentDef | undefined {
  const lit = el.type === 'literal_value' ? el : compositeOf(el);
  if (!lit) return undefined;
  const fields = literalFields(lit);
  const name = goStringValue(fields.get('Name')?.value, scope);
  if (!name) return undefined;
  const arg: ArgumentDef = { name: name.decoded.text, nameSpan: file.ctx.span(name.start, name.end), required: fields.get('Required')?.value.text === 'true' };
  const t = resolveGoText(fields.get('Description')?.value, scope);
  if (t) arg.description = goTextValue(t, file.ctx);
  return arg;
}
