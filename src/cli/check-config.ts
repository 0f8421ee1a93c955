// The settings `mcp-workflow check` reads, the same as the editor's: `mcpWorkflow.*` keys (and `files.exclude`) of
// the checked folder's `.vscode/settings.json` (JSONC), and an `mcp-workflow.json` at its root (the same keys without
// the prefix), which wins key by key; flags on the command line win over both. A bad value is an error naming the
// file and the key (exit 2); an unknown key or rule id is a warning.
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { DEFAULT_MAX_FILE_BYTES, readSettings, SETTING_KEYS, type Settings } from '../core/settings';
import { jsonReport } from './command';

/** The effective settings, where each came from (a file, `command line`, or `default`), and the warnings to print. */
export interface CheckConfig {
  settings: Settings;
  /** `files.exclude`'s globs set to true in `.vscode/settings.json`. */
  filesExclude: string[];
  sources: Record<string, string>;
  warnings: string[];
}

type Flags = Pick<Settings, 'includeTests' | 'protocolRevision'>;

/** Reads the settings files of `folder` and lays the command line's flags over them. */
export function loadCheckConfig(folder: string, flags: Flags): CheckConfig | { error: string } {
  const config: CheckConfig = { settings: {}, filesExclude: [], sources: {}, warnings: [] };
  const vscodeFile = join(folder, '.vscode', 'settings.json');
  const ownFile = join(folder, 'mcp-workflow.json');
  for (const [file, prefix] of [[vscodeFile, 'mcpWorkflow.'], [ownFile, '']] as const) {
    const shown = relative(process.cwd(), file) || file;
    const read = readJsonc(file, shown);
    if (read === undefined) continue;
    if ('error' in read) return read;
    const section = prefix ? sectionOf(read.value, prefix) : read.value;
    const { settings, problems } = readSettings(section);
    const bad = problems.filter((p) => !p.unknown);
    if (bad.length) return { error: bad.map((p) => `${shown}: ${p.key ? `"${prefix}${p.key}"` : 'the file'} ${p.message}`).join('\n') };
    config.warnings.push(...problems.map((p) => `${shown}: "${prefix}${p.key}" ${p.message}`));
    for (const key of Object.keys(settings) as (keyof Settings)[]) {
      (config.settings as Record<string, unknown>)[key] = settings[key];
      config.sources[key] = shown;
    }
    if (prefix) {
      const excluded = (read.value as Record<string, unknown>)['files.exclude'];
      if (excluded && typeof excluded === 'object') {
        config.filesExclude = Object.entries(excluded).filter(([, on]) => on === true).map(([glob]) => glob);
        if (config.filesExclude.length) config.sources['files.exclude'] = shown;
      }
    }
  }
  for (const key of ['includeTests', 'protocolRevision'] as const) {
    if (flags[key] === undefined) continue;
    (config.settings as Record<string, unknown>)[key] = flags[key];
    config.sources[key] = 'command line';
  }
  return config;
}

/** The `mcpWorkflow.*` keys of a settings.json object, without the prefix (other keys are another tool's). */
function sectionOf(value: unknown, prefix: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!value || typeof value !== 'object') return out;
  for (const [key, v] of Object.entries(value)) if (key.startsWith(prefix)) out[key.slice(prefix.length)] = v;
  return out;
}

function readJsonc(file: string, shown: string): { value: unknown } | { error: string } | undefined {
  if (!existsSync(file)) return undefined;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return { error: `${shown}: cannot be read (${(error as Error).message})` };
  }
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, { allowTrailingComma: true });
  if (errors.length) {
    const first = errors[0]!;
    const line = text.slice(0, first.offset).split('\n').length;
    return { error: `${shown}:${line}: not valid JSON (${printParseErrorCode(first.error)})` };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { error: `${shown}: must hold a JSON object of settings` };
  return { value };
}

/** `check --print-config`: each setting's effective value and where it came from, as text or JSON. */
export function formatConfig(config: CheckConfig, json: boolean): string {
  const defaults: Record<string, unknown> = { enable: true, rules: {}, include: [], exclude: [], maxFileBytes: DEFAULT_MAX_FILE_BYTES, includeTests: false, protocolRevision: '' };
  const rows = [...SETTING_KEYS, 'files.exclude'].map((key) => {
    const value = key === 'files.exclude' ? config.filesExclude : ((config.settings as Record<string, unknown>)[key] ?? defaults[key]);
    const source = config.sources[key] ?? 'default';
    return { key, value, source };
  });
  if (json) return jsonReport({ settings: Object.fromEntries(rows.map((r) => [r.key, r.value])), sources: Object.fromEntries(rows.map((r) => [r.key, r.source])), warnings: config.warnings });
  const notes: Record<string, string> = { enable: ' (the editor\'s switch; check always checks)', protocolRevision: config.settings.protocolRevision ? '' : ' (empty: the one each project\'s SDK targets)' };
  const width = Math.max(...rows.map((r) => r.key.length));
  return `${rows.map((r) => `${r.key.padEnd(width)}  ${JSON.stringify(r.value)}  from ${r.source}${notes[r.key] ?? ''}`).join('\n')}\n`;
}
