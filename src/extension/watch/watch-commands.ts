// "Watch This Server", "Stop Watching" and "Open Watch View" on a Servers row: the first adds a proxied
// `NAME-watched` entry beside NAME in its .vscode/mcp.json (an undoable edit that keeps the file's comments,
// saved at once so any MCP client sees it), whose command runs this extension's CLI through the launcher in its
// global storage (a path an update does not move), and opens the watch tab
// that follows its trace; the second removes the entry. Only in a trusted workspace: the entry runs a program.
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { addWatchedEntry, removeWatchedEntry, watchedName, watchedServerOf } from '../../core/mcp/watch-entry';
import type { HubServer } from '../../core/mcp/server-hub';
import { currentText } from '../current-text';
import { heavy } from '../lazy';

/** What the commands need from the Servers feature. */
export interface WatchContext {
  extensionUri: vscode.Uri;
  log: vscode.LogOutputChannel;
  /** Writes (if needed) the launcher the entry runs and returns its path: stable across extension updates. */
  launcher: () => Promise<string>;
  server: (id: string) => HubServer | undefined;
  /** The server's entry as written, for telling a watched entry from a plain one. */
  entryArgs: (id: string) => string[] | undefined;
}

/** The trace file the watched entry of `server` writes: `.mcp-workflow/traces/NAME.trace.jsonl` in the workspace. */
export function watchTracePath(configFile: string, server: string): string {
  return join(dirname(dirname(configFile)), '.mcp-workflow', 'traces', `${server.replace(/[^\w.-]/g, '_')}.trace.jsonl`);
}

/** The CLI the proxied entry runs: the packaged extension ships bin/mcp-workflow.js (which loads dist/cli.js). */
export function cliPathOf(extensionUri: vscode.Uri): string {
  return vscode.Uri.joinPath(extensionUri, 'bin', 'mcp-workflow.js').fsPath;
}

/** Adds the watched entry of the row's server and opens its watch tab. */
export async function watchServer(ctx: WatchContext, id: string): Promise<void> {
  const server = ctx.server(id);
  if (!server) return;
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage('Watching a server adds an mcp.json entry that runs the proxy: trust the workspace first.');
    return;
  }
  const original = originalName(ctx, id, server.name);
  if (original !== server.name) {
    openView(ctx, server.configFile, original);
    return;
  }
  const tracePath = watchTracePath(server.configFile, server.name);
  let cliPath: string;
  try {
    cliPath = await ctx.launcher();
  } catch (error) {
    void vscode.window.showErrorMessage(`Cannot watch "${server.name}": the launcher could not be written (${error instanceof Error ? error.message : String(error)}).`);
    return;
  }
  const edited = addWatchedEntry(await currentText(vscode.Uri.file(server.configFile)), server.name, { cliPath, configPath: server.configFile, tracePath });
  if ('error' in edited) {
    void vscode.window.showErrorMessage(`Cannot watch "${server.name}": ${edited.error}.`);
    return;
  }
  if (!(await replaceText(server.configFile, edited.text))) return;
  ctx.log.info(`watch: added "${watchedName(server.name)}" to ${server.configFile}; its trace is ${tracePath}`);
  openView(ctx, server.configFile, server.name);
  void vscode.window.showInformationMessage(`Added "${watchedName(server.name)}" to mcp.json: point your MCP client (agent mode) at it, and its calls show in the watch view.`);
}

/** Removes the watched entry of the row's server (the row may be the original or the watched entry). */
export async function stopWatching(ctx: WatchContext, id: string): Promise<void> {
  const server = ctx.server(id);
  if (!server) return;
  const original = originalName(ctx, id, server.name);
  const text = await currentText(vscode.Uri.file(server.configFile));
  const next = removeWatchedEntry(text, original);
  if (next === text) {
    void vscode.window.showInformationMessage(`"${original}" has no watched entry in mcp.json.`);
    return;
  }
  if (await replaceText(server.configFile, next)) ctx.log.info(`watch: removed "${watchedName(original)}" from ${server.configFile}`);
}

/** Opens the watch tab of the row's server. */
export function openWatchView(ctx: WatchContext, id: string): void {
  const server = ctx.server(id);
  if (server) openView(ctx, server.configFile, originalName(ctx, id, server.name));
}

function originalName(ctx: WatchContext, id: string, name: string): string {
  return watchedServerOf({ args: ctx.entryArgs(id) ?? [] }) ?? name;
}

function openView(ctx: WatchContext, configFile: string, server: string): void {
  heavy().openWatchPanel({ extensionUri: ctx.extensionUri, log: ctx.log, server, traceFile: watchTracePath(configFile, server), workspaceDir: dirname(dirname(configFile)) });
}

/** Replaces the file's text by one undoable edit and saves it (the proxy and other clients read it from disk). */
async function replaceText(file: string, text: string): Promise<boolean> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), text);
  if (!(await vscode.workspace.applyEdit(edit)) || !(await document.save())) {
    void vscode.window.showErrorMessage(`Could not write ${vscode.workspace.asRelativePath(file)}.`);
    return false;
  }
  return true;
}
