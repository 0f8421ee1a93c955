// A string value decoded from source literals, with a map from every decoded UTF-16 unit back to the
// source range it came from, so a position in the value (a template variable, a tool name) maps to the exact
// line and column in the file, across escapes, line continuations, concatenations and joins.

/** Decoded text with, for each code unit i, the source offsets [starts[i], ends[i]) it was decoded from. */
export interface DecodedText {
  text: string;
  starts: number[];
  ends: number[];
}

export const emptyDecoded = (): DecodedText => ({ text: '', starts: [], ends: [] });

/** Appends source text that decodes to itself (one unit per unit) starting at a source offset. */
export function pushVerbatim(out: DecodedText, value: string, sourceStart: number): void {
  // The text is appended whole: a string grown a unit at a time is a chain of thousands of pieces to flatten.
  out.text += value;
  for (let i = 0; i < value.length; i++) {
    out.starts.push(sourceStart + i);
    out.ends.push(sourceStart + i + 1);
  }
}

/** Appends decoded units that all come from one source range (an escape, an inserted separator). */
export function pushMapped(out: DecodedText, value: string, sourceStart: number, sourceEnd: number): void {
  out.text += value;
  for (let i = 0; i < value.length; i++) {
    out.starts.push(sourceStart);
    out.ends.push(sourceEnd);
  }
}

/**
 * Where the run of units of `literal` from `from` that decode to themselves ends: the first unit at or after `from`
 * (before `to`) that is `stop` or `alsoStop` (char codes), else `to`. Decoders append such a run in one piece.
 */
export function verbatimRunEnd(literal: string, from: number, to: number, stop: number, alsoStop = stop): number {
  let i = from;
  for (let c = literal.charCodeAt(i); i < to && c !== stop && c !== alsoStop; c = literal.charCodeAt(++i));
  return i;
}

/** Joins decoded parts, mapping each separator to the given source range (or to the end of the left part). */
export function joinDecoded(parts: DecodedText[], separator = '', separatorSource?: [number, number]): DecodedText {
  const out = emptyDecoded();
  parts.forEach((part, index) => {
    if (index > 0 && separator) {
      const at = out.ends[out.ends.length - 1] ?? separatorSource?.[0] ?? 0;
      const [s, e] = separatorSource ?? [at, at];
      pushMapped(out, separator, s, e);
    }
    out.text += part.text;
    out.starts.push(...part.starts);
    out.ends.push(...part.ends);
  });
  return out;
}

/** Source offsets [start, end) of the decoded range [from, to). An empty range maps to a point. */
export function sourceRange(decoded: DecodedText, from: number, to: number): [number, number] {
  const n = decoded.text.length;
  if (n === 0) return [0, 0];
  const a = Math.max(0, Math.min(from, n));
  const b = Math.max(a, Math.min(to, n));
  if (a === b) {
    const at = a < n ? (decoded.starts[a] ?? 0) : (decoded.ends[n - 1] ?? 0);
    return [at, at];
  }
  return [decoded.starts[a] ?? 0, decoded.ends[b - 1] ?? 0];
}
