// Places findings inside decoded texts and JSON schemas: a substring of a description becomes an exact source
// span through the text's offset map and the file's line starts; a JSON pointer becomes the span of its member.
import { sourceRange } from '../text/decoded-text';
import { positionIn } from '../text/line-index';
import { valueAtPointer } from '../json/json-doc';
import { perContext } from './memo';
import type { CheckContext } from './rule';
import type { FileModel, JsonDoc, SourceSpan, TextValue } from '../model';

const modelsByFile = perContext((ctx) => new Map(ctx.files.map((m) => [m.file, m])));

/** The model of a file in the context. */
function modelOf(ctx: CheckContext, file: string): FileModel | undefined {
  return ctx.modelOf?.(file) ?? modelsByFile(ctx).get(file);
}


/**
 * The source span of the decoded range [from, to) of a text value, or undefined when it cannot be placed exactly
 * (a model built without line starts); callers then point at the whole text or its owner.
 */
export function spanInText(ctx: CheckContext, file: string, text: TextValue, from: number, to: number): SourceSpan | undefined {
  const lineStarts = modelOf(ctx, file)?.lineStarts;
  if (!lineStarts || text.decoded.text.length === 0) return undefined;
  const [start, end] = sourceRange(text.decoded, from, to);
  if (start < text.span.start || end > text.span.end) return undefined;
  return { start, end, range: { start: positionIn(lineStarts, start), end: positionIn(lineStarts, end) } };
}

/** The span of a schema member by JSON pointer: its key when `key` is asked and known, else its value; the
 * nearest enclosing member when the pointer itself was not recorded (e.g. a zod-made default). */
export function spanAtPointer(doc: JsonDoc, pointer: string, part: 'key' | 'value' = 'value'): SourceSpan {
  let p = pointer;
  for (;;) {
    const location = doc.locations[p];
    if (location) return (part === 'key' && location.key) || location.value;
    if (p === '') return doc.span;
    p = p.slice(0, p.lastIndexOf('/'));
  }
}

/** The span of the first character of a member (the opening brace of an object), for findings about a whole schema. */
export function openingSpan(doc: JsonDoc, pointer = ''): SourceSpan {
  const span = spanAtPointer(doc, pointer);
  const { line, character } = span.range.start;
  return { start: span.start, end: span.start + 1, range: { start: { line, character }, end: { line, character: character + 1 } } };
}

/**
 * The span of [from, to) inside the JSON string at a pointer, when the literal is written on one line with as many
 * source characters as its JSON encoding (so offsets carry over); undefined when that cannot be known exactly.
 */
export function spanInJsonString(doc: JsonDoc, pointer: string, from: number, to: number): SourceSpan | undefined {
  const location = doc.locations[pointer]?.value;
  const current = valueAtPointer(doc.value, pointer);
  if (!location || typeof current !== 'string' || doc.origin === 'zod') return undefined;
  const { start, end } = location.range;
  if (start.line !== end.line || location.end - location.start !== JSON.stringify(current).length) return undefined;
  const prefix = JSON.stringify(current.slice(0, from)).length - 1;
  const inner = JSON.stringify(current.slice(from, to)).length - 2;
  const a = location.start + prefix;
  return { start: a, end: a + inner, range: { start: { line: start.line, character: start.character + prefix }, end: { line: start.line, character: start.character + prefix + inner } } };
}
