// Inline suppression comments, read the same way by the CLI and the language server:
//   // mcp-workflow-disable-next-line rule-id[, rule-id…]   on its own line: the next line's diagnostics
//   // mcp-workflow-disable-line rule-id                     at the end of a line: that line's diagnostics
// (`#` in Python). No rule id means every rule; text after ` -- ` is a reason and is ignored. Workflow files
// are JSON, which has no comments, so they have none.
import type { Diagnostic, Range } from './diagnostic';

/** One suppression comment: the line whose diagnostics it hides, and which rules (undefined: all). */
export interface Suppression {
  /** 0-based line whose diagnostics (by their start) are hidden. */
  line: number;
  ruleIds: string[] | undefined;
  /** Where the comment's directive stands, for a report that it hid nothing. */
  range: Range;
}

const DIRECTIVE = 'mcp-workflow-disable-';
const SLASH = /(^|\s)\/\/\s*mcp-workflow-disable-(next-line|line)(?=\s|$)(.*)$/;
const HASH = /(^|\s)#\s*mcp-workflow-disable-(next-line|line)(?=\s|$)(.*)$/;

/** The comment syntax of a file, by its name: `#` for Python, `//` for Rust, Go, TypeScript and JavaScript, none else. */
export function commentStyleOf(file: string): 'slash' | 'hash' | undefined {
  if (/\.(py|pyi)$/.test(file)) return 'hash';
  if (/\.(rs|go|[cm]?[jt]sx?)$/.test(file)) return 'slash';
  return undefined;
}

/** The suppression comments of a file's text (none for a file without comments of a known style). */
export function parseSuppressions(file: string, text: string): Suppression[] {
  const style = commentStyleOf(file);
  if (!style || !text.includes(DIRECTIVE)) return [];
  const pattern = style === 'hash' ? HASH : SLASH;
  const out: Suppression[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  lines.forEach((content, line) => {
    if (!content.includes(DIRECTIVE)) return;
    const m = pattern.exec(content);
    if (!m) return;
    const start = m.index + m[1]!.length;
    const next = m[2] === 'next-line';
    // A next-line directive stands alone on its line; after code it would read as the code's own suppression.
    if (next && content.slice(0, start).trim() !== '') return;
    const ids = m[3]!.split(/\s--\s|\s--$/)[0]!.split(/[\s,]+/).filter(Boolean);
    out.push({ line: next ? line + 1 : line, ruleIds: ids.length ? ids : undefined, range: { start: { line, character: start }, end: { line, character: content.trimEnd().length } } });
  });
  return out;
}

/** The rule id of the hint a suppression that hides nothing is reported by. */
export const UNUSED_SUPPRESSION = 'suppression/unused';

/** The diagnostics no suppression hides, and a hint for each suppression that hid none. */
export function applySuppressions(file: string, diagnostics: readonly Diagnostic[], suppressions: readonly Suppression[]): Diagnostic[] {
  if (suppressions.length === 0) return [...diagnostics];
  const used = new Set<Suppression>();
  const kept = diagnostics.filter((d) => {
    const hiding = suppressions.filter((s) => s.line === d.range.start.line && (!s.ruleIds || s.ruleIds.includes(d.ruleId)));
    for (const s of hiding) used.add(s);
    return hiding.length === 0;
  });
  for (const s of suppressions) {
    if (used.has(s)) continue;
    const what = s.ruleIds ? s.ruleIds.join(', ') : 'any rule';
    kept.push({ file, range: s.range, severity: 'hint', ruleId: UNUSED_SUPPRESSION, message: `this suppression hides nothing: no diagnostic of ${what} on line ${s.line + 1}; remove it` });
  }
  return kept;
}
