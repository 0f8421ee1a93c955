// Decodes Go string literals into a DecodedText: interpreted "…" strings with their escapes, raw `…` strings (kept
// as written, carriage returns dropped as the compiler drops them), and the verbs of a fmt format (`%s`, `%d`,
// `%[2]v`), which are holes: their values are known only at run time, so they stay in the text as written.
import { emptyDecoded, pushMapped, pushVerbatim, verbatimRunEnd, type DecodedText } from './decoded-text';

const SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', "'": "'", '"': '"',
};

/** A fmt verb of a format string, with where it stands in the decoded text and which operand it prints. */
export interface GoVerb {
  /** The verb as written: `%s`, `%-10v`, `%[1]q`. */
  text: string;
  /** Decoded offsets [at, end) of the verb. */
  at: number;
  end: number;
  /** The index of the operand after the format it prints (0 for the first). */
  operand: number;
}

/** Decodes one Go string literal (interpreted or raw) whose source text starts at `sourceStart`. */
export function decodeGoString(literal: string, sourceStart: number): DecodedText {
  const out = emptyDecoded();
  const quote = literal[0] === '`' ? '`' : '"';
  const to = literal.length > 1 && literal.endsWith(quote) ? literal.length - 1 : literal.length;
  if (quote === '`') {
    // A raw string drops its carriage returns; the runs between them decode to themselves.
    for (let i = 1; i < to; ) {
      const end = verbatimRunEnd(literal, i, to, 13);
      pushVerbatim(out, literal.slice(i, end), sourceStart + i);
      i = end + 1;
    }
    return out;
  }
  let i = 1;
  while (i < to) {
    if (literal[i] !== '\\') {
      const end = verbatimRunEnd(literal, i + 1, to, 92);
      pushVerbatim(out, literal.slice(i, end), sourceStart + i);
      i = end;
      continue;
    }
    i = appendEscape(out, literal, i, to, sourceStart);
  }
  return out;
}

function appendEscape(out: DecodedText, literal: string, i: number, to: number, base: number): number {
  const next = literal[i + 1] ?? '';
  const simple = SIMPLE_ESCAPES[next];
  if (simple !== undefined) {
    pushMapped(out, simple, base + i, base + i + 2);
    return i + 2;
  }
  if (/[0-7]/.test(next)) {
    // Octal and \x escapes are single bytes; a byte above 0x7f is part of a UTF-8 sequence, not read as one.
    const stop = Math.min(i + 4, to);
    const code = parseInt(literal.slice(i + 1, stop), 8);
    pushMapped(out, code < 0x80 ? String.fromCharCode(code) : '\ufffd', base + i, base + stop);
    return stop;
  }
  const digits = next === 'x' ? 2 : next === 'u' ? 4 : next === 'U' ? 8 : 0;
  if (digits) {
    const stop = Math.min(i + 2 + digits, to);
    const code = parseInt(literal.slice(i + 2, stop), 16);
    const ok = Number.isFinite(code) && code <= 0x10ffff && !(next === 'x' && code >= 0x80);
    pushMapped(out, ok ? String.fromCodePoint(code) : '\ufffd', base + i, base + stop);
    return stop;
  }
  // Any other escape does not compile; it is kept as written.
  pushVerbatim(out, literal.slice(i, i + 2), base + i);
  return i + 2;
}

/** The verbs of a decoded fmt format, each with the operand it prints (`%%` is a literal percent sign). */
export function goFormatVerbs(format: string): GoVerb[] {
  const out: GoVerb[] = [];
  let operand = 0;
  const re = /%(?:%|[-+# 0]*(?:\[(\d+)\])?(\*|\d+)?(?:\.(?:\*|\d+)?)?(?:\[(\d+)\])?[a-zA-Z])/g;
  for (const m of format.matchAll(re)) {
    if (m[0] === '%%') continue;
    const explicit = m[1] ?? m[3];
    if (explicit) operand = Number(explicit) - 1;
    // A `*` width takes an operand of its own.
    if (m[2] === '*') operand += 1;
    out.push({ text: m[0], at: m.index ?? 0, end: (m.index ?? 0) + m[0].length, operand });
    operand += 1;
  }
  return out;
}
