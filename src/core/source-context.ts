// One file's text with its line index: turns offsets and decoded ranges into SourceSpans.
import type { SourceSpan, TextValue } from './model';
import { sourceRange, type DecodedText } from './text/decoded-text';
import { LineIndex } from './text/line-index';

export class SourceContext {
  readonly lines: LineIndex;

  constructor(
    readonly file: string,
    readonly text: string,
  ) {
    this.lines = new LineIndex(text);
  }

  span(start: number, end: number): SourceSpan {
    return { start, end, range: this.lines.rangeOf(start, end) };
  }

  /** The source span of the decoded range [from, to) of a text value. */
  spanInDecoded(decoded: DecodedText, from: number, to: number): SourceSpan {
    const [start, end] = sourceRange(decoded, from, to);
    return this.span(start, end);
  }

  textValue(decoded: DecodedText, start: number, end: number): TextValue {
    const opening = /^(?:[bc]?r#*"|["'`])/.exec(this.text.slice(start, start + 8))?.[0] ?? '"';
    return { value: decoded.text, span: this.span(start, end), decoded, opening };
  }
}
