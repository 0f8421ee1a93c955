// The two steps that make a run recoverable: a checkpoint (saved server-side by its optional tool call and
// client-side to the checkpoint store) and the rollback to it after a failure.
import { redact } from './audit';
import type { SavedRun } from './checkpoints';
import type { RunContext } from './context';
import type { RunnerOptions } from './runner';
import { runToolStep, type ToolOutcome } from './tool-step';
import type { CheckpointStep, ToolStep } from './types';

/** A finished step as the runner sees it: its outcome and what a failure of it asks for. */
export interface StepResult extends ToolOutcome {
  onError: 'fail' | 'continue' | 'rollback';
  denied?: boolean;
}

/** Records a step's outcome where `${steps.ID}` finds it. */
export function record(ctx: RunContext, id: string, outcome: ToolOutcome): void {
  ctx.scope.steps[id] = {
    ok: outcome.ok,
    ...(outcome.result !== undefined ? { result: outcome.result } : {}),
    ...(outcome.code ? { code: outcome.code } : {}),
    ...(outcome.message ? { message: outcome.message } : {}),
  };
}

/** The run's inputs without the password ones. */
export function publicInputs(options: RunnerOptions): Record<string, unknown> {
  const hidden = new Set(options.passwordInputs ?? []);
  return Object.fromEntries(Object.entries(options.inputs).filter(([k]) => !hidden.has(k)));
}

/** Runs a checkpoint step: the server-side save (if any), then the saved run, keyed to the next step's id. */
export async function runCheckpoint(ctx: RunContext, options: RunnerOptions, step: CheckpointStep, index: number, started: number): Promise<StepResult> {
  ctx.emit({ type: 'step-started', stepId: step.id, kind: 'checkpoint', ...(step.checkpoint.tool ? { tool: step.checkpoint.tool } : {}) });
  const name = step.checkpoint.name;
  ctx.scope.checkpoint = { name };
  let result: unknown = { name };
  if (step.checkpoint.tool) {
    // The server-side save is an ordinary tool call, with its own events, under the checkpoint step.
    const call: ToolStep = { id: `${step.id}#save`, tool: step.checkpoint.tool, arguments: step.checkpoint.arguments ?? {} };
    const outcome = await runToolStep(ctx, call, step.id);
    if (!outcome.ok) {
      record(ctx, step.id, outcome);
      ctx.emit({ type: 'step-failed', stepId: step.id, code: outcome.code, message: outcome.message ?? 'failed', durationMs: Date.now() - started });
      return { ...outcome, onError: 'fail' };
    }
    result = { name, saved: outcome.result };
  }
  record(ctx, step.id, { ok: true, result });
  let file = '(not persisted)';
  if (options.checkpoints) {
    const next = ctx.workflow.steps[index + 1]?.id;
    const run: SavedRun = redact({
      version: 2,
      runId: ctx.runId,
      workflowId: ctx.workflow.id,
      ...(options.workflowFile ? { workflowFile: options.workflowFile } : {}),
      ...(options.workflowHash ? { workflowHash: options.workflowHash } : {}),
      server: options.connection.name,
      status: 'running',
      inputs: publicInputs(options),
      checkpoint: name,
      checkpointStep: step.id,
      ...(next !== undefined ? { nextStepId: next } : {}),
      stepIds: ctx.workflow.steps.map((s) => s.id),
      steps: ctx.scope.steps,
      savedAt: new Date().toISOString(),
    } satisfies SavedRun, options.secrets?.() ?? []);
    try {
      file = options.checkpoints.save(run);
    } catch (error) {
      // A checkpoint that was not saved cannot be resumed from: the step fails rather than pretend it can.
      const message = `checkpoint "${name}" could not be saved: ${(error as Error).message}`;
      ctx.emit({ type: 'step-failed', stepId: step.id, code: 'CHECKPOINT_FAILED', message, durationMs: Date.now() - started });
      record(ctx, step.id, { ok: false, code: 'CHECKPOINT_FAILED', message });
      return { ok: false, code: 'CHECKPOINT_FAILED', message, onError: 'fail' };
    }
  }
  ctx.emit({ type: 'checkpoint-saved', stepId: step.id, name, file });
  ctx.emit({ type: 'step-done', stepId: step.id, outcome: 'done', result, durationMs: Date.now() - started });
  return { ok: true, result, onError: 'fail' };
}

/**
 * Runs the workflow's rollback steps after `failedStep` failed, under `signal` rather than the run's own: the
 * interruption that stopped the run must not also stop the undoing of its changes. Says whether it succeeded.
 */
export async function rollBack(ctx: RunContext, failedStep: string, signal: AbortSignal | undefined, requestedBy?: string): Promise<{ ok: boolean; message: string }> {
  const checkpoint = ctx.scope.checkpoint?.name;
  const failures: string[] = [];
  const own: RunContext = { ...ctx, signal };
  ctx.emit({ type: 'rollback-started', stepId: failedStep, checkpoint, ...(requestedBy ? { requestedBy } : {}) });
  for (const step of ctx.workflow.rollback ?? []) {
    if (signal?.aborted) {
      failures.push(`${step.id}: not run (${abortText(signal)})`);
      continue;
    }
    // runToolStep turns a bad reference into a failed outcome itself.
    const outcome = await runToolStep(own, step);
    record(ctx, step.id, outcome);
    if (!outcome.ok) failures.push(`${step.id}: ${outcome.message ?? 'failed'}`);
  }
  const target = checkpoint ? `checkpoint "${checkpoint}"` : 'the start (no checkpoint was saved)';
  const stopped = signal?.aborted ? ` (${abortText(signal)})` : '';
  const why = requestedBy ? `as ${requestedBy} asked` : `after ${failedStep} failed`;
  const message = failures.length ? `rollback to ${target} failed${stopped}: ${failures.join('; ')}` : `rolled back to ${target} ${why}`;
  ctx.emit({ type: 'rolled-back', stepId: failedStep, checkpoint, ok: failures.length === 0, message });
  return { ok: failures.length === 0, message };
}

/** The text of an abort's reason. */
export function abortText(signal: AbortSignal): string {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason.message : typeof reason === 'string' ? reason : 'the run was cancelled';
}
