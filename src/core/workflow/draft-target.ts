// Where a drafted workflow goes and what it names: the server of the nearest .vscode/mcp.json that runs the
// workspace's own code, the file beside that mcp.json's folder (never over an existing one), and the `$schema`
// reference to the kit's schema when the kit lies in the same tree (this repository, or node_modules).
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { parseMcpConfig, type McpConfig } from '../mcp/config';
import type { PromptDef, ToolDef } from '../model';
import { draftWorkflow, type DraftedWorkflow } from './draft';

/**
 * The server a draft should run against: a stdio server started from the workspace (`${workspaceFolder}` in
 * its command, args or cwd), else the first stdio server, else the first server; undefined when there is none.
 */
export function pickDraftServer(config: McpConfig | undefined): string | undefined {
  const servers = Object.values(config?.servers ?? {});
  const local = servers.find((s) => s.type === 'stdio' && [s.command, ...s.args, ...(s.cwd ? [s.cwd] : [])].some((l) => l.value.includes('${workspaceFolder}')));
  return (local ?? servers.find((s) => s.type === 'stdio') ?? servers[0])?.name;
}

/** The nearest `.vscode/mcp.json` in `from`'s folder or above it, not above `stopAt` when given. */
export function findMcpConfigAbove(from: string, exists: (file: string) => boolean, stopAt?: string): string | undefined {
  for (let dir = dirname(from); ; dir = dirname(dir)) {
    const candidate = join(dir, '.vscode', 'mcp.json');
    if (exists(candidate)) return candidate;
    if (dirname(dir) === dir || (stopAt !== undefined && !isInside(dir, stopAt)) || dir === stopAt) return undefined;
  }
}

/** `<prompt>.workflow.json` in `dir`, or `<prompt>-2.workflow.json`, `-3`, … when that file exists. */
export function draftFileName(dir: string, prompt: string, exists: (file: string) => boolean): string {
  const base = prompt.replace(/[^A-Za-z0-9_.-]/g, '-') || 'workflow';
  let file = join(dir, `${base}.workflow.json`);
  for (let i = 2; exists(file); i++) file = join(dir, `${base}-${i}.workflow.json`);
  return file;
}

/** The `$schema` value for a file: the kit's schema relative to it, when one of their folders holds the other. */
export function schemaReference(file: string, kitSchema: string): string | undefined {
  const kitRoot = dirname(dirname(kitSchema));
  const dir = dirname(file);
  if (!isInside(dir, kitRoot) && !isInside(kitRoot, dir)) return undefined;
  return relative(dir, kitSchema).split(sep).join('/');
}

function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** What placing a draft reads: whether a file exists, and a file's text. */
export interface DraftHost {
  exists(file: string): boolean;
  readText(file: string): string | undefined;
}

/** A draft and the file it is meant for. */
export interface PlacedDraft {
  file: string;
  draft: DraftedWorkflow;
  /** The mcp.json the server was picked from, if one was found. */
  config?: string;
}

/**
 * Drafts a prompt's workflow for a file: beside the folder of the nearest .vscode/mcp.json above the prompt's
 * source (not above `stopAt`), else beside the source; the server picked from that mcp.json unless given.
 */
export function placeDraft(prompt: PromptDef, tools: readonly ToolDef[], host: DraftHost, options: { kitSchema: string; stopAt?: string; server?: string; out?: string }): PlacedDraft {
  const config = findMcpConfigAbove(prompt.file, host.exists, options.stopAt);
  const text = config ? host.readText(config) : undefined;
  const server = options.server ?? pickDraftServer(config && text !== undefined ? parseMcpConfig(text, config) : undefined);
  const file = options.out ?? draftFileName(config ? dirname(dirname(config)) : dirname(prompt.file), prompt.name, host.exists);
  const schema = schemaReference(file, options.kitSchema);
  const draft = draftWorkflow(prompt, tools, { ...(server ? { server } : {}), ...(schema ? { schema } : {}) });
  return { file, draft, ...(config ? { config } : {}) };
}
