// Reads JSON text embedded in a source file (a `json!` body) with jsonc-parser, keeping the source location of
// every member by JSON pointer. Comments such as `/* customer info */` and trailing commas are tolerated.
import { getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { JsonDoc, JsonLocation } from '../model';
import type { SourceContext } from '../source-context';

/** Escapes a key for use in a JSON pointer (RFC 6901). */
export function pointerSegment(key: string | number): string {
  return String(key).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Parses JSON text that starts at `base` in the file. */
export function parseJsonDoc(jsonText: string, base: number, ctx: SourceContext): JsonDoc {
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
      message: `not valid JSON here: ${describeError(printParseErrorCode(e.error))}`,
      span: ctx.span(base + e.offset, base + e.offset + Math.max(1, e.length)),
    })),
  };
}

function describeError(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
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
