// Converts between UTF-16 offsets and 0-based line/character positions of one text.
import type { Position, Range } from '../diagnostic';

/** Line starts of a text, for offset <-> position conversion in O(log n). */
export class LineIndex {
  private readonly starts: number[];

  constructor(readonly text: string) {
    this.starts = [0];
    if (!text.includes('\r')) {
      // Only `\n` ends a line: found by the engine's search rather than a test of every character.
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.starts.push(i + 1);
      else if (c === 13 && text.charCodeAt(i + 1) !== 10) this.starts.push(i + 1);
    }
  }

  /** The offset where each line starts (shared, not copied: treat as read-only). */
  get lineStarts(): number[] {
    return this.starts;
  }


  /** The position of an offset (clamped into the text). */
  positionAt(offset: number): Position {
    return positionIn(this.starts, Math.max(0, Math.min(offset, this.text.length)));
  }

  /** The offset of a position (clamped into its line). */
  offsetAt(position: Position): number {
    const start = this.starts[Math.max(0, Math.min(position.line, this.starts.length - 1))] ?? 0;
    const next = this.starts[position.line + 1] ?? this.text.length;
    return Math.min(start + Math.max(0, position.character), next);
  }

  rangeOf(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }
}

/** The position of an offset, given the offsets where lines start (a model keeps those, not its text). */
export function positionIn(lineStarts: readonly number[], offset: number): Position {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((lineStarts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: offset - (lineStarts[lo] ?? 0) };
}
