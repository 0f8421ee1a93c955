// Saved runs: at each checkpoint the runner writes what it has (inputs minus passwords, every step's
// result, where to go on) to .mcp-workflow/runs/RUN_ID.json, so `--resume RUN_ID` can continue after a
// crash. The write goes to a temporary file first and is renamed, so a kill never leaves half a file.
// Where to go on is a step id, and the file holds the workflow's content hash: an edited workflow file is
// refused (or, forced, resumed where the ids still match), never resumed at an index that now means another step.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Workflow } from './types';

/** One step's recorded outcome, as `${steps.ID}` sees it. */
export interface StepState {
  ok: boolean;
  result?: unknown;
  code?: string;
  message?: string;
}

/** What a checkpoint file holds. */
export interface SavedRun {
  version: 2;
  runId: string;
  workflowId: string;
  workflowFile?: string;
  server: string;
  status: 'running' | 'done' | 'failed';
  /** Inputs without password ones: those are asked for again on resume. */
  inputs: Record<string, unknown>;
  checkpoint: string;
  /** The id of the checkpoint step. */
  checkpointStep: string;
  /** The id of the first top-level step still to run; absent when the checkpoint was the last step. */
  nextStepId?: string;
  /** The sha256 of the workflow file's text (see workflowHash), when the run was started from a file. */
  workflowHash?: string;
  /** The ids of the workflow's top-level steps when the checkpoint was saved. */
  stepIds: string[];
  steps: Record<string, StepState>;
  savedAt: string;
}

/** Reads and writes saved runs in one folder. */
export interface CheckpointStore {
  readonly dir: string;
  fileOf(runId: string): string;
  save(run: SavedRun): string;
  /** Marks how the run ended, keeping its last checkpoint; a no-op when no checkpoint was ever saved. */
  finish(runId: string, status: 'done' | 'failed'): void;
  /**
   * The saved run, or an error message saying why it cannot be resumed. `finished: true` also gives a run that
   * ended well (to roll it back to a checkpoint), which resuming refuses.
   */
  load(runId: string, options?: { finished?: boolean }): SavedRun | { error: string };
}

/** A store in `dir` (normally WORKSPACE/.mcp-workflow/runs). */
export function createCheckpointStore(dir: string): CheckpointStore {
  const fileOf = (runId: string): string => join(dir, `${runId}.json`);
  const write = (run: SavedRun): string => {
    mkdirSync(dir, { recursive: true });
    const file = fileOf(run.runId);
    writeFileSync(`${file}.tmp`, `${JSON.stringify(run, null, 2)}\n`);
    renameSync(`${file}.tmp`, file);
    return file;
  };
  const read = (runId: string): SavedRun | undefined => {
    try {
      return JSON.parse(readFileSync(fileOf(runId), 'utf8')) as SavedRun;
    } catch {
      return undefined;
    }
  };
  return {
    dir,
    fileOf,
    save: write,
    finish(runId, status) {
      const run = read(runId);
      if (run) write({ ...run, status, savedAt: new Date().toISOString() });
    },
    load(runId, options) {
      if (!/^[A-Za-z0-9_.-]+$/.test(runId)) return { error: `"${runId}" is not a run id` };
      const run = read(runId);
      if (!run) return { error: `no checkpoint saved for run "${runId}" in ${dir} (a run can be resumed only after it passed a checkpoint step)` };
      if (run.version !== 2) return { error: `${fileOf(runId)} was written by another version of mcp-workflow` };
      if (run.status === 'done' && !options?.finished) return { error: `run "${runId}" already finished successfully; there is nothing to resume` };
      return run;
    },
  };
}

/**
 * The content hash a checkpoint records of the workflow file it was saved from: of its text without a byte order
 * mark, as an editor shows it, so a run started in VS Code resumes from the CLI and back.
 */
export function workflowHash(text: string): string {
  return createHash('sha256').update(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).digest('hex');
}

/**
 * Where a saved run continues in `workflow`: the index of its next step, found by id. A workflow whose text
 * changed since the checkpoint (its hash differs) is refused unless `force`; forced, the checkpoint step and the
 * next step must still be there, in that order.
 */
export function resumeIndex(run: SavedRun, workflow: Workflow, file: string, hash: string | undefined, force: boolean): number | { error: string } {
  if (run.workflowHash && hash && run.workflowHash !== hash && !force) {
    const at = run.nextStepId ? ` at step "${run.nextStepId}"` : '';
    return { error: `${file} changed since run ${run.runId} saved checkpoint "${run.checkpoint}" (${run.savedAt}); resuming could skip or repeat steps. Pass --force to resume anyway${at}` };
  }
  const ids = workflow.steps.map((s) => s.id);
  const checkpointAt = ids.indexOf(run.checkpointStep);
  if (checkpointAt < 0) return { error: `run ${run.runId} stopped after checkpoint step "${run.checkpointStep}", and there is no step "${run.checkpointStep}" in ${file} any more` };
  if (!run.nextStepId) return ids.length;
  const next = ids.indexOf(run.nextStepId);
  if (next < 0) return { error: `run ${run.runId} was to continue at step "${run.nextStepId}", and there is no step "${run.nextStepId}" in ${file} any more` };
  if (next <= checkpointAt) return { error: `in ${file}, step "${run.nextStepId}" no longer comes after checkpoint step "${run.checkpointStep}"` };
  return next;
}
