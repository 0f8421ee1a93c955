// Reading helpers over tree-sitter's TypeScript tree: string values (quotes, template literals, `+`, `.join`),
// object literals as JSON with locations, and following identifiers to their `const`.
import type { JsonDoc, JsonLocation, SourceSpan } from '../../model';
import type { SourceContext } from '../../source-context';
import { emptyDecoded, joinDecoded, type DecodedText } from '../../text/decoded-text';
import { decodeTsEscaped, decodeTsString } from '../../text/ts-string';
import { pointerSegment } from '../../json/json-doc';
import { nodesWithin } from '../node-index';
import { keyName, named } from './nodes';
import { importedValueOf } from './imports';
import type { SyntaxNode } from '../tree-sitter';

export { keyName, named } from './nodes';

export const descendantsOf = (node: SyntaxNode, types: string[]): SyntaxNode[] => nodesWithin(node, types);

const WRAPPERS = new Set(['parenthesized_expression', 'as_expression', 'satisfies_expression', 'non_null_expression', 'await_expression']);

/** Strips parentheses, `as`, `satisfies` and `!` around an expression. */
export function unwrap(node: SyntaxNode | undefined): SyntaxNode | undefined {
  let n = node;
  while (n && WRAPPERS.has(n.type)) n = named(n)[0];
  return n;
}

const declaratorsByRoot = new WeakMap<SyntaxNode, Map<string, SyntaxNode>>();

/** The value a `const NAME = …` in the file gives an identifier (the first declarator of that name). The
 * declarators of a root are listed once: resolving texts and zod shapes asks for the same names many times. */
export function findConst(name: string, root: SyntaxNode): SyntaxNode | undefined {
  let declarators = declaratorsByRoot.get(root);
  if (!declarators) {
    declarators = new Map();
    for (const d of descendantsOf(root, ['variable_declarator'])) {
      const declared = d.childForFieldName('name')?.text;
      if (declared !== undefined && !declarators.has(declared)) declarators.set(declared, d);
    }
    declaratorsByRoot.set(root, declarators);
  }
  return declarators.get(name)?.childForFieldName('value') ?? undefined;
}

/** A `${…}` inside a template literal or a non-literal operand of `+`: an argument use in plain text. */
export interface Interpolation {
  expression: string;
  /** The expression's node, for reading which arguments it refers to. */
  node?: SyntaxNode;
  span: SourceSpan;
  /** Where it stands in the decoded text. */
  at: number;
}

export interface TsText {
  decoded: DecodedText;
  start: number;
  end: number;
  interpolations: Interpolation[];
  handlebars: boolean;
  /** The file the text is written in, when it was followed into a sibling module (offsets are that file's). */
  ctx?: SourceContext;
}

/** True when a part of a text is written in another file than the text it joins: a hole, not mapped text. */
const elsewhere = (part: TsText | undefined, ctx: SourceContext) => part?.ctx !== undefined && part.ctx !== ctx;

/** Resolves an expression to the string it builds, when it is made of literals. */
export function resolveTsText(node: SyntaxNode | undefined, root: SyntaxNode, ctx: SourceContext, depth = 0): TsText | undefined {
  const n = unwrap(node);
  if (!n || depth > 8) return undefined;
  const base = { start: n.startIndex, end: n.endIndex, interpolations: [] as Interpolation[], handlebars: false };
  switch (n.type) {
    case 'string':
      return { ...base, decoded: decodeTsString(n.text, n.startIndex) };
    case 'template_string':
      return { ...base, ...decodeTemplate(n, ctx) };
    case 'identifier':
    case 'shorthand_property_identifier': {
      const value = findConst(n.text, root);
      if (value) return resolveTsText(value, root, ctx, depth + 1);
      // A const exported by a sibling module: read there, and mapped into that file.
      const imported = importedValueOf(n.text, root);
      const t = imported ? resolveTsText(imported.node, imported.root, imported.ctx, depth + 1) : undefined;
      return t ? { ...t, ctx: t.ctx ?? imported!.ctx } : undefined;
    }
    case 'binary_expression': {
      if (n.childForFieldName('operator')?.text !== '+') return undefined;
      const parts = [n.childForFieldName('left'), n.childForFieldName('right')].map((side) => {
        const r = resolveTsText(side ?? undefined, root, ctx, depth + 1);
        if ((r && !elsewhere(r, ctx)) || !side) return r;
        // A non-literal operand is an interpolation, like `${…}`.
        return { decoded: emptyDecoded(), start: side.startIndex, end: side.endIndex, handlebars: false, interpolations: [{ expression: side.text, node: side, span: ctx.span(side.startIndex, side.endIndex), at: 0 }] };
      });
      const [l, r] = parts;
      if (!l || !r || (!l.decoded.text && !r.decoded.text)) return undefined;
      return {
        ...base,
        decoded: joinDecoded([l.decoded, r.decoded]),
        interpolations: [...l.interpolations, ...r.interpolations.map((i) => ({ ...i, at: i.at + l.decoded.text.length }))],
        handlebars: l.handlebars || r.handlebars,
      };
    }
    case 'call_expression':
      return resolveCall(n, root, ctx, depth);
    default:
      return undefined;
  }
}

function resolveCall(n: SyntaxNode, root: SyntaxNode, ctx: SourceContext, depth: number): TsText | undefined {
  const fn = n.childForFieldName('function');
  const args = named(n.childForFieldName('arguments'));
  if (fn?.type === 'member_expression' && fn.childForFieldName('property')?.text === 'join') {
    const array = unwrap(fn.childForFieldName('object') ?? undefined);
    const resolvedArray = array?.type === 'identifier' ? unwrap(findConst(array.text, root)) : array;
    if (resolvedArray?.type !== 'array') return undefined;
    const sep = args[0] ? resolveTsText(args[0], root, ctx, depth + 1) : undefined;
    const parts = named(resolvedArray).map((e) => resolveTsText(e, root, ctx, depth + 1));
    if (parts.some((p) => !p || elsewhere(p, ctx))) return undefined;
    const ok = parts as TsText[];
    const sepText = args[0] ? (sep?.decoded.text ?? '') : ',';
    const sepSource: [number, number] | undefined = args[0] ? [args[0].startIndex, args[0].endIndex] : undefined;
    let offset = 0;
    const interpolations: Interpolation[] = [];
    for (const p of ok) {
      interpolations.push(...p.interpolations.map((i) => ({ ...i, at: i.at + offset })));
      offset += p.decoded.text.length + sepText.length;
    }
    return { decoded: joinDecoded(ok.map((p) => p.decoded), sepText, sepSource), start: n.startIndex, end: n.endIndex, interpolations, handlebars: ok.some((p) => p.handlebars) };
  }
  // `Handlebars.compile(TEMPLATE)(args)`: the template is rendered by Handlebars.
  const inner = unwrap(fn ?? undefined);
  if (inner?.type === 'call_expression' && /(^|\.)compile$/.test(inner.childForFieldName('function')?.text ?? '')) {
    const t = resolveTsText(named(inner.childForFieldName('arguments'))[0], root, ctx, depth + 1);
    return t ? { ...t, handlebars: true } : undefined;
  }
  if (/(^|\.)(String|dedent|trim|trimStart|trimEnd)$/.test(fn?.text ?? '')) return resolveTsText(args[0], root, ctx, depth + 1);
  return undefined;
}

function decodeTemplate(n: SyntaxNode, ctx: SourceContext): { decoded: DecodedText; interpolations: Interpolation[] } {
  const parts: DecodedText[] = [];
  const interpolations: Interpolation[] = [];
  let cursor = n.startIndex + 1;
  let length = 0;
  const text = n.text;
  const flush = (to: number) => {
    if (to > cursor) {
      const part = decodeTsEscaped(text, cursor - n.startIndex, to - n.startIndex, n.startIndex);
      parts.push(part);
      length += part.text.length;
    }
  };
  for (const sub of named(n).filter((c) => c.type === 'template_substitution')) {
    flush(sub.startIndex);
    const expr = named(sub)[0];
    interpolations.push({ expression: expr?.text ?? '', ...(expr ? { node: expr } : {}), span: ctx.span(sub.startIndex, sub.endIndex), at: length });
    cursor = sub.endIndex;
  }
  flush(n.endIndex - 1);
  return { decoded: joinDecoded(parts), interpolations };
}

/** Reads an object/array literal as a JSON value with the location of every member. */
export function tsValueToJson(node: SyntaxNode | undefined, root: SyntaxNode, ctx: SourceContext): JsonDoc | undefined {
  const n = unwrap(node);
  if (!n) return undefined;
  const locations: Record<string, JsonLocation> = {};
  const errors: JsonDoc['errors'] = [];
  const value = readValue(n, '', undefined, root, ctx, locations, errors, 0);
  return { value, span: ctx.span(n.startIndex, n.endIndex), origin: 'object-literal', locations, errors };
}

function readValue(node: SyntaxNode, pointer: string, key: SyntaxNode | undefined, root: SyntaxNode, ctx: SourceContext, locations: Record<string, JsonLocation>, errors: JsonDoc['errors'], depth: number): unknown {
  const n = unwrap(node) ?? node;
  locations[pointer] = { value: ctx.span(n.startIndex, n.endIndex), ...(key ? { key: ctx.span(key.startIndex, key.endIndex) } : {}) };
  switch (n.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const pair of named(n)) {
        if (pair.type !== 'pair') continue;
        const k = pair.childForFieldName('key');
        const v = pair.childForFieldName('value');
        const name = k ? keyName(k) : undefined;
        if (name === undefined || !v) continue;
        out[name] = readValue(v, `${pointer}/${pointerSegment(name)}`, k ?? undefined, root, ctx, locations, errors, depth + 1);
      }
      return out;
    }
    case 'array':
      return named(n).map((e, i) => readValue(e, `${pointer}/${i}`, undefined, root, ctx, locations, errors, depth + 1));
    case 'string':
    case 'template_string':
      return resolveTsText(n, root, ctx)?.decoded.text ?? '';
    case 'number':
      return Number(n.text.replace(/_/g, ''));
    case 'true':
      return true;
    case 'false':
      return false;
    case 'null':
      return null;
    case 'unary_expression':
      return n.text.startsWith('-') ? -Number(named(n)[0]?.text ?? 'NaN') : undefined;
    case 'identifier': {
      const value = depth < 8 ? findConst(n.text, root) : undefined;
      if (value) return readValue(value, pointer, key, root, ctx, locations, errors, depth + 1);
      break;
    }
    default:
  }
  errors.push({ message: `not a JSON value: \`${n.text.slice(0, 40)}\` is computed at run time, so it cannot be checked here`, span: ctx.span(n.startIndex, n.endIndex) });
  return undefined;
}
