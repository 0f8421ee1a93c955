// The `mcpWorkflow.*` settings, one shape for the editor (the language server pulls them per workspace folder) and
// the CLI (`.vscode/settings.json`, `mcp-workflow.json`): validated here, so both read a value alike, and applied
// to diagnostics here (rule levels after suppressions), so both report alike.
import { sortDiagnostics, type Diagnostic, type Severity } from './diagnostic';
import type * as Rules from './rules/index';
import { applySuppressions, parseSuppressions, UNUSED_SUPPRESSION } from './suppressions';
import { MAX_FILE_BYTES } from './workspace';

export type RuleLevel = Severity | 'off';

/** The settings, every one optional (absent: the default). */
export interface Settings {
  /** `mcpWorkflow.enable`: false publishes no diagnostics (the editor's switch). */
  enable?: boolean;
  /** `mcpWorkflow.rules`: a level per rule id; `off` hides the rule's diagnostics. */
  rules?: Record<string, RuleLevel>;
  /** `mcpWorkflow.include`: globs of files read even where a default leaves them out (test code). */
  include?: string[];
  /** `mcpWorkflow.exclude`: globs of files never read (with `files.exclude`'s true entries, in the editor and CLI). */
  exclude?: string[];
  /** `mcpWorkflow.maxFileBytes`: files larger than this are skipped. */
  maxFileBytes?: number;
  /** `mcpWorkflow.includeTests`: also check test code (left out by default). */
  includeTests?: boolean;
  /** `mcpWorkflow.protocolRevision`: the MCP revision the servers target, e.g. `2026-07-28` (default: from their SDK). */
  protocolRevision?: string;
}

export const SETTING_KEYS = ['enable', 'rules', 'include', 'exclude', 'maxFileBytes', 'includeTests', 'protocolRevision'] as const;
export const RULE_LEVELS: readonly RuleLevel[] = ['off', 'hint', 'info', 'warning', 'error'];
export const DEFAULT_MAX_FILE_BYTES = MAX_FILE_BYTES;

/** Ids a `rules` entry may name: the source rules, the workflow checks, skipped files and unused suppressions. The
 * rules are loaded only when asked (settings that name a rule), so reading settings loads no rule. */
export function knownRuleIds(): Set<string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
  const { allRules } = require('./rules/index') as typeof Rules;
  const workflow = ['workflow-arguments', 'workflow-destructive-without-approval', 'workflow-missing-tool', 'workflow-reference', 'workflow-result-path', 'workflow-retry-not-idempotent', 'workflow-schema', 'workflow-syntax', 'workflow-todo', 'workflow-unused-input'];
  return new Set([...allRules.map((r) => r.id), ...workflow, 'file-skipped', UNUSED_SUPPRESSION]);
}

/** A value that was not taken: the key (as written, e.g. `rules.names/duplicate`) and why. `unknown` marks an
 * unknown rule id, which is reported but harmless. */
export interface SettingsProblem {
  key: string;
  message: string;
  unknown?: boolean;
}

/** Reads a settings object (the `mcpWorkflow` section, or an `mcp-workflow.json`): the values that are well formed,
 * and a problem for each that is not. VS Code's defaults (`""`, `[]`) read as no setting. */
export function readSettings(value: unknown): { settings: Settings; problems: SettingsProblem[] } {
  const settings: Settings = {};
  const problems: SettingsProblem[] = [];
  if (value === undefined || value === null) return { settings, problems };
  if (typeof value !== 'object' || Array.isArray(value)) return { settings, problems: [{ key: '', message: 'must be an object of settings' }] };
  const v = value as Record<string, unknown>;
  const bad = (key: string, message: string) => problems.push({ key, message: `${message} (got ${JSON.stringify(v[key])})` });
  for (const key of ['enable', 'includeTests'] as const) {
    if (v[key] === undefined) continue;
    if (typeof v[key] === 'boolean') settings[key] = v[key];
    else bad(key, 'must be true or false');
  }
  for (const key of ['include', 'exclude'] as const) {
    const list = v[key];
    if (list === undefined) continue;
    if (Array.isArray(list) && list.every((g) => typeof g === 'string')) {
      if (list.length) settings[key] = list as string[];
    } else bad(key, 'must be an array of glob strings');
  }
  const max = v['maxFileBytes'];
  if (max !== undefined) {
    if (typeof max === 'number' && Number.isInteger(max) && max > 0) settings.maxFileBytes = max;
    else bad('maxFileBytes', 'must be a whole number of bytes greater than 0');
  }
  const revision = v['protocolRevision'];
  if (revision !== undefined && revision !== '') {
    if (typeof revision === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(revision)) settings.protocolRevision = revision;
    else bad('protocolRevision', 'must be a date, YYYY-MM-DD');
  }
  const rules = v['rules'];
  if (rules !== undefined) {
    if (!rules || typeof rules !== 'object' || Array.isArray(rules)) bad('rules', 'must be an object of rule id to "off", "hint", "info", "warning" or "error"');
    else settings.rules = readRuleLevels(rules as Record<string, unknown>, problems);
  }
  for (const key of Object.keys(v)) if (!(SETTING_KEYS as readonly string[]).includes(key)) problems.push({ key, message: 'is not a setting of mcp-workflow', unknown: true });
  return { settings, problems };
}

function readRuleLevels(rules: Record<string, unknown>, problems: SettingsProblem[]): Record<string, RuleLevel> {
  const known = knownRuleIds();
  const out: Record<string, RuleLevel> = {};
  for (const [id, level] of Object.entries(rules)) {
    if (typeof level !== 'string' || !(RULE_LEVELS as readonly string[]).includes(level)) {
      problems.push({ key: `rules.${id}`, message: `must be one of ${RULE_LEVELS.map((l) => `"${l}"`).join(', ')} (got ${JSON.stringify(level)})` });
      continue;
    }
    if (!known.has(id)) problems.push({ key: `rules.${id}`, message: 'names no rule of mcp-workflow; it is ignored', unknown: true });
    out[id] = level as RuleLevel;
  }
  return out;
}

/** Each rule's level as set: `off` drops its diagnostics, another level replaces their severity. */
export function applyRuleLevels(diagnostics: readonly Diagnostic[], rules: Settings['rules']): Diagnostic[] {
  if (!rules || Object.keys(rules).length === 0) return [...diagnostics];
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    const level = rules[d.ruleId];
    if (level === 'off') continue;
    out.push(level && level !== d.severity ? { ...d, severity: level } : d);
  }
  return out;
}

/** A file's diagnostics as reported under the settings: its suppression comments first (so one naming a rule set
 * to a lower level still counts as used), then the rule levels; sorted. `text` is the file's current text. */
export function reportedDiagnostics(file: string, diagnostics: readonly Diagnostic[], text: string | undefined, settings: Settings): Diagnostic[] {
  if (settings.enable === false) return [];
  const suppressed = text === undefined ? [...diagnostics] : applySuppressions(file, diagnostics, parseSuppressions(file, text));
  return sortDiagnostics(applyRuleLevels(suppressed, settings.rules));
}

/** Every file's diagnostics as reported under the settings (see reportedDiagnostics): the files with diagnostics, and
 * the `files` given (those that may hold a suppression comment hiding nothing). `textOf` gives a source's text. */
export function reportAll(diagnostics: readonly Diagnostic[], files: Iterable<string>, textOf: (file: string) => string | undefined, settingsOf: (file: string) => Settings): Diagnostic[] {
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    const list = byFile.get(d.file);
    if (list) list.push(d);
    else byFile.set(d.file, [d]);
  }
  for (const file of files) if (!byFile.has(file) && textOf(file)?.includes('mcp-workflow-disable-')) byFile.set(file, []);
  return sortDiagnostics([...byFile].flatMap(([file, list]) => reportedDiagnostics(file, list, textOf(file), settingsOf(file))));
}
