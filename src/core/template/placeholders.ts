// Single-brace placeholders: Rust `format!` (`{}`, `{name}`, `{name:?}`, with `{{`/`}}` as escaped braces) and
// pmcp workflow guidance (`{arg}`, the only form pmcp substitutes).
import type { SourceSpan, TextValue } from '../model';
import type { SourceContext } from '../source-context';

export interface Placeholder {
  /** The named argument, or the positional index as a string for `{}` / `{0}`. */
  name: string;
  positional: boolean;
  span: SourceSpan;
}

/** Parses `format!` placeholders; `{{` and `}}` are escapes, so no double-brace use exists in a format string. */
export function findFormatPlaceholders(text: TextValue, ctx: SourceContext): Placeholder[] {
  const out: Placeholder[] = [];
  const s = text.value;
  let next = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '{' && s[i + 1] === '{') {
      i++;
      continue;
    }
    if (s[i] !== '{') continue;
    const close = s.indexOf('}', i);
    if (close < 0) break;
    const inner = s.slice(i + 1, close).split(':')[0]?.trim() ?? '';
    const positional = inner === '' || /^\d+$/.test(inner);
    const name = inner === '' ? String(next++) : inner;
    // A named placeholder's span is its name, so a fix can rename it; `{}` spans its braces.
    const from = positional ? i : s.indexOf(inner, i + 1);
    out.push({ name, positional, span: ctx.spanInDecoded(text.decoded, from, positional ? close + 1 : from + inner.length) });
    i = close;
  }
  return out;
}

/** Finds pmcp guidance `{arg}` placeholders and double-brace `{{arg}}` uses (shown literally to the AI). */
export function findGuidancePlaceholders(text: TextValue, ctx: SourceContext): { single: Placeholder[]; double: Placeholder[] } {
  const single: Placeholder[] = [];
  const double: Placeholder[] = [];
  for (const m of text.value.matchAll(/(\{\{\s*([A-Za-z_][\w.]*)\s*\}\})|\{([A-Za-z_]\w*)\}/g)) {
    const at = m.index ?? 0;
    if (m[1]) {
      double.push({ name: m[2] ?? '', positional: false, span: ctx.spanInDecoded(text.decoded, at, at + m[0].length) });
    } else {
      // The span is the name inside the braces, so a fix can rename it.
      single.push({ name: m[3] ?? '', positional: false, span: ctx.spanInDecoded(text.decoded, at + 1, at + 1 + (m[3]?.length ?? 0)) });
    }
  }
  return { single, double };
}

/** Finds `{{name}}` in a `format!` string: `{{` is an escaped brace there, so the AI sees `{name}` literally. */
export function findFormatDoubleBraces(text: TextValue, ctx: SourceContext): { name: string; span: SourceSpan }[] {
  return [...text.value.matchAll(/\{\{\s*([A-Za-z_][\w.]*)\s*\}\}/g)].map((m) => ({
    name: m[1] ?? '',
    span: ctx.spanInDecoded(text.decoded, m.index ?? 0, (m.index ?? 0) + m[0].length),
  }));
}

/** Finds `{{name}}` uses in text no template engine renders. */
export function findLiteralBraces(text: TextValue, ctx: SourceContext): { name: string; span: SourceSpan }[] {
  return [...text.value.matchAll(/\{\{\s*[#/]?\s*([A-Za-z_][\w.]*)[^{}]*\}\}/g)].map((m) => ({
    name: m[1] ?? '',
    span: ctx.spanInDecoded(text.decoded, m.index ?? 0, (m.index ?? 0) + m[0].length),
  }));
}
