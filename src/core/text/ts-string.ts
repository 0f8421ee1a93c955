// Decodes TypeScript/JavaScript string literals and template literals into a DecodedText.
import { emptyDecoded, pushMapped, pushVerbatim, verbatimRunEnd, type DecodedText } from './decoded-text';

const SIMPLE_ESCAPES: Record<string, string> = {
  n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', v: '\v', '0': '\0', "'": "'", '"': '"', '\\': '\\', '`': '`', $: '$',
};

/** Decodes the body of a TS string or template literal between `from` and `to` (source offsets of `literal`). */
export function decodeTsEscaped(literal: string, from: number, to: number, base: number): DecodedText {
  const out = emptyDecoded();
  let i = from;
  while (i < to) {
    const c = literal[i] ?? '';
    if (c !== '\\') {
      // Everything up to the next escape decodes to itself.
      const end = verbatimRunEnd(literal, i + 1, to, 92);
      pushVerbatim(out, literal.slice(i, end), base + i);
      i = end;
      continue;
    }
    const next = literal[i + 1] ?? '';
    if (next === '\n') {
      i += 2;
      continue;
    }
    if (next === '\r') {
      i += literal[i + 2] === '\n' ? 3 : 2;
      continue;
    }
    const simple = SIMPLE_ESCAPES[next];
    if (simple !== undefined && !(next === '0' && /[0-9]/.test(literal[i + 2] ?? ''))) {
      pushMapped(out, simple, base + i, base + i + 2);
      i += 2;
      continue;
    }
    const stop = escapeEnd(literal, i, to);
    const value = escapeValue(literal.slice(i, stop));
    pushMapped(out, value, base + i, base + stop);
    i = stop;
  }
  return out;
}

function escapeEnd(literal: string, i: number, to: number): number {
  const next = literal[i + 1];
  if (next === 'x') return Math.min(i + 4, to);
  if (next === 'u') {
    if (literal[i + 2] === '{') {
      const close = literal.indexOf('}', i + 3);
      return close < 0 ? to : close + 1;
    }
    return Math.min(i + 6, to);
  }
  return Math.min(i + 2, to);
}

function escapeValue(escape: string): string {
  const kind = escape[1];
  if (kind === 'x') return String.fromCharCode(parseInt(escape.slice(2), 16) || 0);
  if (kind === 'u') {
    const hex = escape.startsWith('\\u{') ? escape.slice(3, -1) : escape.slice(2);
    const code = parseInt(hex, 16);
    return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
  }
  // A non-escape character after a backslash stands for itself.
  return escape.slice(1);
}

/** Decodes a `'…'` or `"…"` literal's source text starting at `sourceStart`. */
export function decodeTsString(literal: string, sourceStart: number): DecodedText {
  const closed = literal.length >= 2 && literal.endsWith(literal[0] ?? '');
  return decodeTsEscaped(literal, 1, closed ? literal.length - 1 : literal.length, sourceStart);
}

