// Plain, serialisable positions and diagnostics: what every part of the core returns. Only src/server/
// converts them to LSP types; the CLI prints them 1-based.

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
