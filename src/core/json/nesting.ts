// What JSON text must pass before it is parsed. A byte order mark is accepted. How deeply it may nest is
// bounded, and checked before anything recursive (jsonc-parser's parseTree, the loader's walks, ajv) sees the
// text: a few thousand levels would exhaust the stack, and no workflow file or mcp.json needs more than a handful.
import { createScanner } from 'jsonc-parser';

// jsonc-parser's SyntaxKind is a const enum, which isolated modules cannot read: its values, as it declares them.
const OPEN_BRACE = 1;
const CLOSE_BRACE = 2;
const OPEN_BRACKET = 3;
const CLOSE_BRACKET = 4;
const EOF = 17;

/** The deepest nesting of objects and arrays a workflow file or mcp.json may have. */
export const MAX_JSON_DEPTH = 100;

/** The bracket that opens the first level past `max`, or undefined. Scans tokens in a loop, never recursing. */
export function findTooDeep(text: string, max = MAX_JSON_DEPTH): { offset: number; message: string } | undefined {
  const scanner = createScanner(text, true);
  let depth = 0;
  for (let kind: number = scanner.scan(); kind !== EOF; kind = scanner.scan()) {
    if (kind === OPEN_BRACE || kind === OPEN_BRACKET) {
      depth += 1;
      if (depth > max) return { offset: scanner.getTokenOffset(), message: `objects and arrays nest more than ${max} levels deep here; nothing this deep is read` };
    } else if (kind === CLOSE_BRACE || kind === CLOSE_BRACKET) {
      depth = Math.max(0, depth - 1);
    }
  }
  return undefined;
}

/** The text with a leading byte order mark as a space: jsonc-parser rejects the mark, and offsets stay the same. */
export function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
}

/** The syntax errors worth listing for one file: past this many, the rest are one "and N more" problem. */
export const MAX_SYNTAX_ERRORS = 20;

/** The first MAX_SYNTAX_ERRORS errors, then (when there are more) a note at the next one saying how many remain. */
export function limitSyntaxErrors<E extends { offset: number; length: number }>(errors: readonly E[], more: (count: number, at: E) => E): E[] {
  if (errors.length <= MAX_SYNTAX_ERRORS) return [...errors];
  return [...errors.slice(0, MAX_SYNTAX_ERRORS), more(errors.length - MAX_SYNTAX_ERRORS, errors[MAX_SYNTAX_ERRORS]!)];
}
