// Reading helpers over tree-sitter's Rust tree: builder chains, string and json! values, and following an
// identifier to the const, let or fn that defines it within the file.
import type { JsonDoc, TemplateSyntax } from '../../model';
import type { SourceContext } from '../../source-context';
import { parseJsonDoc } from '../../json/json-doc';
import { decodeRustString } from '../../text/rust-string';
import { joinDecoded, type DecodedText } from '../../text/decoded-text';
import { LineIndex } from '../../text/line-index';
import { nodesWithin } from '../node-index';
import type { SyntaxNode } from '../tree-sitter';

export interface ChainCall {
  method: string;
  args: SyntaxNode[];
  node: SyntaxNode;
}

const same = (a: SyntaxNode | null | undefined, b: SyntaxNode | null | undefined) =>
  !!a && !!b && a.startIndex === b.startIndex && a.endIndex === b.endIndex && a.type === b.type;

export const namedChildren = (node: SyntaxNode | null | undefined): SyntaxNode[] =>
  (node?.namedChildren ?? []).filter((n): n is SyntaxNode => !!n && n.type !== 'line_comment' && n.type !== 'block_comment');

export const callArgs = (call: SyntaxNode): SyntaxNode[] => namedChildren(call.childForFieldName('arguments'));

/** The method calls chained on a constructor call: `X::new(..).a(..).b(..)` gives a and b. */
export function methodChain(start: SyntaxNode): { calls: ChainCall[]; outer: SyntaxNode } {
  const calls: ChainCall[] = [];
  let current = start;
  for (;;) {
    const field = current.parent;
    if (!field || field.type !== 'field_expression' || !same(field.childForFieldName('value'), current)) break;
    const call = field.parent;
    if (!call || call.type !== 'call_expression' || !same(call.childForFieldName('function'), field)) break;
    calls.push({ method: field.childForFieldName('field')?.text ?? '', args: callArgs(call), node: call });
    current = call;
  }
  return { calls, outer: current };
}

/** The path text of a call's function: `Prompt::new`, `render_template`, `hb.render_template` -> `.render_template`. */
export function calleeName(call: SyntaxNode): string {
  const fn = call.childForFieldName('function');
  if (!fn) return '';
  if (fn.type === 'field_expression') return `.${fn.childForFieldName('field')?.text ?? ''}`;
  if (fn.type === 'generic_function') return fn.childForFieldName('function')?.text ?? '';
  return fn.text.replace(/\s+/g, '');
}

/** The last segment of a callee (`pmcp::types::Content::text` -> `Content::text`). */
export function shortCallee(call: SyntaxNode): string {
  const parts = calleeName(call).split('::');
  return parts.slice(-2).join('::');
}

export function macroName(node: SyntaxNode): string {
  return node.childForFieldName('macro')?.text.split('::').pop() ?? '';
}

const tokenTree = (macro: SyntaxNode) => namedChildren(macro).find((n) => n.type === 'token_tree');

/** Descendants of a node of the given types, in source order. */
export function descendants(node: SyntaxNode, types: string[]): SyntaxNode[] {
  return nodesWithin(node, types);
}

/** A resolved text: its decoded value and how it is rendered. */
export interface ResolvedText {
  decoded: DecodedText;
  start: number;
  end: number;
  syntax: TemplateSyntax;
  formatArgs: string[];
}

/**
 * The names a Rust file binds (const/static items, `let`s, functions), read in one pass on first use, so following
 * an identifier is a map lookup instead of a walk over the whole tree.
 */
export class RustScope {
  private consts = new Map<string, SyntaxNode>();
  private lets = new Map<string, { start: number; value: SyntaxNode }[]>();
  private fns = new Map<string, SyntaxNode>();
  private built = false;

  constructor(readonly root: SyntaxNode) {}

  private build(): void {
    this.built = true;
    for (const n of descendants(this.root, ['const_item', 'static_item', 'let_declaration', 'function_item'])) {
      if (n.type === 'function_item') {
        const name = n.childForFieldName('name')?.text;
        if (name && !this.fns.has(name)) this.fns.set(name, n);
        continue;
      }
      const name = (n.type === 'let_declaration' ? n.childForFieldName('pattern') : n.childForFieldName('name'))?.text;
      const value = n.childForFieldName('value');
      if (!name || !value) continue;
      if (n.type === 'let_declaration') this.lets.set(name, [...(this.lets.get(name) ?? []), { start: n.startIndex, value }]);
      else if (!this.consts.has(name)) this.consts.set(name, value);
    }
  }

  /** What an identifier at a node is bound to: a const/static item, or the nearest earlier `let`. */
  binding(name: string, at: SyntaxNode): SyntaxNode | undefined {
    if (!this.built) this.build();
    const item = this.consts.get(name);
    if (item) return item;
    let best: SyntaxNode | undefined;
    for (const l of this.lets.get(name) ?? []) if (l.start <= at.startIndex) best = l.value;
    return best;
  }

  fn(name: string): SyntaxNode | undefined {
    if (!this.built) this.build();
    return this.fns.get(name);
  }
}

/** Splits a macro's token tree after its first literal into top-level, comma-separated argument texts. */
function macroArgsAfterFirst(tree: SyntaxNode, literalEnd: number): string[] {
  const inner = tree.text.slice(literalEnd - tree.startIndex, -1);
  const args: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of inner) {
    if ('([{'.includes(ch)) depth++;
    if (')]}'.includes(ch)) depth--;
    if (ch === ',' && depth === 0) {
      if (current.trim()) args.push(current.trim());
      current = '';
    } else current += ch;
  }
  if (current.trim()) args.push(current.trim());
  return args.filter((a) => !/^\w+\s*=/.test(a));
}

const WRAPPERS = new Set(['.to_string', '.to_owned', '.into', '.unwrap', '.expect', '.unwrap_or_default', '.clone', '.as_str', '.map_err', '.context', '.with_context']);
const TEXT_CALLS = new Set(['Content::text', 'String::from', 'Cow::from', 'Some', 'TextContent::new', 'Content::Text']);

/** Follows an expression to the string text it produces, when the file says so statically. */
export function resolveRustText(node: SyntaxNode | undefined, root: RustScope, ctx: SourceContext, literalSyntax: TemplateSyntax, depth = 0): ResolvedText | undefined {
  if (!node || depth > 8) return undefined;
  switch (node.type) {
    case 'string_literal':
    case 'raw_string_literal':
      return { decoded: decodeRustString(node.text, node.startIndex), start: node.startIndex, end: node.endIndex, syntax: literalSyntax, formatArgs: [] };
    case 'reference_expression':
    case 'parenthesized_expression':
    case 'try_expression':
      return resolveRustText(namedChildren(node).at(-1), root, ctx, literalSyntax, depth + 1);
    case 'identifier': {
      const bound = root.binding(node.text, node);
      return bound ? resolveRustText(bound, root, ctx, literalSyntax, depth + 1) : undefined;
    }
    case 'macro_invocation': {
      const name = macroName(node);
      const tree = tokenTree(node);
      const literals = namedChildren(tree).filter((n) => n.type === 'string_literal' || n.type === 'raw_string_literal');
      const literal = literals[0];
      if (!tree || !literal) return undefined;
      if (name === 'concat') {
        // `concat!("a", "b")`: every literal, joined as the compiler joins them.
        const parts = literals.map((l) => decodeRustString(l.text, l.startIndex));
        return { decoded: joinDecoded(parts), start: node.startIndex, end: node.endIndex, syntax: literalSyntax, formatArgs: [] };
      }
      if (name !== 'format') return undefined;
      const resolved = resolveRustText(literal, root, ctx, literalSyntax, depth + 1);
      if (resolved) {
        resolved.syntax = 'format';
        resolved.formatArgs = macroArgsAfterFirst(tree, literal.endIndex);
      }
      return resolved;
    }
    case 'call_expression': {
      const callee = calleeName(node);
      const args = callArgs(node);
      if (callee.endsWith('render_template') || callee.endsWith('render_template_with_context')) {
        const resolved = resolveRustText(args[0], root, ctx, 'handlebars', depth + 1);
        if (resolved) resolved.syntax = 'handlebars';
        return resolved;
      }
      if (WRAPPERS.has(callee)) {
        const receiver = node.childForFieldName('function')?.childForFieldName('value') ?? undefined;
        return resolveRustText(receiver, root, ctx, literalSyntax, depth + 1);
      }
      if (TEXT_CALLS.has(shortCallee(node))) return resolveRustText(args[0], root, ctx, literalSyntax, depth + 1);
      return undefined;
    }
    default:
      return undefined;
  }
}

/** Calls that hand a JSON value on unchanged (by last path segment, or the last two). */
const JSON_PASS_THROUGH = new Set(['Some', 'json_object', 'from_value', 'Arc::new', 'Rc::new', 'Box::new', 'Cow::Owned', 'Cow::from']);

/** Follows an expression to a `json!` body and reads it as JSON with positions. */
export function resolveRustJson(node: SyntaxNode | undefined, root: RustScope, ctx: SourceContext, depth = 0): JsonDoc | undefined {
  if (!node || depth > 6) return undefined;
  if (node.type === 'macro_invocation' && macroName(node) === 'json') {
    const tree = tokenTree(node);
    if (!tree) return undefined;
    return parseJsonDoc(tree.text.slice(1, -1), tree.startIndex + 1, ctx);
  }
  if (node.type === 'identifier') return resolveRustJson(root.binding(node.text, node), root, ctx, depth + 1);
  if (node.type === 'reference_expression' || node.type === 'parenthesized_expression') {
    return resolveRustJson(namedChildren(node).at(-1), root, ctx, depth + 1);
  }
  if (node.type === 'call_expression') {
    const callee = calleeName(node);
    if (WRAPPERS.has(callee)) return resolveRustJson(node.childForFieldName('function')?.childForFieldName('value') ?? undefined, root, ctx, depth + 1);
    // `Some(json!(…))`, rmcp's `Arc::new(json_object(json!(…)))`, `serde_json::from_value(json!(…)).unwrap()`.
    if (JSON_PASS_THROUGH.has(callee.split('::').slice(-2).join('::')) || JSON_PASS_THROUGH.has(callee.split('::').pop() ?? '')) return resolveRustJson(callArgs(node)[0], root, ctx, depth + 1);
    const fn = /^\w+$/.test(callee) ? root.fn(callee) : undefined;
    const body = fn?.childForFieldName('body');
    const last = body ? descendants(body, ['macro_invocation']).filter((m) => macroName(m) === 'json').at(-1) : undefined;
    if (last) return resolveRustJson(last, root, ctx, depth + 1);
  }
  return undefined;
}

/** `true`, `false`, or undefined for anything else. */
export function boolLiteral(node: SyntaxNode | undefined): boolean | undefined {
  if (node?.type === 'boolean_literal') return node.text === 'true';
  return undefined;
}

/** The elements of `vec![…]` or `[…]`; a `vec!` body is re-read as expressions through `reparse`. */
export function vecElements(node: SyntaxNode | undefined, reparse: (tree: SyntaxNode) => SyntaxNode[]): SyntaxNode[] {
  if (!node) return [];
  if (node.type === 'array_expression') return namedChildren(node);
  if (node.type === 'macro_invocation' && macroName(node) === 'vec') {
    const tree = tokenTree(node);
    return tree ? reparse(tree) : [];
  }
  if (node.type === 'reference_expression') return vecElements(namedChildren(node).at(-1), reparse);
  return [];
}

type ReparseFn = (
  text: string,
  ranges: { startIndex: number; endIndex: number; startPosition: { row: number; column: number }; endPosition: { row: number; column: number } }[],
) => { rootNode: SyntaxNode; delete(): void };

/** tree-sitter's row/column (0-based, UTF-16 units) of an offset. */
function pointAt(lines: LineIndex, offset: number): { row: number; column: number } {
  const p = lines.positionAt(offset);
  return { row: p.line, column: p.character };
}

/**
 * Re-reads macro token trees (`vec![…]`) as Rust expressions, many of one file in a single parse. tree-sitter keeps
 * macro bodies as flat tokens; each body becomes `fn f(){[ … ];}` in place (the eight characters before it and three
 * after are overwritten, so every offset stays the file's own), and only those ranges are included, so the nodes'
 * offsets are offsets of the original file. Bodies too close together to rewrite in place are left for
 * reparseTokenTree, one at a time. The caller disposes of the result.
 */
export function reparseTokenTreesInPlace(trees: SyntaxNode[], fileText: string, parse: ReparseFn): { elements: Map<number, SyntaxNode[]>; dispose: () => void } | undefined {
  const prefix = 'fn f(){[';
  const suffix = '];}';
  const pieces: string[] = [];
  let copied = 0;
  const ranges: { from: number; to: number; innerStart: number }[] = [];
  let lastEnd = 0;
  for (const tree of [...trees].sort((a, b) => a.startIndex - b.startIndex)) {
    const innerStart = tree.startIndex + 1;
    const innerEnd = tree.endIndex - 1;
    const from = innerStart - prefix.length;
    const to = innerEnd + suffix.length;
    if (from < lastEnd || to > fileText.length) continue;
    pieces.push(fileText.slice(copied, from), prefix, fileText.slice(innerStart, innerEnd), suffix);
    copied = to;
    ranges.push({ from, to, innerStart });
    lastEnd = to;
  }
  if (ranges.length === 0) return undefined;
  pieces.push(fileText.slice(copied));
  const synthetic = pieces.join('');
  const lines = new LineIndex(synthetic);
  const parsed = parse(synthetic, ranges.map((r) => ({ startIndex: r.from, endIndex: r.to, startPosition: pointAt(lines, r.from), endPosition: pointAt(lines, r.to) })));
  const arrays = new Map<number, SyntaxNode>();
  for (const a of parsed.rootNode.descendantsOfType('array_expression')) if (a) arrays.set(a.startIndex, a);
  const elements = new Map<number, SyntaxNode[]>();
  for (const r of ranges) {
    const array = arrays.get(r.innerStart - 1);
    if (array) elements.set(r.innerStart, namedChildren(array));
  }
  return { elements, dispose: () => parsed.delete() };
}

export function reparseTokenTree(tree: SyntaxNode, fileText: string, parse: ReparseFn): { elements: SyntaxNode[]; dispose: () => void } | undefined {
  const result = reparseTokenTreesInPlace([tree], fileText, parse);
  return result && { elements: result.elements.get(tree.startIndex + 1) ?? [], dispose: result.dispose };
}
