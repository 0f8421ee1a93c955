// `mcp-workflow check --watch`: checks once, then again on every change under the paths, through the incremental
// engine the language server uses (only what a change can alter is worked out again). Text reports, one per check.
import { existsSync, statSync, watch } from 'node:fs';
import { resolve, sep } from 'node:path';
import type { CheckEngine } from '../core/check-engine';
import { sortDiagnostics } from '../core/diagnostic';
import type { Diagnostic } from '../core/diagnostic';
import { languageOf } from '../core/extract';
import { nodeHostSync as nodeHost } from '../core/node-host';
import { isProjectFile } from '../core/project';
import { isWorkflowFile } from '../core/workflow/source-tools';
import type { FileModel } from '../core/model';
import type { LoadedWorkspace } from './workspace';

export interface WatchOptions {
  roots: string[];
  /** The incremental engine, made again when a manifest or lock file changes (projects and revisions read anew). */
  newEngine(): CheckEngine;
  /** The workflow files' diagnostics against the models' tools. */
  checkWorkflows(files: string[], models: FileModel[]): Promise<Diagnostic[]>;
  print(diagnostics: Diagnostic[], files: number, ms: number): void;
}

/** Checks, then re-checks after each burst of changes (100 ms of quiet); runs until the process is stopped. */
export async function watchCheck(loaded: LoadedWorkspace, options: WatchOptions): Promise<number> {
  const workflows = new Set(loaded.workflowFiles);
  let engine = options.newEngine();
  const check = async () => {
    const start = Date.now();
    engine.run(loaded.index.allModels());
    const models = loaded.index.models();
    const sources = [...engine.files()].flatMap((f) => engine.diagnosticsOf(f));
    const all = sortDiagnostics([...sources, ...(await options.checkWorkflows([...workflows], models))]);
    options.print(all, models.length + workflows.size, Date.now() - start);
  };
  const changed = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let turn = Promise.resolve();
  const reread = async () => {
    const files = [...changed];
    changed.clear();
    if (files.some(isProjectFile)) engine = options.newEngine();
    for (const file of files) await readChange(loaded, workflows, file);
    await check();
  };
  // The watchers are armed before the first report says "watching": a change made right after it is never missed
  // (a loaded machine showed the gap), and one made during the first check is read after it.
  for (const root of options.roots) {
    watch(root, { recursive: true }, (_event, name) => {
      if (!name) return;
      changed.add(resolve(root, name.toString()));
      clearTimeout(timer);
      // A failed re-read is said and the watch goes on: a rejected turn would stop every later one.
      timer = setTimeout(() => (turn = turn.then(reread).catch((error: unknown) => void process.stderr.write(`mcp-workflow check --watch: re-reading the changes failed: ${error instanceof Error ? error.message : String(error)}\n`))), 100);
    });
  }
  turn = turn.then(check);
  await turn;
  return new Promise<number>(() => undefined);
}

async function readChange(loaded: LoadedWorkspace, workflows: Set<string>, file: string): Promise<void> {
  const there = existsSync(file);
  if (isWorkflowFile(file)) {
    if (there) workflows.add(file);
    else workflows.delete(file);
    return;
  }
  if (loaded.index.leavesOut(file)) return;
  // A folder renamed or moved is one event for the folder, none for the files in it.
  if (!languageOf(file)) return readFolderChange(loaded, workflows, file, there);
  if (!there) return loaded.index.remove(file);
  await loaded.index.updateBytes(file, await nodeHost.readFile(file)).catch(() => loaded.index.remove(file));
}

/** A path that is not a source or workflow file: a folder that came (read what is in it) or went (forget it). */
async function readFolderChange(loaded: LoadedWorkspace, workflows: Set<string>, path: string, there: boolean): Promise<void> {
  const below = (f: string) => f.startsWith(`${path}${sep}`);
  if (!there) {
    for (const f of [...workflows]) if (below(f)) workflows.delete(f);
    return loaded.index.removeFolder(path);
  }
  if (!statSync(path, { throwIfNoEntry: false })?.isDirectory()) return;
  for (const f of await nodeHost.listFiles(path)) if (isWorkflowFile(f)) workflows.add(f);
  await loaded.index.addFolder(nodeHost, path);
}
