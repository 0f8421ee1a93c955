// Reading helpers over tree-sitter's Python tree: call arguments, module-level names, string values (literals,
// implicit concatenation, f-strings, `+`, `textwrap.dedent`, `.strip()`), and docstrings as `inspect.getdoc`
// cleans them.
import type { SourceContext } from '../../source-context';
import { emptyDecoded, joinDecoded, type DecodedText } from '../../text/decoded-text';
import { decodePythonString, decodePythonStrings, type PythonHole } from '../../text/python-string';
import { nodesWithin } from '../node-index';
import type { SyntaxNode } from '../tree-sitter';

export const named = (node: SyntaxNode | null | undefined): SyntaxNode[] =>
  (node?.namedChildren ?? []).filter((n): n is SyntaxNode => !!n && n.type !== 'comment');

export const descendantsOf = (node: SyntaxNode, types: string[]): SyntaxNode[] => nodesWithin(node, types);

/** Strips parentheses and `await` around an expression, and the `type` node around a hint. */
export function unwrap(node: SyntaxNode | null | undefined): SyntaxNode | undefined {
  let n = node ?? undefined;
  // firstNamedChild, not named(): unwrap runs on every node read, and listing all children costs a copy each time.
  while (n && (n.type === 'parenthesized_expression' || n.type === 'type' || n.type === 'await')) n = n.firstNamedChild ?? undefined;
  return n;
}

/** A call's positional arguments and keyword arguments by name. */
export function callArguments(call: SyntaxNode): { positional: SyntaxNode[]; keywords: Map<string, SyntaxNode>; splat?: true } {
  const positional: SyntaxNode[] = [];
  const keywords = new Map<string, SyntaxNode>();
  let splat = false;
  for (const arg of named(call.childForFieldName('arguments'))) {
    if (arg.type === 'keyword_argument') {
      const name = arg.childForFieldName('name')?.text;
      const value = arg.childForFieldName('value');
      if (name && value) keywords.set(name, value);
    } else if (arg.type !== 'list_splat' && arg.type !== 'dictionary_splat') positional.push(arg);
    else splat = true;
  }
  // A `**options` may hold any keyword: what the call is given beyond those written is unknown.
  return splat ? { positional, keywords, splat } : { positional, keywords };
}

/** The last part of a dotted name: `types.Tool` → `Tool`. */
export const lastName = (node: SyntaxNode | null | undefined): string => (node?.text ?? '').split('.').pop()?.trim() ?? '';

/** The class a call constructs: `FastMCP("x")`, `MCPServer[AppState]("x")` → its name. */
export function serverClass(call: SyntaxNode): string {
  const fn = unwrap(call.childForFieldName('function'));
  return lastName(fn?.type === 'subscript' ? fn.childForFieldName('value') : fn);
}

const assignmentsByRoot = new WeakMap<SyntaxNode, Map<string, SyntaxNode>>();

/** The value the first module-level `NAME = …` gives a name (assignments inside functions are not followed). */
export function moduleValue(name: string, root: SyntaxNode): SyntaxNode | undefined {
  let values = assignmentsByRoot.get(root);
  if (!values) {
    values = new Map();
    for (const statement of named(root)) {
      const a = statement.type === 'expression_statement' ? named(statement)[0] : undefined;
      const left = a?.type === 'assignment' ? a.childForFieldName('left') : undefined;
      const right = a?.childForFieldName('right');
      if (left?.type === 'identifier' && right && !values.has(left.text)) values.set(left.text, right);
    }
    assignmentsByRoot.set(root, values);
  }
  return values.get(name);
}

/** A string value read from the source, its holes (f-string fields, unread `+` operands) and where it stands. */
export interface PyText {
  decoded: DecodedText;
  holes: PythonHole[];
  /** True when part of it is an f-string (its braces are not a template's). */
  formatted: boolean;
  start: number;
  end: number;
  opening: string;
  /** The arguments of a `"…".format(…)` call, when the text is rendered by `str.format`. */
  formatCall?: SyntaxNode;
}

/** Resolves an expression to the string it builds, when it is made of literals; undefined otherwise. */
export function resolvePyText(node: SyntaxNode | null | undefined, root: SyntaxNode, locals?: Map<string, SyntaxNode>, depth = 0): PyText | undefined {
  const n = unwrap(node);
  if (!n || depth > 8) return undefined;
  const base = { start: n.startIndex, end: n.endIndex };
  switch (n.type) {
    case 'string': {
      const s = decodePythonString(n.text, n.startIndex);
      return { ...base, ...s };
    }
    case 'concatenated_string': {
      const s = decodePythonStrings(named(n).filter((p) => p.type === 'string').map((p) => ({ text: p.text, start: p.startIndex })));
      return { ...base, ...s };
    }
    case 'identifier': {
      const value = locals?.get(n.text) ?? moduleValue(n.text, root);
      return value && value !== n ? resolvePyText(value, root, locals, depth + 1) : undefined;
    }
    case 'binary_operator':
      return n.childForFieldName('operator')?.text === '+' ? resolveSum(n, root, locals, depth) : undefined;
    case 'call':
      return resolveCall(n, root, locals, depth);
    default:
      return undefined;
  }
}

function resolveSum(n: SyntaxNode, root: SyntaxNode, locals: Map<string, SyntaxNode> | undefined, depth: number): PyText | undefined {
  const parts = [n.childForFieldName('left'), n.childForFieldName('right')].map((side): PyText | undefined => {
    const r = resolvePyText(side, root, locals, depth + 1);
    if (r || !side) return r;
    // A non-literal operand is a hole, like an f-string field.
    const hole: PythonHole = { expression: side.text, start: side.startIndex, end: side.endIndex, expressionStart: side.startIndex, expressionEnd: side.endIndex, at: 0 };
    return { decoded: emptyDecoded(), holes: [hole], formatted: true, start: side.startIndex, end: side.endIndex, opening: '"' };
  });
  const [l, r] = parts;
  if (!l || !r || (!l.decoded.text && !r.decoded.text)) return undefined;
  const holes = [...l.holes, ...r.holes.map((h) => ({ ...h, at: h.at + l.decoded.text.length }))];
  return { decoded: joinDecoded([l.decoded, r.decoded]), holes, formatted: l.formatted || r.formatted, start: n.startIndex, end: n.endIndex, opening: l.opening };
}

function resolveCall(n: SyntaxNode, root: SyntaxNode, locals: Map<string, SyntaxNode> | undefined, depth: number): PyText | undefined {
  const fn = n.childForFieldName('function');
  const { positional } = callArguments(n);
  if (/(^|\.)dedent$/.test(fn?.text ?? '')) {
    const inner = resolvePyText(positional[0], root, locals, depth + 1);
    return inner ? { ...inner, decoded: dedent(inner.decoded), start: n.startIndex, end: n.endIndex } : undefined;
  }
  if (fn?.type !== 'attribute') return undefined;
  const method = fn.childForFieldName('attribute')?.text;
  const object = fn.childForFieldName('object');
  if (method === 'strip' || method === 'lstrip' || method === 'rstrip') {
    const inner = resolvePyText(object, root, locals, depth + 1);
    return inner && positional.length === 0 ? { ...inner, decoded: strip(inner.decoded, method), start: n.startIndex, end: n.endIndex } : undefined;
  }
  if (method === 'format') {
    const inner = resolvePyText(object, root, locals, depth + 1);
    return inner && !inner.formatted ? { ...inner, start: n.startIndex, end: n.endIndex, formatCall: n } : undefined;
  }
  return undefined;
}

/** Drops the units at the given decoded indexes (the kept ones keep their source offsets). */
function keep(decoded: DecodedText, kept: (i: number) => boolean): DecodedText {
  const out = emptyDecoded();
  for (let i = 0; i < decoded.text.length; i++) {
    if (!kept(i)) continue;
    out.text += decoded.text[i];
    out.starts.push(decoded.starts[i] ?? 0);
    out.ends.push(decoded.ends[i] ?? 0);
  }
  return out;
}

function strip(decoded: DecodedText, how: 'strip' | 'lstrip' | 'rstrip'): DecodedText {
  const t = decoded.text;
  const from = how === 'rstrip' ? 0 : t.length - t.trimStart().length;
  const to = how === 'lstrip' ? t.length : t.trimEnd().length;
  return keep(decoded, (i) => i >= from && i < to);
}

/** `textwrap.dedent`: the common leading white space of the non-blank lines removed. */
function dedent(decoded: DecodedText): DecodedText {
  const lines = decoded.text.split('\n');
  const margin = Math.min(...lines.filter((l) => l.trim()).map((l) => l.length - l.trimStart().length));
  return dropIndent(decoded, lines.map(() => (Number.isFinite(margin) ? margin : 0)));
}

/** Removes `cut[k]` leading white-space units from line k (fewer on a shorter blank line). */
function dropIndent(decoded: DecodedText, cut: number[]): DecodedText {
  const drop = new Set<number>();
  let at = 0;
  decoded.text.split('\n').forEach((line, k) => {
    const n = Math.min(cut[k] ?? 0, line.length - line.trimStart().length);
    for (let i = 0; i < n; i++) drop.add(at + i);
    at += line.length + 1;
  });
  return keep(decoded, (i) => !drop.has(i));
}

/** The docstring of a function or class body, cleaned as `inspect.cleandoc` does (what FastMCP shows), or as
 * written (`__doc__`, what the official SDK's FastMCP/MCPServer sends) when `clean` is false. */
export function docstring(definition: SyntaxNode, root: SyntaxNode, clean = true): PyText | undefined {
  const first = named(definition.childForFieldName('body'))[0];
  const literal = first?.type === 'expression_statement' ? named(first)[0] : undefined;
  if (!literal || (literal.type !== 'string' && literal.type !== 'concatenated_string')) return undefined;
  const text = resolvePyText(literal, root);
  if (!text || text.formatted) return undefined;
  return clean ? { ...text, decoded: cleandoc(text.decoded) } : text;
}

/** `inspect.cleandoc`: tabs kept, first line's leading space and the others' common indent removed, blank edges dropped. */
export function cleandoc(decoded: DecodedText): DecodedText {
  const lines = decoded.text.split('\n');
  const rest = lines.slice(1).filter((l) => l.trim());
  const margin = rest.length ? Math.min(...rest.map((l) => l.length - l.trimStart().length)) : 0;
  const indented = dropIndent(decoded, lines.map((l, k) => (k === 0 ? l.length - l.trimStart().length : margin)));
  const out = indented.text.split('\n');
  // Trailing white space of each line stays, as in cleandoc; blank first and last lines go.
  let from = 0;
  while (from < out.length && !out[from]!.trim()) from++;
  let to = out.length;
  while (to > from && !out[to - 1]!.trim()) to--;
  const starts: number[] = [];
  let at = 0;
  for (const line of out) {
    starts.push(at);
    at += line.length + 1;
  }
  const a = from < out.length ? starts[from]! : indented.text.length;
  const b = to > from ? starts[to - 1]! + out[to - 1]!.length : a;
  return keep(indented, (i) => i >= a && i < b);
}

/** The identifiers an expression reads (not attribute names after a dot, not keyword names). */
export function readIdentifiers(node: SyntaxNode): SyntaxNode[] {
  return descendantsOf(node, ['identifier']).filter((id) => {
    const parent = id.parent;
    if (parent?.type === 'attribute' && parent.childForFieldName('attribute')?.startIndex === id.startIndex) return false;
    if (parent?.type === 'keyword_argument' && parent.childForFieldName('name')?.startIndex === id.startIndex) return false;
    return true;
  });
}

/** A source context's text value for a PyText. */
export function pyTextValue(t: PyText, ctx: SourceContext) {
  return { ...ctx.textValue(t.decoded, t.start, t.end), opening: t.opening };
}
