// Go syntax helpers over tree-sitter's Go grammar: named children, descendants, call parts, the names a scope binds
// (`x := …`, `const x = …`, `var x = …`), and string expressions read as one decoded text with its fmt holes.
import type { TextValue } from '../../model';
import type { SourceContext } from '../../source-context';
import { joinDecoded, type DecodedText } from '../../text/decoded-text';
import { decodeGoString, goFormatVerbs } from '../../text/go-string';
import { nodesWithin } from '../node-index';
import type { SyntaxNode } from '../tree-sitter';

export const named = (n: SyntaxNode | null | undefined): SyntaxNode[] => (n ? n.namedChildren.filter((c): c is SyntaxNode => c !== null) : []);

/** Every descendant of one of the types, in source order (the node itself included), from the tree's index. */
export function descendantsOf(n: SyntaxNode, types: string[]): SyntaxNode[] {
  return nodesWithin(n, types);
}

/** A node without the parentheses around it. */
export function unwrap(n: SyntaxNode | null | undefined): SyntaxNode | undefined {
  let at = n ?? undefined;
  while (at?.type === 'parenthesized_expression') at = named(at)[0];
  return at;
}

/** A call's callee as `pkg.Name` / `recv.Method` parts: operand text and field name (operand '' for a bare name). */
export function calleeOf(call: SyntaxNode): { operand: string; name: string; operandNode?: SyntaxNode } {
  let fn = unwrap(call.childForFieldName('function'));
  // `mcp.WithInputSchema[Args]()`: the generic instantiation wraps the selector.
  if (fn?.type === 'generic_type' || fn?.type === 'index_expression') fn = unwrap(fn.childForFieldName('type') ?? fn.childForFieldName('operand'));
  if (fn?.type === 'selector_expression') {
    const operand = fn.childForFieldName('operand');
    return { operand: operand?.text ?? '', name: fn.childForFieldName('field')?.text ?? '', ...(operand ? { operandNode: operand } : {}) };
  }
  return { operand: '', name: fn?.text ?? '' };
}

/** The type arguments of a generic call (`mcp.WithInputSchema[Args]()` → [Args]). */
export function typeArgumentsOf(call: SyntaxNode): SyntaxNode[] {
  const fn = call.childForFieldName('function');
  const args = call.childForFieldName('type_arguments') ?? (fn?.type === 'generic_type' ? fn.childForFieldName('type_arguments') : undefined);
  if (args) return named(args).map((a) => (a.type === 'type_elem' ? (named(a)[0] ?? a) : a));
  if (fn?.type === 'index_expression') return named(fn).slice(1);
  return [];
}

export const argumentsOf = (call: SyntaxNode): SyntaxNode[] => named(call.childForFieldName('arguments')).filter((n) => n.type !== 'comment');

/** The fields of a composite literal `T{Name: …, Description: …}`: key → value node. */
export function literalFields(literal: SyntaxNode): Map<string, { key: SyntaxNode; value: SyntaxNode }> {
  const out = new Map<string, { key: SyntaxNode; value: SyntaxNode }>();
  const body = literal.type === 'literal_value' ? literal : literal.childForFieldName('body');
  for (const el of named(body)) {
    if (el.type !== 'keyed_element') continue;
    const [k, v] = named(el);
    const key = k?.type === 'literal_element' ? named(k)[0] : k;
    const value = v?.type === 'literal_element' ? named(v)[0] : v;
    if (key && value) out.set(key.text, { key, value });
  }
  return out;
}

/** The elements of a composite literal without keys (`[]T{a, b}` → [a, b]). */
export function literalElements(literal: SyntaxNode): SyntaxNode[] {
  const body = literal.type === 'literal_value' ? literal : literal.childForFieldName('body');
  return named(body).filter((e) => e.type === 'literal_element').map((e) => named(e)[0] ?? e);
}

/** `&T{…}` → the composite literal; a composite literal as is. */
export function compositeOf(n: SyntaxNode | null | undefined): SyntaxNode | undefined {
  let at = unwrap(n);
  if (at?.type === 'unary_expression' && at.text.startsWith('&')) at = unwrap(at.childForFieldName('operand'));
  return at?.type === 'composite_literal' ? at : undefined;
}

/** The last name of a type (`*mcp.Tool` → `Tool`, `mcp.CallToolRequest` → `CallToolRequest`). */
export function typeName(t: SyntaxNode | null | undefined): string {
  let at = t ?? undefined;
  while (at?.type === 'pointer_type') at = named(at)[0];
  if (at?.type === 'qualified_type') return at.childForFieldName('name')?.text ?? '';
  return at?.text ?? '';
}

/** Names bound once in a scope's own statements (`x := v`, `var x = v`, `const x = v`): name → value. */
export function bindingsOf(scope: SyntaxNode): Map<string, SyntaxNode> {
  const out = new Map<string, SyntaxNode>();
  const add = (names: SyntaxNode[], values: SyntaxNode[]) => {
    // `v, ok := m["k"]` and `v, err := f()`: the first name holds the value read.
    if (values.length === 1 && names.length === 2) names = names.slice(0, 1);
    if (names.length !== values.length) return;
    names.forEach((n, i) => {
      if (n.type === 'identifier' && !out.has(n.text)) out.set(n.text, values[i]!);
    });
  };
  for (const d of descendantsOf(scope, ['short_var_declaration', 'var_spec', 'const_spec', 'assignment_statement'])) {
    if (d.type === 'short_var_declaration' || d.type === 'assignment_statement') {
      add(named(d.childForFieldName('left')), named(d.childForFieldName('right')));
    } else {
      const names = d.childrenForFieldName('name').filter((c): c is SyntaxNode => c !== null);
      add(names, named(d.childForFieldName('value')));
    }
  }
  return out;
}

/** A string expression read: its decoded text, source range, and fmt holes (each with the operand it prints). */
export interface GoText {
  decoded: DecodedText;
  start: number;
  end: number;
  holes: { at: number; end: number; operand?: SyntaxNode }[];
  /** True when it is (or contains) a `fmt.Sprintf` format. */
  formatted: boolean;
}

/** Where names are looked up: the function's locals first, then the package's consts and vars. */
export interface GoScope {
  locals?: Map<string, SyntaxNode>;
  globals: Map<string, SyntaxNode>;
}

/** Reads a string expression: literals, `+`, consts and single-assignment locals, `fmt.Sprintf`/`fmt.Sprint`. */
export function resolveGoText(node: SyntaxNode | null | undefined, scope: GoScope, depth = 0): GoText | undefined {
  const n = unwrap(node);
  if (!n || depth > 8) return undefined;
  switch (n.type) {
    case 'interpreted_string_literal':
    case 'raw_string_literal':
      return { decoded: decodeGoString(n.text, n.startIndex), start: n.startIndex, end: n.endIndex, holes: [], formatted: false };
    case 'binary_expression': {
      if (n.childForFieldName('operator')?.text !== '+') return undefined;
      const left = resolveGoText(n.childForFieldName('left'), scope, depth + 1);
      const right = resolveGoText(n.childForFieldName('right'), scope, depth + 1);
      if (!left || !right) return undefined;
      const shift = left.decoded.text.length;
      return {
        decoded: joinDecoded([left.decoded, right.decoded]),
        start: Math.min(left.start, n.startIndex),
        end: Math.max(right.end, n.endIndex),
        holes: [...left.holes, ...right.holes.map((h) => ({ ...h, at: h.at + shift, end: h.end + shift }))],
        formatted: left.formatted || right.formatted,
      };
    }
    case 'identifier': {
      const value = scope.locals?.get(n.text) ?? scope.globals.get(n.text);
      return value && value.startIndex !== n.startIndex ? resolveGoText(value, scope, depth + 1) : undefined;
    }
    case 'call_expression':
      return readSprintf(n, scope, depth);
    default:
      return undefined;
  }
}

function readSprintf(call: SyntaxNode, scope: GoScope, depth: number): GoText | undefined {
  const { operand, name } = calleeOf(call);
  // A translation helper, `t("TOOL_GET_ME_DESCRIPTION", "Get details of…")`: the default text is what is sent unless
  // a translation is configured (github-mcp-server's TranslationHelperFunc).
  const args = argumentsOf(call);
  // A conversion, `string(ECHO)` of a `const ECHO ToolName = "echo"`.
  if (!operand && name === 'string' && args.length === 1) return resolveGoText(args[0], scope, depth + 1);
  if (args.length === 2 && /^"[A-Z][A-Z0-9_]+"$/.test(unwrap(args[0])?.text ?? '')) return resolveGoText(args[1], scope, depth + 1);
  if (operand !== 'fmt' || name !== 'Sprintf') return undefined;
  const [format, ...operands] = argumentsOf(call);
  const text = resolveGoText(format, scope, depth + 1);
  if (!text) return undefined;
  const holes = goFormatVerbs(text.decoded.text).map((v) => ({ at: v.at, end: v.end, ...(operands[v.operand] ? { operand: operands[v.operand]! } : {}) }));
  return { ...text, holes: [...text.holes, ...holes], formatted: true };
}

/** A GoText as a model TextValue. */
export function goTextValue(t: GoText, ctx: SourceContext): TextValue {
  return ctx.textValue(t.decoded, t.start, t.end);
}

/** The string value of a literal expression with no holes, or undefined. */
export function goStringValue(node: SyntaxNode | null | undefined, scope: GoScope): GoText | undefined {
  const t = resolveGoText(node, scope);
  return t && !t.formatted ? t : undefined;
}
