// Decodes Python string literals into a DecodedText: prefixes (r, b, u, f and their combinations), single and
// triple quotes, escapes, implicit concatenation of adjacent literals, and f-strings, whose `{…}` replacement
// fields are holes (known only at run time) recorded with where they stand, and kept in the text as written.
import { emptyDecoded, joinDecoded, pushMapped, pushVerbatim, verbatimRunEnd, type DecodedText } from './decoded-text';

const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
};

/** An f-string replacement field: `{customer_id}`, `{x!r:>10}`, `{value=}`. */
export interface PythonHole {
  /** The expression as written, without conversion, format spec or `=`. */
  expression: string;
  /** Source offsets of the whole field, braces included. */
  start: number;
  end: number;
  /** Source offsets of the expression. */
  expressionStart: number;
  expressionEnd: number;
  /** Where it stands in the decoded text (which keeps the field's source text, braces included). */
  at: number;
}

export interface PythonString {
  decoded: DecodedText;
  holes: PythonHole[];
  /** True when any part is an f-string. */
  formatted: boolean;
  /** The first literal's opening (prefix and quote), so a fix can encode its new text for it. */
  opening: string;
}

/** The prefix and quote of a literal: `rb'''` → { prefix: 'rb', quote: "'''" }. */
export function literalOpening(literal: string): { prefix: string; quote: string } {
  const prefix = /^[A-Za-z]*/.exec(literal)?.[0] ?? '';
  const rest = literal.slice(prefix.length);
  const quote = rest.startsWith('"""') || rest.startsWith("'''") ? rest.slice(0, 3) : rest.slice(0, 1);
  return { prefix, quote };
}

/** Decodes one Python string literal's source text starting at `sourceStart`. */
export function decodePythonString(literal: string, sourceStart: number): PythonString {
  const { prefix, quote } = literalOpening(literal);
  const lower = prefix.toLowerCase();
  const raw = lower.includes('r');
  const formatted = lower.includes('f');
  const from = prefix.length + quote.length;
  const to = literal.endsWith(quote) && literal.length - quote.length >= from ? literal.length - quote.length : literal.length;
  const out: PythonString = { decoded: emptyDecoded(), holes: [], formatted, opening: prefix + quote };
  if (!formatted) {
    appendBody(out.decoded, literal, from, to, sourceStart, raw, !lower.includes('b'));
    return out;
  }
  let i = from;
  let chunk = from;
  while (i < to) {
    const c = literal[i];
    if (c === '\\' && !raw) {
      i += literal[i + 1] === 'N' && literal[i + 2] === '{' ? Math.max(2, literal.indexOf('}', i) + 1 - i) : 2;
      continue;
    }
    if ((c === '{' || c === '}') && literal[i + 1] === c) {
      appendBody(out.decoded, literal, chunk, i, sourceStart, raw, true);
      pushMapped(out.decoded, c, sourceStart + i, sourceStart + i + 2);
      i += 2;
      chunk = i;
      continue;
    }
    if (c === '{') {
      appendBody(out.decoded, literal, chunk, i, sourceStart, raw, true);
      const close = fieldEnd(literal, i + 1, to);
      out.holes.push(readHole(literal, i, close, sourceStart, out.decoded.text.length));
      // The field stays in the text as written (`{customer_id}`), as a `format!` placeholder does: a reader of the
      // text sees where a value goes, and a tool name built around it (`{entity_type}_list`) names a family.
      pushVerbatim(out.decoded, literal.slice(i, Math.min(close + 1, to)), sourceStart + i);
      i = Math.min(close + 1, to);
      chunk = i;
      continue;
    }
    i += 1;
  }
  appendBody(out.decoded, literal, chunk, to, sourceStart, raw, true);
  return out;
}

/** Decodes adjacent literals (`"a" f"b{x}"`) as Python joins them: one text, holes shifted into place. */
export function decodePythonStrings(parts: { text: string; start: number }[]): PythonString {
  const decoded = parts.map((p) => decodePythonString(p.text, p.start));
  const holes: PythonHole[] = [];
  let offset = 0;
  for (const d of decoded) {
    holes.push(...d.holes.map((h) => ({ ...h, at: h.at + offset })));
    offset += d.decoded.text.length;
  }
  return { decoded: joinDecoded(decoded.map((d) => d.decoded)), holes, formatted: decoded.some((d) => d.formatted), opening: decoded[0]?.opening ?? '"' };
}

/** The index of the `}` closing a replacement field opened before `from`, skipping nested brackets and strings. */
function fieldEnd(literal: string, from: number, to: number): number {
  let depth = 0;
  let quote = '';
  for (let i = from; i < to; i++) {
    const c = literal[i]!;
    if (quote) {
      if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '{' || c === '[' || c === '(') depth++;
    else if (c === ']' || c === ')') depth--;
    else if (c === '}') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return to;
}

function readHole(literal: string, open: number, close: number, base: number, at: number): PythonHole {
  const body = literal.slice(open + 1, close);
  let end = body.length;
  let depth = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (depth === 0 && ((c === '!' && body[i + 1] !== '=') || c === ':')) {
      end = i;
      break;
    }
  }
  // `{value=}` prints the expression's text too; the `=` is not part of the expression.
  const head = body.slice(0, end);
  const selfDoc = /=\s*$/.exec(head);
  const exprText = selfDoc && !/[=!<>]=\s*$/.test(head) ? head.slice(0, selfDoc.index) : head;
  const lead = exprText.length - exprText.trimStart().length;
  const expression = exprText.trim();
  const expressionStart = base + open + 1 + lead;
  return { expression, start: base + open, end: base + Math.min(close + 1, literal.length), expressionStart, expressionEnd: expressionStart + expression.length, at };
}

/** Appends literal text [from, to), decoding escapes unless raw; `unicode` allows `\u`, `\U` and `\N{…}`. */
function appendBody(out: DecodedText, literal: string, from: number, to: number, base: number, raw: boolean, unicode: boolean): void {
  let i = from;
  while (i < to) {
    const c = literal[i] ?? '';
    // Python reads source with universal newlines: a CRLF inside a literal is one "\n".
    if (c === '\r' && literal[i + 1] === '\n') {
      pushMapped(out, '\n', base + i, base + i + 2);
      i += 2;
      continue;
    }
    if (c !== '\\' || raw) {
      // A raw string keeps the backslash, and the character after it is never a closing quote. Everything up to
      // the next carriage return (or escape, unless raw) decodes to itself.
      const end = raw ? verbatimRunEnd(literal, i + 1, to, 13) : verbatimRunEnd(literal, i + 1, to, 92, 13);
      pushVerbatim(out, literal.slice(i, end), base + i);
      i = end;
      continue;
    }
    i = appendEscape(out, literal, i, to, base, unicode);
  }
}

function appendEscape(out: DecodedText, literal: string, i: number, to: number, base: number, unicode: boolean): number {
  const next = literal[i + 1] ?? '';
  if (next === '\n') return i + 2;
  if (next === '\r') return i + (literal[i + 2] === '\n' ? 3 : 2);
  const simple = SIMPLE_ESCAPES[next];
  if (simple !== undefined) {
    pushMapped(out, simple, base + i, base + i + 2);
    return i + 2;
  }
  const octal = /^[0-7]{1,3}/.exec(literal.slice(i + 1, Math.min(i + 4, to)));
  if (octal) {
    pushMapped(out, String.fromCharCode(parseInt(octal[0], 8)), base + i, base + i + 1 + octal[0].length);
    return i + 1 + octal[0].length;
  }
  const digits = next === 'x' ? 2 : unicode && next === 'u' ? 4 : unicode && next === 'U' ? 8 : 0;
  if (digits) {
    const stop = Math.min(i + 2 + digits, to);
    const code = parseInt(literal.slice(i + 2, stop), 16);
    pushMapped(out, Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd', base + i, base + stop);
    return stop;
  }
  if (unicode && next === 'N' && literal[i + 2] === '{') {
    // A named character (`\N{BULLET}`) is not looked up: it stands for one unknown character.
    const close = literal.indexOf('}', i + 3);
    const stop = close < 0 || close >= to ? to : close + 1;
    pushMapped(out, '\ufffd', base + i, base + stop);
    return stop;
  }
  // An unrecognised escape keeps its backslash in Python.
  pushVerbatim(out, literal.slice(i, i + 2), base + i);
  return i + 2;
}
