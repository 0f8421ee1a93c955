// Reads JSON text embedded in a source file (a `json!` body) with jsonc-parser, keeping the source location of
// every member by JSON pointer. Comments such as `/* customer info */` and trailing commas are tolerated.
import { getNodeValue, parseTree, type Node, type ParseError } from 'jsonc-parser';
import { describeJsonSyntaxError } from './syntax-error';
import type { JsonDoc, JsonLocation } from '../model';
import type { SourceContext } from '../source-context';

/** Escapes a key for use in a JSON pointer (RFC 6901). */
export function pointerSegment(key: string | number): string {
  const k = String(key);
  return k.includes('~') || k.includes('/') ? k.replace(/~/g, '~0').replace(/\//g, '~1') : k;
}

/** A JSON Pointer segment back to its key (`~1` is `/`, `~0` is `~`). */
export function unescapeSegment(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** The value a JSON Pointer (`/properties/a~1b/description`) reaches in a value, or undefined. */
export function valueAtPointer(root: unknown, pointer: string): unknown {
  let current = root;
  for (const raw of pointer.split('/').slice(1)) {
    if (!current || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[unescapeSegment(raw)];
  }
  return current;
}

/** Parses JSON text that starts at `base` in the file. */
export function parseJsonDoc(jsonText: string, base: number, ctx: SourceContext): JsonDoc {
  return readStrictJson(jsonText, base, ctx) ?? parseJsoncDoc(jsonText, base, ctx);
}

/** `parseJsonDoc` through jsonc-parser alone, for any text (exported for the test that holds the fast path to it). */
export function parseJsoncDoc(jsonText: string, base: number, ctx: SourceContext): JsonDoc {
  const errors: ParseError[] = [];
  const root = parseTree(jsonText, errors, { allowTrailingComma: true, disallowComments: false });
  const locations: Record<string, JsonLocation> = {};
  if (root) collectLocations(root, '', undefined, base, ctx, locations);
  return {
    value: root ? getNodeValue(root) : undefined,
    span: ctx.span(base, base + jsonText.length),
    origin: 'json',
    locations,
    errors: errors.map((e) => ({
      message: `not valid JSON here: ${describeJsonSyntaxError(e.error)}`,
      span: ctx.span(base + e.offset, base + e.offset + Math.max(1, e.length)),
    })),
  };
}


function collectLocations(node: Node, pointer: string, keyNode: Node | undefined, base: number, ctx: SourceContext, out: Record<string, JsonLocation>): void {
  out[pointer] = {
    value: ctx.span(base + node.offset, base + node.offset + node.length),
    ...(keyNode ? { key: ctx.span(base + keyNode.offset, base + keyNode.offset + keyNode.length) } : {}),
  };
  if (node.type === 'object') {
    for (const property of node.children ?? []) {
      const [key, value] = property.children ?? [];
      if (key && value && typeof key.value === 'string') {
        collectLocations(value, `${pointer}/${pointerSegment(key.value)}`, key, base, ctx, out);
      }
    }
  } else if (node.type === 'array') {
    (node.children ?? []).forEach((child, index) => collectLocations(child, `${pointer}/${index}`, undefined, base, ctx, out));
  }
}

/** Thrown inside `readStrictJson` at the first character that is not strict JSON (caught there). */
const NOT_STRICT = new Error('not strict JSON');

const isDigit = (c: number) => c >= 48 && c <= 57;
const isHex = (c: number) => isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);

/**
 * Strict JSON (what most `json!` bodies are) read and checked in one pass: the scan records where every member
 * is and accepts exactly what JSON.parse accepts (ECMA-404: its four whitespace characters, no control character
 * in a string, the escapes JSON has, numbers without a leading zero, `+` or a bare dot). It gives what jsonc-parser
 * gives for such text (values in null-prototype objects, the same offsets, later duplicate keys winning), at a
 * fraction of the cost; anything else (comments, trailing commas, Rust expressions, errors) returns undefined and
 * goes to jsonc-parser.
 */
export function readStrictJson(text: string, base: number, ctx: SourceContext): JsonDoc | undefined {
  const locations: Record<string, JsonLocation> = {};
  let i = 0;
  const skip = () => {
    for (let c = text.charCodeAt(i); c === 32 || c === 10 || c === 13 || c === 9; c = text.charCodeAt(++i));
  };
  const expect = (code: number) => {
    if (text.charCodeAt(i) !== code) throw NOT_STRICT;
    i++;
  };
  // The string that opens at `i`: checked, and `i` moved past its closing quote. Returns whether it has escapes.
  const string = (): boolean => {
    expect(34);
    let escaped = false;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 34) break;
      if (c < 32 || Number.isNaN(c)) throw NOT_STRICT;
      if (c === 92) {
        escaped = true;
        const e = text.charCodeAt(i + 1);
        if (e === 117) {
          if (!(isHex(text.charCodeAt(i + 2)) && isHex(text.charCodeAt(i + 3)) && isHex(text.charCodeAt(i + 4)) && isHex(text.charCodeAt(i + 5)))) throw NOT_STRICT;
          i += 6;
        } else if (e === 34 || e === 92 || e === 47 || e === 98 || e === 102 || e === 110 || e === 114 || e === 116) i += 2;
        else throw NOT_STRICT;
      } else i++;
    }
    i++;
    return escaped;
  };
  const decode = (from: number, to: number, escaped: boolean): string => (escaped ? (JSON.parse(text.slice(from, to)) as string) : text.slice(from + 1, to - 1));
  const digits = () => {
    if (!isDigit(text.charCodeAt(i))) throw NOT_STRICT;
    while (isDigit(text.charCodeAt(i))) i++;
  };
  const number = () => {
    if (text.charCodeAt(i) === 45) i++;
    if (text.charCodeAt(i) === 48) i++;
    else digits();
    if (text.charCodeAt(i) === 46) {
      i++;
      digits();
    }
    const e = text.charCodeAt(i);
    if (e === 101 || e === 69) {
      i++;
      const sign = text.charCodeAt(i);
      if (sign === 43 || sign === 45) i++;
      digits();
    }
  };
  const word = (w: string) => {
    if (!text.startsWith(w, i)) throw NOT_STRICT;
    i += w.length;
  };
  const read = (pointer: string, keyStart: number, keyEnd: number): unknown => {
    skip();
    const start = i;
    const c = text.charCodeAt(i);
    // Registered before the members, as jsonc's tree is walked: parents first.
    const location = { value: undefined } as unknown as JsonLocation;
    locations[pointer] = location;
    let out: unknown;
    if (c === 123) {
      const obj: Record<string, unknown> = Object.create(null);
      i++;
      skip();
      if (text.charCodeAt(i) === 125) i++;
      else {
        for (;;) {
          skip();
          const from = i;
          const escaped = string();
          const to = i;
          const name = decode(from, to, escaped);
          skip();
          expect(58);
          obj[name] = read(`${pointer}/${pointerSegment(name)}`, from, to);
          skip();
          const next = text.charCodeAt(i++);
          if (next === 125) break;
          if (next !== 44) throw NOT_STRICT;
        }
      }
      out = obj;
    } else if (c === 91) {
      const arr: unknown[] = [];
      i++;
      skip();
      if (text.charCodeAt(i) === 93) i++;
      else {
        for (;;) {
          arr.push(read(`${pointer}/${arr.length}`, -1, -1));
          skip();
          const next = text.charCodeAt(i++);
          if (next === 93) break;
          if (next !== 44) throw NOT_STRICT;
        }
      }
      out = arr;
    } else if (c === 34) {
      const escaped = string();
      out = decode(start, i, escaped);
    } else if (c === 116) {
      word('true');
      out = true;
    } else if (c === 102) {
      word('false');
      out = false;
    } else if (c === 110) {
      word('null');
      out = null;
    } else {
      number();
      out = Number(text.slice(start, i));
    }
    location.value = ctx.span(base + start, base + i);
    if (keyStart >= 0) location.key = ctx.span(base + keyStart, base + keyEnd);
    return out;
  };
  let value: unknown;
  try {
    value = read('', -1, -1);
    skip();
    if (i !== text.length) return undefined;
  } catch (e) {
    if (e === NOT_STRICT) return undefined;
    throw e;
  }
  return { value, span: ctx.span(base, base + text.length), origin: 'json', locations, errors: [] };
}
