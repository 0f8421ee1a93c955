// Runs the rules over a workspace and returns sorted diagnostics with exact ranges.
import { sortDiagnostics, type Diagnostic, type Severity } from './diagnostic';

export { sortDiagnostics };
import type { FileModel, PromptDef, ToolDef } from './model';
import { libraryOf, programOf } from './project';
import { LATEST_OBJECT_OUTPUT_SCHEMA_REVISION, type ProtocolRevision } from './protocol-revision';
import { allRules } from './rules/index';
import type { CheckContext, Rule } from './rules/rule';

export interface CheckOptions {
  /** Severity per rule id; `off` disables a rule. */
  severities?: Record<string, Severity | 'off'>;
  projectOf?: (file: string) => string;
  /** The protocol revision a file's server targets (see protocol-revision.ts); default: the latest object-only one. */
  revisionOf?: (file: string) => ProtocolRevision;
  rules?: Rule[];
}

/** A model's program (see programOf), worked out once per model and project (a model lives until its file changes). */
const programByModel = new WeakMap<FileModel, { project: string; program: string }>();

export function programOfModel(m: FileModel, projectOf: (file: string) => string): string {
  const project = projectOf(m.file);
  const known = programByModel.get(m);
  if (known?.project === project) return known.program;
  const program = programOf(m, project);
  programByModel.set(m, { project, program });
  return program;
}

/** The program of each file (see programOf), for checks and merges that are per server. */
function programsOf(files: FileModel[], projectOf: (file: string) => string): (file: string) => string {
  const programs = new Map(files.map((m) => [m.file, programOfModel(m, projectOf)]));
  return (file) => programs.get(file) ?? projectOf(file);
}

/**
 * Every tool a client could call: declarations, plus `.tool("x", h)` registrations of names no declaration of the
 * same program has. Per program, so the tools of one project never depend on which other projects are checked.
 */
export function callableTools(files: FileModel[], projectOf: (file: string) => string = () => ''): ToolDef[] {
  return withoutDeclaredRegistrations(files.flatMap((m) => m.tools), programsOf(files, projectOf));
}

/** Every prompt a client can get: declarations, plus `.prompt("x", h)` registrations no declaration of the program names. */
export function callablePrompts(files: FileModel[], projectOf: (file: string) => string = () => ''): PromptDef[] {
  return withoutDeclaredRegistrations(files.flatMap((m) => m.prompts), programsOf(files, projectOf));
}

/** A registration of a name its program declares, or its crate's library does (an example or a binary uses it), is
 * that declaration (pmcp 2 builds it in a helper). */
function withoutDeclaredRegistrations<T extends ToolDef | PromptDef>(all: T[], program: (file: string) => string): T[] {
  const declared = new Set(all.filter((d) => d.style !== 'registration').map((d) => `${program(d.file)}\u0000${d.name}`));
  return all.filter((d) => d.style !== 'registration' || ![program(d.file), libraryOf(program(d.file))].some((p) => declared.has(`${p}\u0000${d.name}`)));
}

const ASSUMED_REVISION: ProtocolRevision = { revision: LATEST_OBJECT_OUTPUT_SCHEMA_REVISION, reason: 'assumed' };

export function createCheckContext(files: FileModel[], projectOf: (file: string) => string = () => '', revisionOf: (file: string) => ProtocolRevision = () => ASSUMED_REVISION): CheckContext {
  // The programs are worked out once per check: the tools, the prompts and the rules all ask for them.
  const program = programsOf(files, projectOf);
  const tools = withoutDeclaredRegistrations(files.flatMap((m) => m.tools), program);
  const toolsByName = new Map<string, ToolDef[]>();
  for (const t of tools) toolsByName.set(t.name, [...(toolsByName.get(t.name) ?? []), t]);
  return { files, prompts: withoutDeclaredRegistrations(files.flatMap((m) => m.prompts), program), tools, toolsByName, projectOf, programOf: program, revisionOf };
}


/** Checks the workspace (through a context already made for it, when given). A rule that throws is a bug of ours:
 * it becomes one diagnostic, never a crash. */
export function checkWorkspace(files: FileModel[], options: CheckOptions = {}, context?: CheckContext): Diagnostic[] {
  const ctx = context ?? createCheckContext(files, options.projectOf, options.revisionOf);
  const diagnostics: Diagnostic[] = [];
  for (const rule of options.rules ?? allRules) diagnostics.push(...runRule(rule, ctx, options.severities, files[0]?.file ?? ''));
  return sortDiagnostics(diagnostics);
}

/** One rule's diagnostics over a context (none when its severity is `off`); a throw becomes one diagnostic in `fallbackFile`. */
export function runRule(rule: Rule, ctx: CheckContext, severities: CheckOptions['severities'], fallbackFile: string): Diagnostic[] {
  const severity = severities?.[rule.id] ?? rule.severity;
  if (severity === 'off') return [];
  const diagnostics: Diagnostic[] = [];
  try {
    rule.check(ctx, (f) => {
      diagnostics.push({
        file: f.file, range: f.span.range, severity: f.severity && !severities?.[rule.id] ? f.severity : severity,
        ruleId: rule.id, message: f.message, ...(f.fixes?.length ? { fixes: f.fixes } : {}), ...(f.related?.length ? { related: f.related } : {}),
      });
    });
  } catch (error) {
    diagnostics.push({ file: fallbackFile, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: 'error', ruleId: rule.id, message: `internal error in rule ${rule.id}: ${(error as Error).message}` });
  }
  return diagnostics;
}

