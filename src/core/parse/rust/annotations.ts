// A Rust tool's annotations, read into the JSON the server sends (`readOnlyHint`, …), as TS's are: the attribute
// form of rmcp (`#[tool(annotations(read_only_hint = true))]`) and pmcp (`#[mcp_tool(annotations(read_only = true))]`),
// and the `ToolAnnotations` values of builder code (rmcp's `ToolAnnotations::new().read_only(true)`, pmcp's
// `.with_read_only(true)`, a struct literal of `Some(true)` fields), or pmcp's `TypedTool` shorthands
// (`.read_only()`, `.destructive()`). A value computed some other way is unknown (undefined), never "none".
import type { JsonDoc, JsonLocation, SourceSpan } from '../../model';
import type { SourceContext } from '../../source-context';
import { attributeArgs, literalString } from './items';
import { boolLiteral, callArgs, namedChildren, type ChainCall, type RustScope } from './syntax';
import type { SyntaxNode } from '../tree-sitter';

/** The field a hint is sent as, by the names the two SDKs give it (rmcp's fields, pmcp's macro keys and methods). */
const HINTS: Record<string, string> = {
  read_only_hint: 'readOnlyHint', read_only: 'readOnlyHint', with_read_only: 'readOnlyHint',
  destructive_hint: 'destructiveHint', destructive: 'destructiveHint', with_destructive: 'destructiveHint',
  idempotent_hint: 'idempotentHint', idempotent: 'idempotentHint', with_idempotent: 'idempotentHint',
  open_world_hint: 'openWorldHint', open_world: 'openWorldHint', with_open_world: 'openWorldHint',
};

/** pmcp `TypedTool` shorthands: the hints each one sets (`.destructive()` also says readOnlyHint: false). */
const SHORTHANDS: Record<string, [string, boolean][]> = {
  read_only: [['readOnlyHint', true]],
  destructive: [['readOnlyHint', false], ['destructiveHint', true]],
  idempotent: [['idempotentHint', true]],
  open_world: [['openWorldHint', true]],
};

class AnnotationsBuilder {
  readonly value: Record<string, unknown> = {};
  readonly locations: Record<string, JsonLocation> = {};
  constructor(private readonly ctx: SourceContext) {}
  set(field: string, value: unknown, valueNode: SyntaxNode, keyNode?: SyntaxNode): void {
    this.value[field] = value;
    const location: JsonLocation = { value: this.span(valueNode) };
    if (keyNode) location.key = this.span(keyNode);
    this.locations[`/${field}`] = location;
  }
  span(node: SyntaxNode): SourceSpan {
    return this.ctx.span(node.startIndex, node.endIndex);
  }
  doc(whole: SyntaxNode): JsonDoc {
    const span = this.span(whole);
    return { value: this.value, span, origin: 'json', locations: { ...this.locations, '': { value: span } }, errors: [] };
  }
}

/** `annotations(title = "…", read_only_hint = true, …)` of a `#[tool]` or `#[mcp_tool]`; undefined when a value is
 * not a literal (a const or an expression: what it says is not read). */
export function annotationsOfAttribute(nested: SyntaxNode, ctx: SourceContext): JsonDoc | undefined {
  const b = new AnnotationsBuilder(ctx);
  for (const [key, arg] of attributeArgs(nested)) {
    const field = HINTS[key];
    if (key === 'title') {
      const title = literalString(arg.value);
      if (title === undefined || !arg.value) return undefined;
      b.set('title', title, arg.value, arg.key);
    } else if (field) {
      const flag = tokenBool(arg.value);
      if (flag === undefined || !arg.value) return undefined;
      b.set(field, flag, arg.value, arg.key);
    }
    // Other keys (pmcp 1.x's free-form `category = "…"`) are metadata of the macro, not MCP hints.
  }
  return b.doc(nested);
}

/** A `true`/`false` token of an attribute's token tree. */
function tokenBool(node: SyntaxNode | undefined): boolean | undefined {
  if (!node) return undefined;
  if (node.type === 'boolean_literal' || node.text === 'true' || node.text === 'false') return node.text === 'true' ? true : node.text === 'false' ? false : undefined;
  return undefined;
}

/** A `ToolAnnotations` value written in code (or a `let`/`const` of one); undefined when it is built otherwise. */
export function annotationsOfExpression(node: SyntaxNode | undefined, scope: RustScope, ctx: SourceContext, depth = 0): JsonDoc | undefined {
  if (!node || depth > 3) return undefined;
  if (node.type === 'identifier') return annotationsOfExpression(scope.binding(node.text, node), scope, ctx, depth + 1);
  if (node.type === 'struct_expression') return structLiteral(node, ctx);
  if (node.type !== 'call_expression') return undefined;
  // The chain is read from its innermost call out: `ToolAnnotations::new()` then each `.read_only(true)`.
  const calls: SyntaxNode[] = [];
  let current: SyntaxNode | null = node;
  while (current?.type === 'call_expression') {
    const fn: SyntaxNode | null = current.childForFieldName('function');
    if (fn?.type !== 'field_expression') break;
    calls.unshift(current);
    current = fn.childForFieldName('value');
  }
  if (current?.type !== 'call_expression') return undefined;
  const b = new AnnotationsBuilder(ctx);
  const start = current.childForFieldName('function')?.text.replace(/\s+/g, '') ?? '';
  if (!/(?:^|::)ToolAnnotations::(?:new|default|with_title)$/.test(start)) return undefined;
  if (start.endsWith('with_title')) {
    const title = callArgs(current)[0];
    if (title?.type !== 'string_literal' || literalString(title) === undefined) return undefined;
    b.set('title', literalString(title), title);
  }
  for (const call of calls) {
    const field = call.childForFieldName('function')?.childForFieldName('field');
    const method = field?.text ?? '';
    const arg = callArgs(call)[0];
    if (method === 'with_title' || method === 'title') {
      if (arg?.type !== 'string_literal' || literalString(arg) === undefined) return undefined;
      b.set('title', literalString(arg), arg);
      continue;
    }
    const hint = HINTS[method];
    const flag = boolLiteral(arg);
    if (!hint || flag === undefined || !arg) return undefined;
    b.set(hint, flag, arg, field ?? undefined);
  }
  return b.doc(node);
}

/** `ToolAnnotations { read_only_hint: Some(true), ..Default::default() }`: fields left to the default are unset. */
function structLiteral(node: SyntaxNode, ctx: SourceContext): JsonDoc | undefined {
  if (!/(?:^|::)ToolAnnotations$/.test(node.childForFieldName('name')?.text ?? '')) return undefined;
  const b = new AnnotationsBuilder(ctx);
  for (const member of namedChildren(node.childForFieldName('body'))) {
    if (member.type === 'base_field_initializer') {
      if (!/^\.\.\s*(?:Default::default\(\)|ToolAnnotations::(?:default|new)\(\))$/.test(member.text)) return undefined;
      continue;
    }
    if (member.type !== 'field_initializer') return undefined;
    const key = member.childForFieldName('field');
    const value = member.childForFieldName('value');
    const field = key?.text === 'title' ? 'title' : HINTS[key?.text ?? ''];
    if (!key || !value || !field) return undefined;
    if (value.text === 'None') continue;
    const inner = value.type === 'call_expression' && value.childForFieldName('function')?.text === 'Some' ? callArgs(value)[0] : undefined;
    const read = field === 'title' ? (inner ? titleOf(inner) : undefined) : boolLiteral(inner);
    if (read === undefined || !inner) return undefined;
    b.set(field, read, inner, key);
  }
  return b.doc(node);
}

/** A title written as a literal (`"x"`, `"x".into()`, `"x".to_string()`). */
function titleOf(node: SyntaxNode): string | undefined {
  const lit = node.type === 'call_expression' ? node.childForFieldName('function')?.childForFieldName('value') : node;
  return lit?.type === 'string_literal' ? literalString(lit) : undefined;
}

/**
 * The annotations a builder chain gives its tool (`.annotate(a)`, `.with_annotations(a)`, pmcp's shorthands): the
 * value as written, `null` when the chain sets none, undefined when one is set in a way not read. `given` is an
 * annotations value passed to the constructor (`ToolInfo::with_annotations(name, d, schema, a)`).
 */
export function annotationsOfChain(calls: ChainCall[], scope: RustScope, ctx: SourceContext, given?: SyntaxNode): JsonDoc | null | undefined {
  let doc: JsonDoc | null | undefined = given ? annotationsOfExpression(given, scope, ctx) : null;
  for (const c of calls) {
    if (c.method === 'annotate' || c.method === 'with_annotations' || c.method === 'annotations') {
      doc = annotationsOfExpression(c.args[0], scope, ctx);
    } else if (SHORTHANDS[c.method] && c.args.length === 0) {
      if (doc === undefined) continue;
      const field = c.node.childForFieldName('function')?.childForFieldName('field') ?? c.node;
      const b = new AnnotationsBuilder(ctx);
      Object.assign(b.value, doc?.value ?? {});
      Object.assign(b.locations, doc?.locations ?? {});
      for (const [hint, value] of SHORTHANDS[c.method]!) b.set(hint, value, field);
      doc = b.doc(c.node);
    }
    if (doc === undefined) return undefined;
  }
  return doc;
}
