// Python literals (dicts, lists, strings, numbers, True/False/None, module-level names) read as JSON values with
// the location of every member by JSON pointer, for schemas written as dicts (`inputSchema={…}`).
import type { JsonDoc, JsonLocation } from '../../model';
import type { SourceContext } from '../../source-context';
import { pointerSegment } from '../../json/json-doc';
import type { SyntaxNode } from '../tree-sitter';
import { moduleValue, named, resolvePyText, unwrap } from './syntax';

interface Reader {
  root: SyntaxNode;
  ctx: SourceContext;
  locations: Record<string, JsonLocation>;
  errors: JsonDoc['errors'];
}

/** Reads a literal as a JSON document; a part computed at run time makes it unknown (an error on the doc). */
export function pyValueToJson(node: SyntaxNode | undefined, root: SyntaxNode, ctx: SourceContext): JsonDoc | undefined {
  const n = unwrap(node);
  if (!n) return undefined;
  const reader: Reader = { root, ctx, locations: {}, errors: [] };
  const value = readValue(n, '', undefined, reader, 0);
  return { value, span: ctx.span(n.startIndex, n.endIndex), origin: 'json', locations: reader.locations, errors: reader.errors };
}

/** The JSON value of a scalar literal, or undefined when it is not one. */
export function pyScalar(node: SyntaxNode | undefined, root: SyntaxNode): { value: unknown } | undefined {
  const n = unwrap(node);
  switch (n?.type) {
    case 'integer': case 'float': return { value: Number(n.text.replace(/_/g, '')) };
    case 'true': return { value: true };
    case 'false': return { value: false };
    case 'none': return { value: null };
    case 'unary_operator': {
      const inner = pyScalar(named(n)[0], root);
      return n.text.startsWith('-') && typeof inner?.value === 'number' ? { value: -inner.value } : undefined;
    }
    case 'string': case 'concatenated_string': {
      const t = resolvePyText(n, root);
      return t && t.holes.length === 0 ? { value: t.decoded.text } : undefined;
    }
    default: return undefined;
  }
}

function readValue(n: SyntaxNode, pointer: string, key: SyntaxNode | undefined, r: Reader, depth: number): unknown {
  r.locations[pointer] = { value: r.ctx.span(n.startIndex, n.endIndex), ...(key ? { key: r.ctx.span(key.startIndex, key.endIndex) } : {}) };
  if (n.type === 'dictionary') {
    const out: Record<string, unknown> = {};
    for (const pair of named(n)) {
      const k = pair.type === 'pair' ? unwrap(pair.childForFieldName('key')) : undefined;
      const v = unwrap(pair.childForFieldName('value'));
      const name = k ? pyScalar(k, r.root)?.value : undefined;
      if (typeof name !== 'string' || !v) {
        unread(pair, r);
        continue;
      }
      out[name] = readValue(v, `${pointer}/${pointerSegment(name)}`, k, r, depth + 1);
    }
    return out;
  }
  if (n.type === 'list' || n.type === 'tuple') return named(n).map((e, i) => readValue(unwrap(e) ?? e, `${pointer}/${i}`, undefined, r, depth + 1));
  const scalar = pyScalar(n, r.root);
  if (scalar) return scalar.value;
  if (n.type === 'identifier' && depth < 8) {
    const value = unwrap(moduleValue(n.text, r.root));
    if (value) return readValue(value, pointer, key, r, depth + 1);
  }
  unread(n, r);
  return undefined;
}

function unread(n: SyntaxNode, r: Reader): void {
  r.errors.push({ message: `\`${n.text.slice(0, 40)}\` is computed at run time, so this schema is not checked`, span: r.ctx.span(n.startIndex, n.endIndex) });
}
