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
  /**
   * The items a cross-file rule (`scope: 'names'`) reports on in an incremental re-check (see check-engine.ts); the
   * whole workspace when absent. The fields above always hold the whole workspace, for lookups.
   */
  subjects?: Subjects;
  /** The model of any file of the workspace, when `files` holds only some (a context of one file). */
  modelOf?(file: string): FileModel | undefined;
}

/** The files, prompts and tools a rule reports on. */
export interface Subjects {
  files: FileModel[];
  prompts: PromptDef[];
  tools: ToolDef[];
}

/** What a rule reports on: the context's subjects, else the whole workspace. */
export const subjectsOf = (ctx: CheckContext): Subjects => ctx.subjects ?? ctx;

export interface Rule {
  id: string;
  severity: Severity;
  /** One sentence: what the rule finds and why an AI client trips on it. */
  description: string;
  /**
   * What a rule's findings depend on, so an incremental re-check runs it only where they may change. `file`: only
   * the items of the file they come from (it is run with a context of one file). `names`: those items and what the
   * rest of the workspace declares by name (it reports on `subjectsOf(ctx)` only). Absent: anything (it runs over
   * the whole workspace on every re-check).
   */
  scope?: 'file' | 'names';
  /**
   * For `scope: 'names'`: what the rule reads of a model for findings in other files beyond what check-facts.ts
   * records (each tool's and prompt's declaration, schema keys, codes), as fact key → the name it is looked up by.
   * When a fact changes, the files whose `words` (or words) hold its name are judged again.
   */
  facts?(model: FileModel, program: string): Iterable<[key: string, name: string]>;
  /** The names of this rule's facts a model's findings may depend on (see `facts`). */
  words?(model: FileModel): Iterable<string>;
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
