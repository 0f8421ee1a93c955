// Encodes replacement text for the string literal it goes into, so a fix never breaks the source.

/** Escapes `text` for a literal that opens with `opening` (`"`, `r#"`, `'`, `` ` ``). */
export function encodeForLiteral(opening: string, text: string): string {
  if (/^[bc]?r/.test(opening)) return text;
  if (opening === "'") return text.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
  if (opening === '`') return text.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
  return text.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}
