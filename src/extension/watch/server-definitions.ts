// Where the editor offers it (VS Code 1.101 and later: `vscode.lm.registerMcpServerDefinitionProvider` and the
// `McpStdioServerDefinition` class), the watched entries of the workspace's mcp.json files are also published as MCP
// server definitions, so agent mode lists them even from an mcp.json the editor itself does not read (one in a sub
// folder). The engine is ^1.100.0, so nothing here depends on newer @types/vscode: the API's shape is declared below
// and detected at run time; on an older editor nothing is registered.
import type { McpConfig } from '../../core/mcp/config';
import { watchedServerOf } from '../../core/mcp/watch-entry';

/** The provider id, as package.json's `contributes.mcpServerDefinitionProviders` declares it. */
export const WATCHED_PROVIDER_ID = 'mcpWorkflow.watchedServers';

/** One watched entry as a stdio server definition. */
export interface WatchedDefinition {
  label: string;
  command: string;
  args: string[];
}

interface Disposable {
  dispose(): unknown;
}

type Event<T> = (listener: (e: T) => unknown) => Disposable;

/** The part of VS Code 1.101's API this uses (declared here: @types/vscode stays at the engine's 1.100). */
interface McpApi {
  lm: { registerMcpServerDefinitionProvider(id: string, provider: { onDidChangeMcpServerDefinitions?: Event<void>; provideMcpServerDefinitions(token: unknown): unknown[] }): Disposable };
  McpStdioServerDefinition: new (label: string, command: string, args?: string[], env?: Record<string, string | number | null>, version?: string) => unknown;
}

/** Whether `api` (the `vscode` module) offers MCP server definition providers. */
export function offersMcpProviders(api: unknown): api is McpApi {
  const a = api as Partial<McpApi> | undefined;
  return typeof a?.lm?.registerMcpServerDefinitionProvider === 'function' && typeof a.McpStdioServerDefinition === 'function';
}

/**
 * Registers the provider of watched server definitions when `api` offers it; undefined when it does not, or when the
 * editor refuses the registration (code-server's Code 1.100.3 has the function but asks for the contribution under
 * another name, and throws): `refused` hears why. Activation must go on either way. `definitions` is asked each time
 * the editor asks; `onDidChange` tells the editor to ask again.
 */
export function registerWatchedDefinitions(api: unknown, definitions: () => WatchedDefinition[], onDidChange: Event<void>, refused: (error: unknown) => void = () => undefined): Disposable | undefined {
  if (!offersMcpProviders(api)) return undefined;
  const Definition = api.McpStdioServerDefinition;
  try {
    return api.lm.registerMcpServerDefinitionProvider(WATCHED_PROVIDER_ID, {
      onDidChangeMcpServerDefinitions: onDidChange,
      provideMcpServerDefinitions: () => definitions().map((d) => new Definition(d.label, d.command, d.args, {}, definitionVersion(d))),
    });
  } catch (error) {
    refused(error);
    return undefined;
  }
}

/** The watched entries of the configs (a stdio entry running `proxy --server NAME`), with no variable left to resolve. */
export function watchedDefinitions(configs: readonly { config: McpConfig }[]): WatchedDefinition[] {
  return configs.flatMap(({ config }) =>
    Object.values(config.servers).flatMap((entry) => {
      if (entry.type !== 'stdio') return [];
      const args = entry.args.map((a) => a.value);
      if (!watchedServerOf({ args }) || [entry.command.value, ...args].some((v) => v.includes('${'))) return [];
      return [{ label: entry.name, command: entry.command.value, args }];
    }),
  );
}

/** Changes when the entry does, so the editor knows to refresh the server's tools. */
function definitionVersion(d: WatchedDefinition): string {
  let h = 0;
  for (const ch of JSON.stringify(d)) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
  return (h >>> 0).toString(16);
}
