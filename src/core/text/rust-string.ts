// Decodes Rust string literals (with escapes, `\` line continuations and raw strings) into a DecodedText.
import { emptyDecoded, pushMapped, pushVerbatim, verbatimRunEnd, type DecodedText } from './decoded-text';

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '\\': '\\', '0': '\0', "'": "'", '"': '"' };

/** Decodes a Rust string literal's source text (`"…"`, `r#"…"#`, `b"…"`, `c"…"`) that starts at `sourceStart`. */
export function decodeRustString(literal: string, sourceStart: number): DecodedText {
  const raw = /^[bc]?r(#*)"/.exec(literal);
  if (raw) {
    const open = raw[0].length;
    const close = literal.length - (raw[1]?.length ?? 0) - 1;
    const out = emptyDecoded();
    pushVerbatim(out, literal.slice(open, Math.max(open, close)), sourceStart + open);
    return out;
  }
  const open = literal.indexOf('"') + 1;
  const end = literal.endsWith('"') && literal.length > open ? literal.length - 1 : literal.length;
  return decodeEscaped(literal, open, end, sourceStart);
}

function decodeEscaped(literal: string, from: number, to: number, base: number): DecodedText {
  const out = emptyDecoded();
  let i = from;
  while (i < to) {
    const c = literal[i];
    if (c !== '\\') {
      // Rust normalises CRLF inside string literals to LF.
      if (c === '\r' && literal[i + 1] === '\n') {
        pushMapped(out, '\n', base + i, base + i + 2);
        i += 2;
      } else {
        // Everything up to the next escape or carriage return decodes to itself.
        const end = verbatimRunEnd(literal, i + 1, to, 92, 13);
        pushVerbatim(out, literal.slice(i, end), base + i);
        i = end;
      }
      continue;
    }
    const next = literal[i + 1] ?? '';
    if (next === '\n' || next === '\r') {
      // A line continuation drops the newline and all leading white space of the next line.
      let j = i + 1;
      while (j < to && /[ \t\n\r]/.test(literal[j] ?? '')) j++;
      i = j;
      continue;
    }
    const simple = SIMPLE_ESCAPES[next];
    if (simple !== undefined) {
      pushMapped(out, simple, base + i, base + i + 2);
      i += 2;
      continue;
    }
    if (next === 'x') {
      const hex = literal.slice(i + 2, i + 4);
      pushMapped(out, String.fromCharCode(parseInt(hex, 16) || 0), base + i, base + i + 4);
      i += 4;
      continue;
    }
    if (next === 'u' && literal[i + 2] === '{') {
      const close = literal.indexOf('}', i + 3);
      const stop = close < 0 ? to : close + 1;
      const code = parseInt(literal.slice(i + 3, close < 0 ? to : close).replace(/_/g, ''), 16);
      const value = Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
      pushMapped(out, value, base + i, base + stop);
      i = stop;
      continue;
    }
    // An unknown escape is a compile error in Rust; keep the text so positions stay exact.
    pushVerbatim(out, literal.slice(i, i + 2), base + i);
    i += 2;
  }
  return out;
}
