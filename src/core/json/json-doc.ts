// Reads JSON text embedded in a source file (a `json!` body) with jsonc-parser, keeping the source location of
// every member by JSON pointer. Comments such as `/* customer info */` and trailing commas are tolerated.
import { getNodeValue, parseTree, type Node, type ParseError } from 'jsonc-parser';
import { describeJsonSyntaxError } from './syntax-error';
import type { JsonDoc, JsonLocation } from '../model';
import type { SourceContext } from '../source-context';

/** Escapes a key for use in a JSON pointer (RFC 6901). */
export function pointerSegment(key: string | number): string {
  return String(key).replace(/~/g, '~0').replace(/\//g, '~1');
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
  const strict = readStrictJson(jsonText, base, ctx);
  if (strict) return strict;
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

/**
 * Strict JSON (what most `json!` bodies are) read in one pass: the engine's JSON.parse checks it, then a scan
 * records where every member is. It gives what jsonc-parser gives for such text (values in null-prototype
 * objects, the same offsets, later duplicate keys winning), at a fraction of the cost; anything else (comments,
 * trailing commas, Rust expressions, errors) returns undefined and goes to jsonc-parser.
 */
function readStrictJson(text: string, base: number, ctx: SourceContext): JsonDoc | undefined {
  try {
    JSON.parse(text);
  } catch {
    return undefined;
  }
  const locations: Record<string, JsonLocation> = {};
  let i = 0;
  const skip = () => {
    for (let c = text.charCodeAt(i); c === 32 || c === 10 || c === 13 || c === 9; c = text.charCodeAt(++i));
  };
  // Past the closing quote of the string that opens at `from` (the text is valid JSON, so there is one).
  const stringEnd = (from: number): number => {
    let j = from + 1;
    for (let c = text.charCodeAt(j); c !== 34; c = text.charCodeAt(j)) j += c === 92 ? 2 : 1;
    return j + 1;
  };
  const decode = (from: number, to: number): string => {
    const raw = text.slice(from, to);
    return raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1);
  };
  const read = (pointer: string, key: [number, number] | undefined): unknown => {
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
          const keyStart = i;
          i = stringEnd(i);
          const keyEnd = i;
          const name = decode(keyStart, keyEnd);
          skip();
          i++;
          obj[name] = read(`${pointer}/${pointerSegment(name)}`, [keyStart, keyEnd]);
          skip();
          if (text.charCodeAt(i++) === 125) break;
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
          arr.push(read(`${pointer}/${arr.length}`, undefined));
          skip();
          if (text.charCodeAt(i++) === 93) break;
        }
      }
      out = arr;
    } else if (c === 34) {
      i = stringEnd(i);
      out = decode(start, i);
    } else if (c === 116 || c === 110) {
      i += 4;
      out = c === 116 ? true : null;
    } else if (c === 102) {
      i += 5;
      out = false;
    } else {
      for (let d = text.charCodeAt(i); (d >= 48 && d <= 57) || d === 45 || d === 43 || d === 46 || d === 101 || d === 69; d = text.charCodeAt(++i));
      out = Number(text.slice(start, i));
    }
    location.value = ctx.span(base + start, base + i);
    if (key) location.key = ctx.span(base + key[0], base + key[1]);
    return out;
  };
  const value = read('', undefined);
  return { value, span: ctx.span(base, base + text.length), origin: 'json', locations, errors: [] };
}
