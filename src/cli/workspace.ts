// Loads the paths given on the command line into a workspace index, with clear errors for missing paths. The CLI
// reads through the synchronous host: a batch waits for each file anyway, and a system call is far cheaper than a
// trip through the thread pool.
import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { nodeHostSync as nodeHost } from '../core/node-host';
import { isWorkflowFile } from '../core/workflow/source-tools';
import { WorkspaceIndex, type WorkspaceOptions } from '../core/workspace';

export interface LoadedWorkspace {
  index: WorkspaceIndex;
  relative: (file: string) => string;
  /** The `*.workflow.json` files under the paths. */
  workflowFiles: string[];
}

/** Reads the given paths (default: the current folder); a missing path is an error message, not a crash. */
export async function loadWorkspace(paths: string[], options: WorkspaceOptions = {}): Promise<LoadedWorkspace | { error: string }> {
  const roots = (paths.length ? paths : ['.']).map((p) => resolve(p));
  const missing = roots.filter((p) => !existsSync(p));
  if (missing.length) return { error: `no such file or directory: ${missing.map((p) => relative(process.cwd(), p) || p).join(', ')}` };
  const index = new WorkspaceIndex(options);
  // Folders that cannot be listed were recorded as skipped by addPaths already.
  const workflowFiles = (await index.addPaths(nodeHost, roots)).filter(isWorkflowFile);
  // Asked once per diagnostic (and per related place): a file's answer is kept.
  const cwd = process.cwd();
  const relativePaths = new Map<string, string>();
  const relativeOf = (file: string) => {
    let path = relativePaths.get(file);
    if (path === undefined) relativePaths.set(file, (path = relative(cwd, file) || file));
    return path;
  };
  return { index, workflowFiles, relative: relativeOf };
}
