// Plain, serialisable positions and diagnostics (and the one order they are reported in): what every part of the
// core returns. Only src/server/ converts them to LSP types; the CLI prints them 1-based.

/** A 0-based line and a 0-based column in UTF-16 code units (the LSP convention). */
export interface Position {
  line: number;
  character: number;
}

/** A half-open range between two positions. */
export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** One replacement in one file. */
export interface TextEdit {
  file: string;
  range: Range;
  newText: string;
}

/** A fix the author can apply: a title and the edits it makes. */
export interface Fix {
  title: string;
  edits: TextEdit[];
}

/** A finding with an exact range, a rule id and a message that says what is wrong and what fixes it. */
export interface Diagnostic {
  file: string;
  range: Range;
  severity: Severity;
  ruleId: string;
  message: string;
  fixes?: Fix[];
  /** Other places that explain the finding (e.g. the declaration a duplicate clashes with). */
  related?: { file: string; range: Range; message: string }[];
}

import { compareCodeUnits } from './text/compare';

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

/** Diagnostics in file (code-unit order: text/compare.ts), position, severity and rule order (the message breaks ties,
 * so any run order sorts alike). */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort(
    (a, b) => compareCodeUnits(a.file, b.file) || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || compareCodeUnits(a.ruleId, b.ruleId) || compareCodeUnits(a.message, b.message),
  );
}
