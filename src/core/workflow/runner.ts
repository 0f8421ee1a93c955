// The workflow runner: takes a loaded workflow and a live connection, runs the steps in order (parallel
// groups concurrently), asks for approvals, saves checkpoints, rolls back on failure, and reports every
// move as a typed event. It never imports vscode; the CLI and the panel drive it the same way.
import { randomBytes } from 'node:crypto';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import type { McpConnection } from '../mcp/client';
import { resumeIndex, type CheckpointStore, type SavedRun, type StepState } from './checkpoints';
import { evaluateWhen } from './conditions';
import type { ApprovalDecision, ApprovalRequest, RunContext, StateOffer } from './context';
import { RunEmitter, type RunEvent, type RunListener, type RunOutcome } from './events';
import { ReferenceError, resolveTemplate } from './references';
import { runStateMachineStep } from './state-machine';
import { abortText, publicInputs, record, rollBack, runCheckpoint, type StepResult } from './recovery';
import { runToolStep } from './tool-step';
import { isApprovalStep, isCheckpointStep, isParallelStep, isStateMachineStep, type Step, type ToolStep, type Workflow } from './types';

/** Everything a run needs. Inputs are already converted to their declared types. */
export interface RunnerOptions {
  workflow: Workflow;
  workflowFile?: string;
  /** The sha256 of the workflow file's text (checkpoints.workflowHash), recorded in checkpoint files. */
  workflowHash?: string;
  connection: McpConnection;
  inputs: Record<string, unknown>;
  /** Names of password inputs: kept out of checkpoint files. */
  passwordInputs?: string[];
  /**
   * Secret values (password inputs of mcp.json and of the workflow): replaced by "[REDACTED]" wherever they
   * occur in a checkpoint file, e.g. in a result a careless server echoed. A resumed run sees the placeholder.
   */
  secrets?: () => readonly string[];
  /** Asked at each approval gate; without it every gate is denied, which is the safe default. */
  approve?: (request: ApprovalRequest) => Promise<ApprovalDecision>;
  /**
   * Asked before a destructive tool step (its annotations say so, or it has none) that no approval step preceded,
   * unless the step says "confirm": false; without it such steps run unasked (the CLI, whose --yes is the consent).
   */
  confirmDestructive?: (request: ApprovalRequest) => Promise<ApprovalDecision>;
  /** The server's tools (tools/list), whose annotations say which are destructive; needed by confirmDestructive. */
  tools?: readonly Tool[];
  /** Asked at each state of a state-machine step; without it the file's `inputs` for the state are used. */
  offerState?: (offer: StateOffer) => Promise<Record<string, unknown> | undefined>;
  checkpoints?: CheckpointStore;
  /** A saved run to continue from its last checkpoint, at the step id it recorded (its run id is kept). */
  resume?: SavedRun;
  signal?: AbortSignal;
  /** Stops a rollback in progress. `signal` does not: a rollback started after an interruption runs to its end. */
  rollbackSignal?: AbortSignal;
  runId?: string;
}

/** How a run ended. */
export interface RunSummary {
  runId: string;
  ok: boolean;
  outcome: RunOutcome;
  message?: string;
  steps: Record<string, StepState>;
  checkpoint?: string;
  durationMs: number;
}

/** A run that has not started yet: subscribe, then call `run()` once. */
export interface Runner {
  readonly runId: string;
  on(listener: RunListener): () => void;
  run(): Promise<RunSummary>;
}

/**
 * A run id that sorts by time and is safe as a file name, e.g. 20261124-221749-3f9a0c2e81b7d45a: the second it
 * started and 64 random bits, so runs started in the same second (20 at a time in CI) do not collide.
 */
export function newRunId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${randomBytes(8).toString('hex')}`;
}

/** The current time in ISO 8601, formatted once per millisecond however many events share it. */
function createClock(): () => string {
  let last = -1;
  let text = '';
  return () => {
    const now = Date.now();
    if (now !== last) {
      last = now;
      text = new Date(now).toISOString();
    }
    return text;
  };
}

/** Creates a runner for one run of a workflow. */
export function createRunner(options: RunnerOptions): Runner {
  const { ctx, emitter } = createContext(options);
  return { runId: ctx.runId, on: (listener) => emitter.on(listener), run: () => execute(ctx, options) };
}

/** What a rollback asked for by a person needs: the run's saved checkpoint, and which checkpoint to go back to. */
export interface RollbackRequest extends Omit<RunnerOptions, 'resume' | 'runId'> {
  saved: SavedRun;
  /** The checkpoint name `${checkpoint.name}` resolves to (default: the saved run's last one). */
  checkpoint?: string;
  /** Who asked (the audit log's actor), named in the outcome's message. */
  actor: string;
}

/**
 * A run of the workflow's rollback steps, asked for after the run ended (the run view's Rollback on a checkpoint):
 * the steps see the saved run's results and inputs, and `${checkpoint.name}` is the chosen checkpoint. It keeps
 * the run's id, so its events extend the same audit log and timeline; it ends as rolled-back or rollback-failed.
 */
export function createRollbackRunner(request: RollbackRequest): Runner {
  const { saved } = request;
  const options: RunnerOptions = { ...request, runId: saved.runId, inputs: { ...saved.inputs, ...request.inputs } };
  const { ctx, emitter } = createContext(options);
  ctx.scope.steps = { ...saved.steps };
  ctx.scope.checkpoint = { name: request.checkpoint ?? saved.checkpoint };
  const run = async (): Promise<RunSummary> => {
    const started = Date.now();
    const rolled = await rollBack(ctx, saved.checkpointStep, options.rollbackSignal ?? options.signal, request.actor);
    const outcome: RunOutcome = rolled.ok ? 'rolled-back' : 'rollback-failed';
    // The run is no longer done: its checkpoint can be resumed from, to do the work again.
    options.checkpoints?.finish(ctx.runId, 'failed');
    const durationMs = Date.now() - started;
    const checkpoint = ctx.scope.checkpoint!.name;
    ctx.emit({ type: 'run-done', ok: false, outcome, durationMs, message: rolled.message, checkpoint });
    return { runId: ctx.runId, ok: false, outcome, message: rolled.message, steps: ctx.scope.steps, durationMs, checkpoint };
  };
  return { runId: ctx.runId, on: (listener) => emitter.on(listener), run };
}

function createContext(options: RunnerOptions): { ctx: RunContext; emitter: RunEmitter } {
  const runId = options.resume?.runId ?? options.runId ?? newRunId();
  const emitter = new RunEmitter();
  const clock = createClock();
  const workflow = options.workflow;
  const ctx: RunContext = {
    runId,
    workflow,
    connection: options.connection,
    // Every call site builds a fresh event object, so it is completed in place rather than copied: this runs
    // two or three times per tool call, and the copy was a measurable share of the runner's per-call cost.
    emit: (event) => {
      const complete = event as Partial<RunEvent>;
      complete.runId = runId;
      complete.workflowId = workflow.id;
      complete.time = clock();
      emitter.emit(complete as RunEvent);
    },
    scope: { inputs: options.inputs, steps: { ...(options.resume?.steps ?? {}) }, run: { id: runId } },
    signal: options.signal,
    approve: options.approve ?? (async () => ({ approved: false, actor: 'mcp-workflow', reason: 'no approver was available (use --yes or a terminal)' })),
    offerState: options.offerState,
    ...(options.confirmDestructive ? { confirm: options.confirmDestructive, tools: new Map((options.tools ?? []).map((t) => [t.name, t])) } : {}),
  };
  if (options.resume) ctx.scope.checkpoint = { name: options.resume.checkpoint };
  return { ctx, emitter };
}

async function execute(ctx: RunContext, options: RunnerOptions): Promise<RunSummary> {
  const started = Date.now();
  const { workflow } = ctx;
  // The caller has checked the saved run against this workflow (resumeIndex); a step id that is gone fails the
  // run without running anything, rather than running the wrong steps.
  const at = options.resume ? resumeIndex(options.resume, workflow, options.workflowFile ?? 'the workflow', undefined, true) : 0;
  const start = typeof at === 'number' ? at : workflow.steps.length;
  ctx.emit({
    type: 'run-started',
    server: options.connection.name,
    inputs: publicInputs(options),
    stepIds: workflow.steps.map((s) => s.id),
    ...(options.resume ? { resumedFrom: options.resume.checkpoint } : {}),
  });
  let outcome: RunSummary['outcome'] = typeof at === 'number' ? 'done' : 'failed';
  let message: string | undefined = typeof at === 'number' ? undefined : at.error;
  let anyFailed = false;
  for (let index = start; index < workflow.steps.length; index++) {
    const step = workflow.steps[index]!;
    if (ctx.signal?.aborted) break;
    const result = await runTopLevelStep(ctx, options, step, index);
    if (result.ok) continue;
    message = `${step.id}: ${result.message ?? 'failed'}`;
    if (result.denied) {
      outcome = 'denied';
      break;
    }
    if (result.onError === 'continue') {
      anyFailed = true;
      continue;
    }
    if (result.onError === 'rollback') {
      const rolled = await rollBack(ctx, step.id, options.rollbackSignal);
      outcome = rolled.ok ? 'rolled-back' : 'rollback-failed';
      if (!rolled.ok) message = `${message}; ${rolled.message}`;
    } else {
      outcome = 'failed';
    }
    break;
  }
  if (outcome === 'done' && anyFailed) {
    outcome = 'failed';
    message ??= 'a step failed';
  }
  // A stop from outside (a signal, Ctrl-C at a prompt) is the run's outcome whatever the step it cut short
  // reported, so a cancelled call or a gate denied by the interruption never reads as an ordinary failure; only
  // a failed rollback weighs more, since it may have left the server half changed.
  if (ctx.signal?.aborted && outcome !== 'rollback-failed') {
    const reason = abortText(ctx.signal);
    outcome = 'interrupted';
    message = message ? `${reason}; ${message}` : reason;
  }
  const ok = outcome === 'done';
  options.checkpoints?.finish(ctx.runId, ok ? 'done' : 'failed');
  const durationMs = Date.now() - started;
  const checkpoint = ctx.scope.checkpoint?.name;
  ctx.emit({ type: 'run-done', ok, outcome, durationMs, ...(message ? { message } : {}), ...(checkpoint ? { checkpoint } : {}) });
  return { runId: ctx.runId, ok, outcome, steps: ctx.scope.steps, durationMs, ...(message ? { message } : {}), ...(checkpoint ? { checkpoint } : {}) };
}

async function runTopLevelStep(ctx: RunContext, options: RunnerOptions, step: Step, index: number): Promise<StepResult> {
  if (!isApprovalStep(step) && !isParallelStep(step) && !isCheckpointStep(step) && !isStateMachineStep(step)) {
    const outcome = await runToolStep(ctx, step, undefined, true);
    record(ctx, step.id, outcome);
    return { ...outcome, onError: step.onError ?? 'fail' };
  }
  const started = Date.now();
  // A reference that cannot be resolved (in `when`, an approval summary, state-machine arguments) fails the step
  // the way it fails a tool step (runToolStep): an event for the renderer and the audit log, and a record.
  return runOtherStep(ctx, options, step, index, started).catch((error: unknown): StepResult => {
    if (!(error instanceof ReferenceError)) throw error;
    const outcome = { ok: false, code: 'BAD_REFERENCE', message: error.message };
    ctx.emit({ type: 'step-failed', stepId: step.id, code: outcome.code, message: outcome.message, durationMs: Date.now() - started });
    record(ctx, step.id, outcome);
    return { ...outcome, onError: 'fail' };
  });
}

async function runOtherStep(ctx: RunContext, options: RunnerOptions, step: Exclude<Step, ToolStep>, index: number, started: number): Promise<StepResult> {
  if (step.when !== undefined && !evaluateWhen(step.when, ctx.scope)) {
    ctx.emit({ type: 'step-done', stepId: step.id, outcome: 'skipped', durationMs: 0 });
    record(ctx, step.id, { ok: true, skipped: true });
    return { ok: true, onError: 'fail' };
  }
  if (isParallelStep(step)) {
    ctx.emit({ type: 'step-started', stepId: step.id, kind: 'parallel' });
    const outcomes = await Promise.all(step.parallel.map((child) => runToolStep(ctx, child, step.id, true)));
    step.parallel.forEach((child, i) => record(ctx, child.id, outcomes[i]!));
    const failedAt = outcomes.findIndex((o) => !o.ok);
    const result = Object.fromEntries(step.parallel.map((child, i) => [child.id, outcomes[i]!.result]));
    const durationMs = Date.now() - started;
    if (failedAt < 0) {
      ctx.emit({ type: 'step-done', stepId: step.id, outcome: 'done', result, durationMs });
      record(ctx, step.id, { ok: true, result });
      return { ok: true, result, onError: 'fail' };
    }
    const failed = step.parallel[failedAt]!;
    const text = `${failed.id} failed: ${outcomes[failedAt]!.message ?? ''}`;
    ctx.emit({ type: 'step-failed', stepId: step.id, code: outcomes[failedAt]!.code, message: text, durationMs });
    record(ctx, step.id, { ok: false, result, code: outcomes[failedAt]!.code, message: text });
    // A lane the person refused to confirm ends the run as denied, as a refused approval step does.
    const denied = outcomes.some((o) => o.denied);
    return { ok: false, message: text, onError: failed.onError ?? 'fail', ...(denied ? { denied } : {}) };
  }
  if (isApprovalStep(step)) return runApproval(ctx, step, started);
  if (isStateMachineStep(step)) {
    ctx.emit({ type: 'step-started', stepId: step.id, kind: 'stateMachine', tool: step.stateMachine.tool });
    const outcome = await runStateMachineStep(ctx, step);
    record(ctx, step.id, outcome);
    return { ...outcome, onError: 'fail' };
  }
  return runCheckpoint(ctx, options, step, index, started);
}

async function runApproval(ctx: RunContext, step: Extract<Step, { approval: unknown }>, started: number): Promise<StepResult> {
  ctx.emit({ type: 'step-started', stepId: step.id, kind: 'approval' });
  const request: ApprovalRequest = {
    stepId: step.id,
    summary: String(resolveTemplate(step.approval.summary, ctx.scope)),
    affected: step.approval.affected === undefined ? [] : resolveTemplate(step.approval.affected, ctx.scope),
    reversible: step.approval.reversible,
  };
  ctx.emit({ type: 'waiting-for-approval', ...request });
  const decision = await ctx.approve(request);
  const reason = decision.reason ? { reason: decision.reason } : {};
  if (decision.approved) ctx.emit({ type: 'approved', stepId: step.id, actor: decision.actor, ...reason });
  else ctx.emit({ type: 'denied', stepId: step.id, actor: decision.actor, ...reason });
  const result = { approved: decision.approved, actor: decision.actor, ...reason };
  record(ctx, step.id, { ok: decision.approved, result });
  if (decision.approved) {
    ctx.emit({ type: 'step-done', stepId: step.id, outcome: 'done', result, durationMs: Date.now() - started });
    return { ok: true, result, onError: 'fail' };
  }
  const message = `denied by ${decision.actor}${decision.reason ? `: ${decision.reason}` : ''}`;
  ctx.emit({ type: 'step-failed', stepId: step.id, code: 'DENIED', message, durationMs: Date.now() - started });
  return { ok: false, code: 'DENIED', message, onError: 'fail', denied: true };
}
