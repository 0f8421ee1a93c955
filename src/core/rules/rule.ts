// The shape of a check: an id, a default severity, what it looks for, and a function from the workspace view
// to diagnostics. One rule per file; `index.ts` lists them all.
import type { Diagnostic, Fix, Severity } from '../diagnostic';
import type { FileModel, PromptDef, SourceSpan, ToolDef } from '../model';
import type { ProtocolRevision } from '../protocol-revision';

/** What every rule sees: the whole workspace, with tools looked up by name. */
export interface CheckContext {
  files: FileModel[];
  prompts: PromptDef[];
  /** Every tool a client could call (registrations merged into declarations). */
  tools: ToolDef[];
  toolsByName: Map<string, ToolDef[]>;
  /** The project a file belongs to (the folder of its nearest Cargo.toml/package.json), for per-server checks. */
  projectOf(file: string): string;
  /** The program a file belongs to: its project, language and Cargo target (see programOf in project.ts). */
  programOf(file: string): string;
  /** The MCP protocol revision a file's server targets, and why (for messages). */
  revisionOf(file: string): ProtocolRevision;
}

export interface Rule {
  id: string;
  severity: Severity;
  /** One sentence: what the rule finds and why an AI client trips on it. */
  description: string;
  check(ctx: CheckContext, report: (finding: Finding) => void): void;
}

/** What a rule reports; the runner adds the rule id and the (possibly overridden) severity. */
export interface Finding {
  file: string;
  span: SourceSpan;
  message: string;
  fixes?: Fix[];
  related?: Diagnostic['related'];
  severity?: Severity;
}

/** A fix that replaces one span with new text. */
export function replaceFix(title: string, file: string, span: SourceSpan, newText: string): Fix {
  return { title, edits: [{ file, range: span.range, newText }] };
}
