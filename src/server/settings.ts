// The settings in the language server: read from `initializationOptions`, from `workspace/didChangeConfiguration`
// (clients that push them), or pulled per workspace folder through `workspace/configuration` (clients that answer
// it, as vscode-languageclient does). A malformed value is dropped and logged once, never a crash.
import type { Connection } from 'vscode-languageserver/node';
import { readSettings, type SettingsProblem } from '../core/settings';
import type { ServerSettings } from '../shared/protocol';
import { fileToUri } from './convert';

/** The settings of each workspace folder, and those of the window (files outside every folder; the settings that
 * are one per window: includeTests, maxFileBytes, protocolRevision). */
export interface WorkspaceSettings {
  window: ServerSettings;
  folders: Map<string, ServerSettings>;
}

/** The settings in an `initializationOptions` (or pushed) value, dropping anything malformed. */
export function readServerSettings(value: unknown, problem: (p: SettingsProblem) => void = () => undefined): ServerSettings {
  const { settings, problems } = readSettings(value);
  for (const p of problems) if (p.key !== 'filesExclude') problem(p);
  const filesExclude = (value as { filesExclude?: unknown } | null | undefined)?.filesExclude;
  const globs = Array.isArray(filesExclude) ? filesExclude.filter((g): g is string => typeof g === 'string') : [];
  return { ...settings, ...(globs.length ? { filesExclude: globs } : {}) };
}

/** The globs of a `files.exclude` value (`{ "out": true }`) that are set to true. */
export function trueGlobs(value: unknown): string[] {
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value as Record<string, unknown>).filter(([, on]) => on === true).map(([glob]) => glob);
}

export class ServerSettingsReader {
  /** Problems logged already: a setting left as it is is not logged again on every change. */
  private readonly logged = new Set<string>();

  constructor(private readonly connection: Connection) {}

  /** One settings value (initializationOptions, or a pushed section), its problems logged. */
  read(value: unknown, filesExclude?: unknown): ServerSettings {
    const settings = readServerSettings(value, (p) => this.log(p));
    const globs = trueGlobs(filesExclude);
    return globs.length ? { ...settings, filesExclude: [...(settings.filesExclude ?? []), ...globs] } : settings;
  }

  /** The settings of a pushed `workspace/didChangeConfiguration` value: one for every folder. */
  pushed(value: unknown): WorkspaceSettings {
    const v = (value ?? {}) as { mcpWorkflow?: unknown; files?: { exclude?: unknown } };
    return { window: this.read(v.mcpWorkflow, v.files?.exclude), folders: new Map() };
  }

  /** Asks the client for the `mcpWorkflow` and `files.exclude` sections of each folder (of the window, with none). */
  async pull(folders: readonly string[]): Promise<WorkspaceSettings> {
    const scopes = folders.length ? folders.map((f) => fileToUri(f)) : [undefined];
    const items = scopes.flatMap((scopeUri) => [{ section: 'mcpWorkflow', ...(scopeUri ? { scopeUri } : {}) }, { section: 'files.exclude', ...(scopeUri ? { scopeUri } : {}) }]);
    const values = (await this.connection.workspace.getConfiguration(items)) as unknown[];
    const read = scopes.map((_, i) => this.read(values[2 * i], values[2 * i + 1]));
    return { window: read[0] ?? {}, folders: new Map(folders.map((f, i) => [f, read[i] ?? {}])) };
  }

  private log(p: SettingsProblem): void {
    const line = `mcp-workflow: setting mcpWorkflow${p.key ? `.${p.key}` : ''} ${p.message}`;
    if (this.logged.has(line)) return;
    this.logged.add(line);
    this.connection.console.warn(line);
  }
}
