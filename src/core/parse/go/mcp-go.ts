// mark3labs/mcp-go (v1.x): `mcp.NewTool("name", mcp.WithDescription(…), mcp.WithString("x", mcp.Required(), …))`,
// registered with `s.AddTool(tool, handler)`, and `mcp.NewPrompt("name", mcp.WithPromptDescription(…),
// mcp.WithArgument("x", …))` with `s.AddPrompt(prompt, handler)`. The schema is built option by option as mcp-go
// builds it; an option not read makes the schema unknown. mcp-go gives every tool default annotations
// (destructiveHint true, readOnlyHint false, …), which the options override.
import type { ArgumentDef, JsonDoc, JsonLocation, PromptDef, ToolDef } from '../../model';
import type { SyntaxNode } from '../tree-sitter';
import type { GoFile } from './go-file';
import { handlerOf, readPromptHandler } from './messages';
import { GoSchemaReader } from './schema';
import { readMcpGoInstructions } from './instructions';
import { argumentsOf, calleeOf, compositeOf, descendantsOf, goStringValue, goTextValue, literalFields, resolveGoText, typeArgumentsOf, unwrap, type GoScope } from './syntax';

const MCP_GO = 'github.com/mark3labs/mcp-go/mcp';
const PROPERTY_TYPES: Record<string, string | undefined> = { WithString: 'string', WithNumber: 'number', WithInteger: 'integer', WithBoolean: 'boolean', WithObject: 'object', WithArray: 'array', WithAny: undefined };
const HINTS: Record<string, string> = { WithReadOnlyHintAnnotation: 'readOnlyHint', WithDestructiveHintAnnotation: 'destructiveHint', WithIdempotentHintAnnotation: 'idempotentHint', WithOpenWorldHintAnnotation: 'openWorldHint' };
const DEFAULT_ANNOTATIONS = { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true };

/** Reads every mcp-go tool and prompt of a file. */
export function readMcpGo(file: GoFile): void {
  // A server's instructions are an option of its own package, in a file that may declare no tool.
  readMcpGoInstructions(file);
  const mcp = file.importName(MCP_GO);
  if (!mcp) return;
  const registered = registrations(file);
  for (const call of descendantsOf(file.root, ['call_expression'])) {
    const { operand, name } = calleeOf(call);
    if (operand !== mcp) continue;
    if (name === 'NewTool') readTool(file, call, registered.get(call.startIndex));
    else if (name === 'NewPrompt') readPrompt(file, call, registered.get(call.startIndex));
  }
}

interface Registration {
  server?: string;
  handler?: SyntaxNode;
}

/** `s.AddTool(x, h)` / `s.AddPrompt(x, h)`: the NewTool/NewPrompt call x is (inline or a local), with its server and
 * handler. */
function registrations(file: GoFile): Map<number, Registration> {
  // Keyed by offset: tree-sitter hands out a new node object on each visit.
  const out = new Map<number, Registration>();
  for (const call of descendantsOf(file.root, ['call_expression'])) {
    const { name, operandNode } = calleeOf(call);
    if (name !== 'AddTool' && name !== 'AddPrompt' && name !== 'AddTaskTool') continue;
    const [decl, handler] = argumentsOf(call);
    const made = declaringCall(decl, file.scopeAt(call));
    if (!made) continue;
    out.set(made.startIndex, { ...(operandNode?.type === 'identifier' ? { server: operandNode.text } : {}), ...(handler ? { handler } : {}) });
  }
  return out;
}

function declaringCall(node: SyntaxNode | undefined, scope: GoScope): SyntaxNode | undefined {
  const n = unwrap(node);
  if (n?.type === 'call_expression' && /^New(?:Tool|Prompt)$/.test(calleeOf(n).name)) return n;
  if (n?.type === 'identifier') {
    const value = unwrap(scope.locals?.get(n.text) ?? scope.globals.get(n.text));
    if (value && value.startIndex !== n.startIndex) return declaringCall(value, scope);
  }
  return undefined;
}

function readTool(file: GoFile, call: SyntaxNode, registration: Registration | undefined): void {
  const scope = file.scopeAt(call);
  const [nameNode, ...options] = argumentsOf(call);
  const name = goStringValue(nameNode, scope);
  if (!name || !name.decoded.text) {
    file.model.unreadToolNames = (file.model.unreadToolNames ?? 0) + 1;
    return;
  }
  const tool: ToolDef = { kind: 'tool', file: file.ctx.file, name: name.decoded.text, nameSpan: file.ctx.span(name.start, name.end), span: file.ctx.span(call.startIndex, call.endIndex), style: 'mcp-go' };
  const input = new ToolSchema(file, call);
  const annotations: Record<string, unknown> = { ...DEFAULT_ANNOTATIONS };
  const annotationLocations: Record<string, JsonLocation> = { '': { value: tool.span } };
  let annotationsRead = true;
  for (const option of options) {
    const o = unwrap(option);
    const { operand, name: fn } = o?.type === 'call_expression' ? calleeOf(o) : { operand: '', name: '' };
    const args = o?.type === 'call_expression' ? argumentsOf(o) : [];
    if (!o || operand !== file.importName(MCP_GO)) {
      if (o) input.unread(o);
      continue;
    }
    if (fn === 'WithDescription') {
      const t = resolveGoText(args[0], scope);
      if (t) tool.description = goTextValue(t, file.ctx);
      else tool.descriptionUnknown = true;
    } else if (fn === 'WithToolTitle' || fn === 'WithTitleAnnotation') {
      const t = goStringValue(args[0], scope);
      if (t) tool.title = t.decoded.text;
    } else if (fn in PROPERTY_TYPES) {
      input.property(fn, args, scope);
    } else if (fn === 'WithInputSchema') {
      input.typed(typeArgumentsOf(o)[0]);
    } else if (fn === 'WithOutputSchema') {
      const t = typeArgumentsOf(o)[0];
      if (t) tool.outputSchema = typedSchema(file, t, true);
    } else if (fn in HINTS) {
      const value = args[0]?.text;
      if (value === 'true' || value === 'false') {
        annotations[HINTS[fn]!] = value === 'true';
        annotationLocations[`/${HINTS[fn]}`] = { value: file.ctx.span(o.startIndex, o.endIndex) };
      } else annotationsRead = false;
    } else if (fn === 'WithToolAnnotation') {
      // The struct replaces the defaults: a hint it leaves out is not sent.
      for (const key of Object.keys(annotations)) delete annotations[key];
      annotationsRead = readAnnotationLiteral(file, args[0], annotations, annotationLocations);
    } else if (fn === 'WithRawInputSchema') {
      input.unread(o);
    }
  }
  tool.inputSchema = input.doc();
  if (annotationsRead) tool.annotations = { value: annotations, span: tool.span, origin: 'object-literal', locations: annotationLocations, errors: [] };
  if (registration?.server) tool.server = registration.server;
  file.model.tools.push(tool);
}

/** `mcp.ToolAnnotation{ReadOnlyHint: mcp.ToBoolPtr(true), …}`: false when a field is not read. */
function readAnnotationLiteral(file: GoFile, node: SyntaxNode | undefined, out: Record<string, unknown>, locations: Record<string, JsonLocation>): boolean {
  const lit = compositeOf(node);
  if (!lit) return false;
  for (const [key, { key: k, value }] of literalFields(lit)) {
    const field = key.charAt(0).toLowerCase() + key.slice(1);
    const v = unwrap(value);
    const inner = v?.type === 'call_expression' ? argumentsOf(v)[0]?.text : v?.text;
    if (field === 'title') continue;
    if (inner !== 'true' && inner !== 'false') return false;
    out[field] = inner === 'true';
    locations[`/${field}`] = { key: file.ctx.span(k.startIndex, k.endIndex), value: file.ctx.span(value.startIndex, value.endIndex) };
  }
  return true;
}

/** A Go type's schema as jsonschema-go infers it; an output schema is always an object (mcp-go sets its type). */
function typedSchema(file: GoFile, t: SyntaxNode, output: boolean): JsonDoc {
  const reader = new GoSchemaReader(file.typeLookup(), file.ctx, file.typeScope);
  const value = reader.read(t, '', { topLevel: true });
  if (output) value['type'] = 'object';
  return { value, span: file.ctx.span(t.startIndex, t.endIndex), origin: 'json', locations: reader.locations, errors: reader.errors };
}

/** The input schema mcp-go builds from `WithString("x", …)` and the like: `{type: object, properties, required}`. */
class ToolSchema {
  private readonly properties: Record<string, Record<string, unknown>> = {};
  private readonly required: string[] = [];
  private readonly locations: Record<string, JsonLocation>;
  private readonly errors: JsonDoc['errors'] = [];
  private replaced?: JsonDoc;

  constructor(
    private readonly file: GoFile,
    private readonly call: SyntaxNode,
  ) {
    this.locations = { '': { value: file.ctx.span(call.startIndex, call.endIndex) } };
  }

  property(fn: string, args: SyntaxNode[], scope: GoScope): void {
    const [nameNode, ...options] = args;
    const name = goStringValue(nameNode, scope);
    if (!name || !nameNode) {
      if (nameNode) this.unread(nameNode);
      return;
    }
    const pointer = `/properties/${name.decoded.text.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    const type = PROPERTY_TYPES[fn];
    const schema: Record<string, unknown> = type ? { type } : {};
    if (type === 'object') schema['properties'] = {};
    const parent = nameNode.parent?.parent ?? nameNode;
    this.locations[pointer] = { key: this.file.ctx.span(name.start, name.end), value: this.file.ctx.span(parent.startIndex, parent.endIndex) };
    for (const option of options) this.propertyOption(option, schema, pointer, scope, name.decoded.text);
    this.properties[name.decoded.text] = schema;
  }

  private propertyOption(option: SyntaxNode, schema: Record<string, unknown>, pointer: string, scope: GoScope, name: string): void {
    const o = unwrap(option);
    if (o?.type !== 'call_expression') {
      this.unread(option);
      return;
    }
    const { name: fn } = calleeOf(o);
    const args = argumentsOf(o);
    const scalar = (n: SyntaxNode | undefined): unknown => {
      const t = goStringValue(n, scope);
      if (t) return t.decoded.text;
      const v = unwrap(n)?.text ?? '';
      if (/^-?\d+(?:\.\d+)?(?:e-?\d+)?$/i.test(v)) return Number(v);
      if (v === 'true' || v === 'false') return v === 'true';
      return undefined;
    };
    const set = (key: string, n: SyntaxNode | undefined) => {
      const v = scalar(n);
      if (v === undefined) return this.unread(n ?? o);
      schema[key] = v;
      this.locations[`${pointer}/${key}`] = { value: this.file.ctx.span((n ?? o).startIndex, (n ?? o).endIndex) };
    };
    switch (fn) {
      case 'Required':
        if (!this.required.includes(name)) this.required.push(name);
        return;
      case 'Description': {
        const t = resolveGoText(args[0], scope);
        if (!t) return this.unread(o);
        schema['description'] = t.decoded.text;
        this.locations[`${pointer}/description`] = { value: this.file.ctx.span(t.start, t.end) };
        return;
      }
      case 'Title': return set('title', args[0]);
      case 'DefaultString': case 'DefaultNumber': case 'DefaultBool': return set('default', args[0]);
      case 'MaxLength': return set('maxLength', args[0]);
      case 'MinLength': return set('minLength', args[0]);
      case 'Pattern': return set('pattern', args[0]);
      case 'Max': return set('maximum', args[0]);
      case 'Min': return set('minimum', args[0]);
      case 'MultipleOf': return set('multipleOf', args[0]);
      case 'MinItems': return set('minItems', args[0]);
      case 'MaxItems': return set('maxItems', args[0]);
      case 'UniqueItems': return set('uniqueItems', args[0]);
      case 'Enum': {
        const values = args.map((a) => goStringValue(a, scope)?.decoded.text);
        if (values.some((v) => v === undefined)) return this.unread(o);
        schema['enum'] = values;
        this.locations[`${pointer}/enum`] = { value: this.file.ctx.span(o.startIndex, o.endIndex) };
        return;
      }
      case 'WithStringItems': case 'WithNumberItems': case 'WithIntegerItems': case 'WithBooleanItems': {
        const items: Record<string, unknown> = { type: fn.slice(4, -5).toLowerCase() };
        for (const inner of args) this.propertyOption(inner, items, `${pointer}/items`, scope, name);
        schema['items'] = items;
        return;
      }
      case 'WithStringEnumItems': {
        const lit = compositeOf(args[0]);
        const values = lit ? literalValues(lit, scope) : undefined;
        if (!values) return this.unread(o);
        schema['items'] = { type: 'string', enum: values };
        return;
      }
      default:
        this.unread(o);
    }
  }

  /** `WithInputSchema[T]()`: the schema of T replaces the options' one. */
  typed(t: SyntaxNode | undefined): void {
    if (!t) return;
    this.replaced = typedSchema(this.file, t, false);
  }

  unread(n: SyntaxNode): void {
    this.errors.push({ message: `\`${n.text.slice(0, 40)}\` is not read, so this schema is not checked`, span: this.file.ctx.span(n.startIndex, n.endIndex) });
  }

  doc(): JsonDoc {
    if (this.replaced) return { ...this.replaced, errors: [...this.replaced.errors, ...this.errors] };
    const value = { type: 'object', properties: this.properties, ...(this.required.length ? { required: this.required } : {}) };
    return { value, span: this.file.ctx.span(this.call.startIndex, this.call.endIndex), origin: 'json', locations: this.locations, errors: this.errors };
  }
}

function literalValues(lit: SyntaxNode, scope: GoScope): string[] | undefined {
  const out: string[] = [];
  for (const el of lit.childForFieldName('body')?.namedChildren ?? []) {
    const t = el ? goStringValue(el.namedChildren[0] ?? el, scope) : undefined;
    if (!t) return undefined;
    out.push(t.decoded.text);
  }
  return out;
}

function readPrompt(file: GoFile, call: SyntaxNode, registration: Registration | undefined): void {
  const scope = file.scopeAt(call);
  const [nameNode, ...options] = argumentsOf(call);
  const name = goStringValue(nameNode, scope);
  if (!name || !name.decoded.text) return;
  const prompt: PromptDef = { kind: 'prompt', file: file.ctx.file, name: name.decoded.text, nameSpan: file.ctx.span(name.start, name.end), span: file.ctx.span(call.startIndex, call.endIndex), style: 'mcp-go', arguments: [], messages: [] };
  for (const option of options) {
    const o = unwrap(option);
    const { name: fn } = o?.type === 'call_expression' ? calleeOf(o) : { name: '' };
    const args = o?.type === 'call_expression' ? argumentsOf(o) : [];
    if (fn === 'WithPromptDescription') {
      const t = resolveGoText(args[0], scope);
      if (t) prompt.description = goTextValue(t, file.ctx);
      else prompt.descriptionUnknown = true;
    } else if (fn === 'WithArgument') {
      const arg = readArgument(file, args, scope);
      if (arg) prompt.arguments.push(arg);
      else prompt.argumentsUnknown = true;
    } else if (o) {
      if (!/^WithPrompt(?:Title|Icons)$/.test(fn)) prompt.argumentsUnknown = true;
    }
  }
  const handler = handlerOf(file, registration?.handler);
  if (handler) {
    const body = readPromptHandler(file, handler);
    prompt.messages = body.messages;
    if (body.uses.length) prompt.argumentUses = body.uses;
  }
  if (registration?.server) prompt.server = registration.server;
  file.model.prompts.push(prompt);
}

function readArgument(file: GoFile, args: SyntaxNode[], scope: GoScope): ArgumentDef | undefined {
  const [nameNode, ...options] = args;
  const name = goStringValue(nameNode, scope);
  if (!name) return undefined;
  const arg: ArgumentDef = { name: name.decoded.text, nameSpan: file.ctx.span(name.start, name.end), required: false };
  for (const option of options) {
    const o = unwrap(option);
    if (o?.type !== 'call_expression') continue;
    const { name: fn } = calleeOf(o);
    if (fn === 'RequiredArgument') arg.required = true;
    else if (fn === 'ArgumentDescription') {
      const t = resolveGoText(argumentsOf(o)[0], scope);
      if (t) arg.description = goTextValue(t, file.ctx);
    }
  }
  return arg;
}
