// Saved runs: at each checkpoint the runner writes what it has (inputs minus passwords, every step's
// result, where to go on) to .mcp-workflow/runs/RUN_ID.json, so `--resume RUN_ID` can continue after a
// crash. The write goes to a temporary file first and is renamed, so a kill never leaves half a file.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** One step's recorded outcome, as `${steps.ID}` sees it. */
export interface StepState {
  ok: boolean;
  result?: unknown;
  code?: string;
  message?: string;
}

/** What a checkpoint file holds. */
export interface SavedRun {
  version: 1;
  runId: string;
  workflowId: string;
  workflowFile?: string;
  server: string;
  status: 'running' | 'done' | 'failed';
  /** Inputs without password ones: those are asked for again on resume. */
  inputs: Record<string, unknown>;
  checkpoint: string;
  /** The index in `steps` of the first top-level step still to run. */
  nextStep: number;
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
  /** The saved run, or an error message saying why it cannot be resumed. */
  load(runId: string): SavedRun | { error: string };
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
    load(runId) {
      if (!/^[A-Za-z0-9_.-]+$/.test(runId)) return { error: `"${runId}" is not a run id` };
      const run = read(runId);
      if (!run) return { error: `no checkpoint saved for run "${runId}" in ${dir} (a run can be resumed only after it passed a checkpoint step)` };
      if (run.version !== 1) return { error: `${fileOf(runId)} was written by another version of mcp-workflow` };
      if (run.status === 'done') return { error: `run "${runId}" already finished successfully; there is nothing to resume` };
      return run;
    },
  };
}
