// `mcp-workflow check [paths…] [--format text|json|sarif] [--max-warnings N]`: runs every rule over the sources and
// prints ESLint-like text, JSON or SARIF 2.1.0. Exit 1 on errors (or too many warnings), 2 on bad usage.
import { readTextFile } from '../../core/node-host';
import type { FileModel } from '../../core/model';
import { toToolInfos } from '../../core/workflow/source-tools';
import type { Diagnostic } from '../../core/diagnostic';
import { createProjectResolver } from '../../core/project';
import { createRevisionResolver, revisionSources } from '../../core/protocol-revision';
import { toSarif } from '../../core/report/sarif';
import { jsonReport, parseCommand, type CliCommand } from '../command';
import { loadWorkspace } from '../workspace';
import { CheckCache, hashOf } from '../check-cache';
import { onStdoutClosed } from '../stdout-closed';
import type { WorkspaceIndex } from '../../core/workspace';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { reportAll } from '../../core/settings';
import { formatConfig, loadCheckConfig } from '../check-config';
import { join, resolve } from 'node:path';
import type * as Heavy from '../heavy';

/** The extractors, the rules and the engine (dist/cli-heavy.js), loaded when a file must be read or judged. */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- see heavy.ts
const heavy = () => require('../heavy') as typeof Heavy;

const HELP = `Usage: mcp-workflow check [paths…] [--format text|json|sarif] [--max-warnings N] [--protocol-revision YYYY-MM-DD] [--include-tests] [--strict] [--watch] [--cache] [--cache-location DIR] [--print-config]

Checks MCP prompts and tools in Rust and TypeScript sources for what an AI client will trip on.
--include-tests: also read test code (test/, tests/, __tests__/, *.test.*, *.spec.*, Rust #[cfg(test)]), which is
left out by default. --protocol-revision: the MCP revision the servers target (default: the one their SDK targets, from the lock file
or manifest). --strict: also exit 1 when nothing was checked (no Rust or TypeScript source, or every one skipped).
--watch: check, then check again on every change under the paths (only what a change can alter is worked out again).
--cache: keep each file's reading and the last run's diagnostics in --cache-location (default .mcp-workflow/cache),
keyed by content hashes, this version and the settings, so a run over unchanged files reads and checks nothing again.
--format json prints { diagnostics, files, skipped, testFilesLeftOut }, every path relative to the current folder.
Settings (as the editor's, see docs/settings.md): the mcpWorkflow.* keys of .vscode/settings.json and the keys of
mcp-workflow.json (which wins), in the folder checked (the one folder given, else the current folder); the flags
win over both. --print-config prints the effective settings and where each came from, and checks nothing.
Exit code: 0 clean, 1 errors (or more warnings than --max-warnings), 2 bad usage.`;

export const runCheck: CliCommand = async (argv) => {
  const parsed = parseCommand('check', HELP, argv, { format: { type: 'string', default: 'text' }, 'max-warnings': { type: 'string' }, 'protocol-revision': { type: 'string' }, 'include-tests': { type: 'boolean' }, strict: { type: 'boolean' }, watch: { type: 'boolean' }, cache: { type: 'boolean' }, 'cache-location': { type: 'string' }, 'print-config': { type: 'boolean' } });
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  const format = values.format ?? 'text';
  const maxWarnings = values['max-warnings'] === undefined ? Infinity : Number(values['max-warnings']);
  const revision = values['protocol-revision'];
  if (!['text', 'json', 'sarif'].includes(format) || Number.isNaN(maxWarnings) || maxWarnings < 0 || (revision !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(revision))) {
    process.stderr.write(`mcp-workflow check: --format must be text, json or sarif, --max-warnings a number ≥ 0 and --protocol-revision a date (YYYY-MM-DD)\n`);
    return 2;
  }
  const config = loadCheckConfig(configFolder(parsed.positionals), { ...(values['include-tests'] === true ? { includeTests: true } : {}), ...(revision !== undefined ? { protocolRevision: revision } : {}) });
  if ('error' in config) {
    process.stderr.write(`mcp-workflow check: ${config.error}\n`);
    return 2;
  }
  for (const warning of config.warnings) process.stderr.write(`warning: ${warning}\n`);
  if (values['print-config'] === true) {
    process.stdout.write(formatConfig(config, format === 'json'));
    return 0;
  }
  const { settings } = config;
  const includeTests = settings.includeTests === true;
  // The models depend on reading test code and on the size limit; rule levels and suppressions are applied to the
  // diagnostics after the cache (so a change of them is never served stale).
  const cache = values.cache === true ? new CheckCache(resolve(values['cache-location'] ?? join('.mcp-workflow', 'cache')), JSON.stringify([VERSION, includeTests, settings.protocolRevision ?? '', process.cwd(), settings.maxFileBytes ?? 0])) : undefined;
  const loaded = await loadWorkspace(parsed.positionals, { includeTests, include: settings.include ?? [], exclude: [...(settings.exclude ?? []), ...config.filesExclude], ...(settings.maxFileBytes ? { maxFileBytes: settings.maxFileBytes } : {}), ...(cache ? { models: cache } : {}) });
  if ('error' in loaded) {
    process.stderr.write(`mcp-workflow check: ${loaded.error}\n`);
    return 2;
  }
  const projectOf = createProjectResolver();
  const reported = (diagnostics: Diagnostic[]) => reportAll(diagnostics, [...loaded.index.allModels()].map((m) => m.file), (f) => loaded.index.text(f), () => ({ ...settings, enable: true }));
  const revisionSet = settings.protocolRevision;
  if (values.watch === true) {
    await cache?.loadModels(loaded.index);
    // A manifest or lock file changed: projects and revisions are looked up again, by a new engine.
    let projects = projectOf;
    const newEngine = () => {
      projects = createProjectResolver();
      return new (heavy().CheckEngine)({ projectOf: projects, revisionOf: createRevisionResolver(projects, revisionSet) });
    };
    const roots = (parsed.positionals.length ? parsed.positionals : ['.']).map((p) => resolve(p));
    const checkWorkflows = (files: string[], models: FileModel[]) => checkWorkflowFiles(files, models, projects, (file, reason) => loaded.index.skip(file, reason));
    const print = (diagnostics: Diagnostic[], files: number, ms: number) => process.stdout.write(`${formatText(reported(diagnostics), loaded.relative, files)}[checked in ${ms} ms; watching for changes]\n`);
    // Nothing a watch prints can be seen once its reader has left (`check --watch | head`): it ends.
    onStdoutClosed(() => process.exit(0));
    return heavy().watchCheck(loaded, { roots, newEngine, checkWorkflows, print });
  }
  const workflows = await readWorkflowFiles(loaded.workflowFiles, (file, reason) => loaded.index.skip(file, reason));
  for (const [file, reason] of loaded.index.skipped) process.stderr.write(`warning: skipped ${loaded.relative(file)}: ${reason}\n`);
  const skipped = [...loaded.index.skipped].map(([file, reason]) => ({ file: loaded.relative(file), reason }));
  const testFilesLeftOut = loaded.index.testFiles.map(loaded.relative);
  const files = loaded.index.size + loaded.workflowFiles.length;
  // With --cache, the run's key (every input of the check) and the report's (that, and everything else the report
  // shows): the report of an unchanged tree, format and settings is the last one, as printed.
  const runKey = cache?.runKey(runInputs(loaded.index, workflows, projectOf));
  const reportKey = runKey === undefined ? undefined : hashOf(JSON.stringify([runKey, format, process.stdout.isTTY === true, settings, skipped, testFilesLeftOut, files]))!;
  let report = cache && reportKey !== undefined ? cache.report(reportKey) : undefined;
  if (cache && runKey !== undefined && report) {
    // Nothing to write when every model was a hit (as it is unless the index was lost and report.txt was not).
    writeCache(() => cache.save(runKey, [], true));
    sayCacheHits(cache, ', diagnostics too (the report as printed last)');
  } else {
    // Skipped files are in every format (as "info" problems of their own rule), not only in the text's warnings.
    const skippedProblems = [...loaded.index.skipped].map(([file, reason]): Diagnostic => ({ file, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: 'info', ruleId: 'file-skipped', message: `not read: ${reason}` }));
    const diagnostics = reported([...(await checkAll(loaded.index, workflows, projectOf, revisionSet, cache, runKey)), ...skippedProblems]);
    let text: string;
    if (format === 'json') {
      const relativeDiagnostics = diagnostics.map((d) => ({ ...d, file: loaded.relative(d.file), ...(d.related ? { related: d.related.map((r) => ({ ...r, file: loaded.relative(r.file) })) } : {}) }));
      text = jsonReport({ diagnostics: relativeDiagnostics, files, skipped, testFilesLeftOut });
    } else if (format === 'sarif') text = jsonReport(toSarif(diagnostics, heavy().rules.allRules, loaded.relative, VERSION));
    else text = formatText(diagnostics, loaded.relative, files);
    const made = { text, errors: diagnostics.filter((d) => d.severity === 'error').length, warnings: diagnostics.filter((d) => d.severity === 'warning').length };
    if (cache && reportKey !== undefined) writeCache(() => cache.saveReport(reportKey, made));
    report = made;
  }
  process.stdout.write(report.text);
  // Saying nothing about a folder that holds no server, or whose every file was skipped, reads as "all clean".
  const nothing = nothingChecked(files, skipped.length, testFilesLeftOut.length);
  if (nothing) process.stderr.write(`mcp-workflow check: ${nothing}\n`);
  return report.errors > 0 || report.warnings > maxWarnings || (nothing !== undefined && values.strict === true) ? 1 : 0;
};

/** The folder whose settings files count: the one folder given, else the current folder. */
function configFolder(paths: string[]): string {
  if (paths.length === 1 && existsSync(paths[0]!) && statSync(paths[0]!).isDirectory()) return resolve(paths[0]!);
  return process.cwd();
}

/** What a run's diagnostics depend on besides the files and the modules they read (which the cache keys itself):
 * the workflow files, which project each file is in, and every manifest and lock file a project's revision is read
 * from. */
function runInputs(index: WorkspaceIndex, workflows: Map<string, string>, projectOf: (file: string) => string): Record<string, string | undefined> {
  const inputs: Record<string, string | undefined> = Object.fromEntries(workflows);
  const projects = new Set<string>();
  for (const model of index.allModels()) {
    const project = projectOf(model.file);
    inputs[`${model.file}\0project`] = project;
    projects.add(project);
  }
  for (const project of projects) for (const file of revisionSources(project)) inputs[file] ??= readIfThere(file);
  return inputs;
}

/**
 * The rules' and the workflow files' diagnostics. With --cache, the last run's when every input is as it was (the
 * run's key, from runInputs); else the stored models are loaded and everything is checked.
 */
async function checkAll(index: WorkspaceIndex, workflows: Map<string, string>, projectOf: (file: string) => string, revision: string | undefined, cache: CheckCache | undefined, key: string | undefined): Promise<Diagnostic[]> {
  const check = () => {
    const models = index.models();
    return [...heavy().checkWorkspace(models, { projectOf, revisionOf: createRevisionResolver(projectOf, revision) }), ...checkWorkflowTexts(workflows, models, projectOf)];
  };
  if (!cache || key === undefined) return check();
  const kept = cache.diagnosticsFor(key);
  if (!kept) await cache.loadModels(index);
  const diagnostics = kept ?? check();
  writeCache(() => cache.save(key, diagnostics, kept !== undefined));
  sayCacheHits(cache, kept ? ', diagnostics too' : '');
  return diagnostics;
}

/** Writes to the cache folder: a cache that cannot be written costs the next run time, never this run's result. */
function writeCache(write: () => void): void {
  try {
    write();
  } catch (error) {
    process.stderr.write(`warning: the cache was not written: ${(error as Error).message}\n`);
  }
}

/** Says on stderr how many files came from the cache, and what else did. */
function sayCacheHits(cache: CheckCache, more: string): void {
  process.stderr.write(`mcp-workflow check: ${cache.hits} of ${cache.hits + cache.misses} files from the cache${more}\n`);
}

function readIfThere(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Why nothing was checked, when nothing was. */
function nothingChecked(read: number, skipped: number, tests: number): string | undefined {
  if (read > 0) return undefined;
  if (skipped > 0) return `nothing was checked: every source file was skipped (${skipped}; see the warnings above)`;
  if (tests > 0) return `nothing was checked: the only sources are test code (${tests} files); --include-tests reads them`;
  return 'nothing was checked: no Rust, TypeScript, Python or Go source file (.rs, .ts, .tsx, .js, .py, .go, …) or *.workflow.json under the paths';
}

/** The workflow files' texts; one that cannot be read goes to `skip`. */
async function readWorkflowFiles(files: string[], skip: (file: string, reason: string) => void): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  for (const file of files) {
    try {
      texts.set(file, await readTextFile(file));
    } catch (error) {
      skip(file, (error as Error).message);
    }
  }
  return texts;
}

/** Workflow files, checked against the tools the sources declare (only their own references when there are none). */
function checkWorkflowTexts(texts: Map<string, string>, models: FileModel[], projectOf: (file: string) => string): Diagnostic[] {
  if (texts.size === 0) return [];
  const { callableTools, checkWorkflowText } = heavy();
  const tools = callableTools(models, projectOf);
  const infos = tools.length > 0 ? toToolInfos(tools) : undefined;
  return [...texts].flatMap(([file, text]) => checkWorkflowText(file, text, infos, 'the workspace'));
}

/** Workflow files read and checked (for --watch, which checks them again after each change). */
async function checkWorkflowFiles(files: string[], models: FileModel[], projectOf: (file: string) => string, skip: (file: string, reason: string) => void): Promise<Diagnostic[]> {
  return checkWorkflowTexts(await readWorkflowFiles(files, skip), models, projectOf);
}

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0';

/** ESLint-like text: per file, each diagnostic's line:column, severity, message and rule; then the counts. */
export function formatText(diagnostics: Diagnostic[], relative: (f: string) => string, fileCount: number): string {
  const lines: string[] = [];
  let current = '';
  for (const d of diagnostics) {
    const file = relative(d.file);
    if (file !== current) {
      if (current) lines.push('');
      lines.push(file);
      current = file;
    }
    const where = `${d.range.start.line + 1}:${d.range.start.character + 1}`;
    lines.push(`  ${where.padEnd(8)} ${d.severity.padEnd(7)} ${d.message}  ${d.ruleId}`);
  }
  const count = (s: Diagnostic['severity']) => diagnostics.filter((d) => d.severity === s).length;
  if (lines.length) lines.push('');
  lines.push(`${diagnostics.length} problems (${count('error')} errors, ${count('warning')} warnings, ${count('info') + count('hint')} hints) in ${fileCount} files`);
  return `${lines.join('\n')}\n`;
}
