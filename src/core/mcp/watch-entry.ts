// "Watch This Server" as a text edit of .vscode/mcp.json: a `NAME-watched` stdio entry beside NAME that starts
// `mcp-workflow proxy` in front of it, and its removal. The edits go through jsonc-parser's modify, so the file's
// comments and formatting stay as they were.
import { applyEdits, modify, parse, type FormattingOptions } from 'jsonc-parser';

/** Where the proxied entry's command finds things: the CLI script, the mcp.json, the trace file. */
export interface WatchPaths {
  /** The script the entry runs with node: the extension's launcher (watch-launcher.ts), or a bin/mcp-workflow.js. */
  cliPath: string;
  configPath: string;
  tracePath: string;
}

/** The suffix that names a watched entry after the server it stands in front of. */
export const WATCHED_SUFFIX = '-watched';

const FORMAT: FormattingOptions = { insertSpaces: true, tabSize: 2, eol: '\n' };

/** The name of the proxied entry of `server`. */
export function watchedName(server: string): string {
  return `${server}${WATCHED_SUFFIX}`;
}

/** The entry that runs the proxy in front of `server`, tracing to `paths.tracePath`. */
export function watchedEntry(server: string, paths: WatchPaths): { type: 'stdio'; command: string; args: string[] } {
  return { type: 'stdio', command: 'node', args: [paths.cliPath, 'proxy', '--server', server, '--config', paths.configPath, '--trace', paths.tracePath] };
}

/** The server a watched entry stands in front of (its `proxy --server` argument), if the entry is one. */
export function watchedServerOf(entry: unknown): string | undefined {
  const args = (entry as { args?: unknown } | null)?.args;
  if (!Array.isArray(args) || !args.includes('proxy')) return undefined;
  const at = args.indexOf('--server');
  const name = at >= 0 ? args[at + 1] : undefined;
  return typeof name === 'string' ? name : undefined;
}

/** `text` with the watched entry of `server` added (or replaced), formatted like the file; or a reason it cannot be. */
export function addWatchedEntry(text: string, server: string, paths: WatchPaths): { text: string } | { error: string } {
  const servers = serversOf(text);
  if (!servers) return { error: 'mcp.json has no "servers" object' };
  if (!(server in servers)) return { error: `mcp.json has no server "${server}"` };
  if (watchedServerOf(servers[server])) return { error: `"${server}" is itself a watched entry` };
  // Right after the original, so a person reading the file sees the two together.
  const getInsertionIndex = (properties: string[]): number => properties.indexOf(server) + 1;
  const edits = modify(text, ['servers', watchedName(server)], watchedEntry(server, paths), { formattingOptions: detectFormat(text), getInsertionIndex });
  return { text: applyEdits(text, edits) };
}

/** `text` without the watched entry of `server`; unchanged when there is none. */
export function removeWatchedEntry(text: string, server: string): string {
  const servers = serversOf(text);
  const name = watchedName(server);
  if (!servers || !(name in servers) || watchedServerOf(servers[name]) !== server) return text;
  return applyEdits(text, modify(text, ['servers', name], undefined, { formattingOptions: detectFormat(text) }));
}

function serversOf(text: string): Record<string, unknown> | undefined {
  const root = parse(text, [], { allowTrailingComma: true }) as { servers?: unknown } | undefined;
  const servers = root?.servers;
  return servers !== null && typeof servers === 'object' && !Array.isArray(servers) ? (servers as Record<string, unknown>) : undefined;
}

/** The indentation the file already uses (tabs, or the width of its first indented line). */
function detectFormat(text: string): FormattingOptions {
  const indent = /\n([ \t]+)\S/.exec(text)?.[1];
  if (indent?.startsWith('\t')) return { ...FORMAT, insertSpaces: false, tabSize: 1 };
  return { ...FORMAT, tabSize: indent ? indent.length : 2, eol: text.includes('\r\n') ? '\r\n' : '\n' };
}
