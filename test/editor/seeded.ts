// The seeded defects of the rust-server workspace (src/guided.rs) and how a person sees them: a row in the
// Problems panel from our language server (source `mcp-workflow`, the rule id, the line and column) and a
// squiggle under exactly the faulty text. Used by the trusted and the untrusted suite alike.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EditorSession } from './session';
import { openFile, type ProblemRow } from './ui';
import { escapeRegExp, squiggleBoxes, textBox, waitForProblem, waitForSquiggleUnder, type SquiggleSeverity } from './ui-language';

/** The fixture file with the seeded defects, relative to the workspace. */
export const GUIDED_FILE = 'src/guided.rs';

/** One seeded defect: the faulty text, the rule that reports it, and the quick fix that repairs it. */
export interface SeededDefect {
  readonly ruleId: string;
  readonly severity: SquiggleSeverity;
  /** The faulty text, as written in the Rust source. */
  readonly text: string;
  /** What the Problems panel message starts with. */
  readonly message: string;
  readonly fixTitle: string;
  /** The text the fix writes in place of `text`, as written in the Rust source (quotes escaped). */
  readonly fixedText: string;
}

/** The seed's `{{#if customer_id == 'top'}}`: Handlebars has no `==`. */
export const HANDLEBARS_DEFECT: SeededDefect = {
  ruleId: 'template/handlebars-syntax',
  severity: 'error',
  text: "{{#if customer_id == 'top'}}",
  message: 'Handlebars cannot parse this',
  fixTitle: 'Rewrite as {{#if (eq customer_id "top")}}',
  fixedText: '{{#if (eq customer_id \\"top\\")}}',
};

/** A misspelt tool name in the prompt text. */
export const TOOL_TYPO_DEFECT: SeededDefect = {
  ruleId: 'tools/unknown-tool',
  severity: 'warning',
  text: 'order_histroy',
  message: '"guided-analysis" tells the AI to use "order_histroy", but no tool of that name is declared in this project. Did you mean "order_history"?',
  fixTitle: 'Change to order_history',
  fixedText: 'order_history',
};

/** The fixture's text as committed (each session works on a fresh copy of it). */
export function fixtureText(session: EditorSession, relativePath: string): string {
  return readFileSync(join(session.artifacts.root, 'test', 'editor', 'workspaces', 'rust-server', relativePath), 'utf8');
}

/** The 1-based line and column where `text` first occurs in `source`, as the Problems panel counts them. */
export function positionOf(source: string, text: string): { line: number; column: number; lineText: string } {
  const offset = source.indexOf(text);
  if (offset < 0) throw new Error(`the fixture does not contain ${text}`);
  // A second occurrence would make the expected position (and the text a test clicks) ambiguous.
  if (source.includes(text, offset + 1)) throw new Error(`the fixture contains ${text} more than once`);
  const before = source.slice(0, offset).split('\n');
  const lineText = source.split('\n')[before.length - 1] ?? '';
  return { line: before.length, column: (before[before.length - 1] ?? '').length + 1, lineText };
}

/**
 * Opens src/guided.rs and asserts, for each seeded defect, that the Problems panel lists our message with its
 * source, rule id, line and column, and that the editor squiggles exactly the faulty text. Returns the rows.
 */
export async function expectSeededProblems(s: EditorSession, defects: readonly SeededDefect[]): Promise<ProblemRow[]> {
  const source = fixtureText(s, GUIDED_FILE);
  await openFile(s.page, GUIDED_FILE);
  const rows: ProblemRow[] = [];
  for (const defect of defects) {
    const { line, column } = positionOf(source, defect.text);
    const row = await waitForProblem(s.page, new RegExp(`${escapeRegExp(defect.ruleId)}.*\\[Ln ${line}, Col ${column}\\]`));
    rows.push(row);
    assert.ok(row.text.startsWith(defect.message), `the row reads "${row.text}", expected it to start with "${defect.message}"`);
    assert.equal(`${row.source}(${row.code})`, `mcp-workflow(${defect.ruleId})`, `the row's source and code: ${row.text}`);
    assert.match(row.label, new RegExp(`^${defect.severity === 'error' ? 'Error' : 'Warning'}: `), `severity shown: ${row.label}`);

    const box = await textBox(s.page, defect.text, defect.text);
    await waitForSquiggleUnder(s.page, box, defect.severity).catch(async (err: unknown) => {
      const drawn = await squiggleBoxes(s.page, defect.severity);
      throw new Error(`no ${defect.severity} squiggle under "${defect.text}" at ${JSON.stringify(box)}; drawn: ${JSON.stringify(drawn)} (${String(err)})`);
    });
  }
  return rows;
}
