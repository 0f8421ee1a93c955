// Runs one tool step: `when`, arguments resolved from the scope, `forEach` batches, retries by error code,
// the outputSchema check of structuredContent, and `expect`. Every end is an outcome value with a code;
// only bugs throw.
import { McpConnectionError, type CallOptions } from '../mcp/client';
import { checkExpectations, evaluateWhen } from './conditions';
import { delay, type RunContext } from './context';
import { confirmationNeeded } from './destructive';
import { outputProblems, readToolError, resultValue, retryDelayMs, type StepError } from './outcome';
import { hasReferences, ReferenceError, resolveTemplate } from './references';
import type { ToolStep } from './types';

/** How a tool step ended. */
export interface ToolOutcome {
  ok: boolean;
  skipped?: boolean;
  result?: unknown;
  code?: string;
  message?: string;
  validation?: string[];
  /** The person said no at the step's confirmation: the run ends as denied, not failed. */
  denied?: boolean;
}

const defaultTimeoutMs = 60_000;

/**
 * Runs a tool step to its end and emits its events; `parent` names the parallel group it belongs to. A step the
 * file lists (`listed`: a top-level step or a parallel lane, not a checkpoint's save call, a state machine's
 * transition or a rollback step) is confirmed first when its tool is destructive (destructive.ts).
 */
export async function runToolStep(ctx: RunContext, step: ToolStep, parent?: string, listed = false): Promise<ToolOutcome> {
  const started = Date.now();
  const outcome = await evaluate(ctx, step, parent, listed).catch((error: unknown): ToolOutcome => {
    if (error instanceof ReferenceError) return { ok: false, code: 'BAD_REFERENCE', message: error.message };
    throw error;
  });
  const durationMs = Date.now() - started;
  const extra = parent ? { parent } : {};
  if (outcome.ok) {
    ctx.emit({ type: 'step-done', stepId: step.id, outcome: outcome.skipped ? 'skipped' : 'done', result: outcome.result, durationMs, ...extra });
  } else {
    ctx.emit({
      type: 'step-failed',
      stepId: step.id,
      code: outcome.code,
      message: outcome.message ?? 'failed',
      durationMs,
      ...(outcome.validation ? { validation: outcome.validation } : {}),
      ...extra,
    });
  }
  return outcome;
}

async function evaluate(ctx: RunContext, step: ToolStep, parent: string | undefined, listed: boolean): Promise<ToolOutcome> {
  if (step.when !== undefined && !evaluateWhen(step.when, ctx.scope)) {
    ctx.emit({ type: 'step-started', stepId: step.id, kind: 'tool', tool: step.tool, ...(parent ? { parent } : {}) });
    return { ok: true, skipped: true };
  }
  const reason = listed ? confirmationNeeded(ctx, step) : undefined;
  if (reason) {
    const refused = await confirm(ctx, step, reason, parent);
    if (refused) return refused;
  }
  let outcome: ToolOutcome;
  if (step.forEach) {
    outcome = await runBatches(ctx, step, parent);
  } else {
    const args = resolveTemplate(step.arguments ?? {}, ctx.scope) as Record<string, unknown>;
    outcome = await callWithRetry(ctx, step, args, parent, undefined);
  }
  if (outcome.ok && step.expect?.length) {
    // Expected values may reference inputs and earlier steps ("the report is about the customer we found").
    const failures = checkExpectations(resolveTemplate(step.expect, ctx.scope) as typeof step.expect, outcome.result);
    if (failures.length > 0) return { ok: false, result: outcome.result, code: 'EXPECT_FAILED', message: failures.join('; '), validation: failures };
  }
  return outcome;
}

/** Asks the one-click confirmation of a destructive step; the outcome to end the step with when it is refused. */
async function confirm(ctx: RunContext, step: ToolStep, reason: string, parent: string | undefined): Promise<ToolOutcome | undefined> {
  ctx.emit({ type: 'step-started', stepId: step.id, kind: 'tool', tool: step.tool, ...(parent ? { parent } : {}) });
  // What the calls will act on: the batched items, or the arguments (a batch's own references are not known yet).
  const affected = step.forEach
    ? { items: resolveTemplate(step.forEach.items, ctx.scope), batchSize: resolveTemplate(step.forEach.batchSize ?? 1, ctx.scope) }
    : resolveTemplate(step.arguments ?? {}, ctx.scope);
  const request = { stepId: step.id, summary: `Call ${step.tool}? ${reason[0]!.toUpperCase()}${reason.slice(1)}, and no approval step came before it.`, affected, reversible: false, confirm: { tool: step.tool, reason } };
  ctx.emit({ type: 'waiting-for-approval', ...request });
  const decision = await ctx.confirm!(request);
  const why = decision.reason ? { reason: decision.reason } : {};
  if (decision.approved) {
    ctx.emit({ type: 'approved', stepId: step.id, actor: decision.actor, ...why });
    return undefined;
  }
  ctx.emit({ type: 'denied', stepId: step.id, actor: decision.actor, ...why });
  return { ok: false, code: 'DENIED', message: `${step.tool} was not confirmed: denied by ${decision.actor}${decision.reason ? `: ${decision.reason}` : ''}`, denied: true };
}

async function runBatches(ctx: RunContext, step: ToolStep, parent: string | undefined): Promise<ToolOutcome> {
  const given = resolveTemplate(step.forEach!.items, ctx.scope);
  // A count N stands for the indices 0..N-1, so offset/size tools (transform_records) batch over a total.
  const items = typeof given === 'number' && Number.isInteger(given) && given >= 0 ? Array.from({ length: given }, (_, i) => i) : given;
  if (!Array.isArray(items)) {
    return { ok: false, code: 'BAD_REFERENCE', message: `forEach.items must be a list or a count, but it is ${JSON.stringify(items)?.slice(0, 80)}` };
  }
  const size = resolveTemplate(step.forEach!.batchSize ?? 1, ctx.scope);
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 1) {
    return { ok: false, code: 'BAD_REFERENCE', message: `forEach.batchSize must be a whole number of at least 1, but it is ${JSON.stringify(size)?.slice(0, 80)}` };
  }
  const count = Math.ceil(items.length / size);
  const results: unknown[] = [];
  const options = callOptions(ctx, step);
  // Arguments without references are the same for every batch: resolved once, not once per call.
  const fixed = hasReferences(step.arguments) ? undefined : (step.arguments ?? {});
  for (let index = 0; index < count; index++) {
    const batch = items.slice(index * size, (index + 1) * size);
    const args = fixed ?? (resolveTemplate(step.arguments ?? {}, { ...ctx.scope, batch, batchIndex: index, item: batch[0] }) as Record<string, unknown>);
    const outcome = await callWithRetry(ctx, step, args, parent, { index, count }, options);
    if (!outcome.ok) {
      return { ...outcome, result: { results, failedBatch: index }, message: `batch ${index + 1}/${count} failed: ${outcome.message}` };
    }
    results.push(outcome.result);
    ctx.emit({ type: 'progress', stepId: step.id, progress: index + 1, total: count, message: `batch ${index + 1}/${count} done` });
  }
  return { ok: true, result: { results } };
}

/** How every call of a step is made: its timeout, the run's abort signal, and its progress events. */
function callOptions(ctx: RunContext, step: ToolStep): CallOptions {
  return {
    timeoutMs: step.timeoutMs ?? ctx.workflow.defaults?.timeoutMs ?? defaultTimeoutMs,
    signal: ctx.signal,
    onProgress: (p) => ctx.emit({ type: 'progress', stepId: step.id, ...p }),
  };
}

async function callWithRetry(
  ctx: RunContext,
  step: ToolStep,
  args: Record<string, unknown>,
  parent: string | undefined,
  batch: { index: number; count: number } | undefined,
  options: CallOptions = callOptions(ctx, step),
): Promise<ToolOutcome> {
  for (let attempt = 1; ; attempt++) {
    // Optional fields are set only when present (no spreads): this event is emitted on every call.
    const started: Extract<Parameters<RunContext['emit']>[0], { type: 'step-started' }> = { type: 'step-started', stepId: step.id, kind: 'tool', tool: step.tool, arguments: args, attempt };
    if (parent) started.parent = parent;
    if (batch) started.batch = batch;
    ctx.emit(started);
    const outcome = await callOnce(ctx, step, args, options);
    if (outcome.ok || !outcome.error) return outcome;
    const error = outcome.error;
    const rule = step.retry?.[error.code] ?? ctx.workflow.defaults?.retry?.[error.code];
    const retriable = error.code !== 'SERVER_EXITED' && error.code !== 'CANCELLED' && error.code !== 'MESSAGE_TOO_LARGE' && !ctx.signal?.aborted;
    const wait = retriable ? retryDelayMs(rule, attempt, error) : undefined;
    if (wait === undefined) {
      const why = rule && rule.strategy !== 'never' && retriable ? ` (gave up after ${attempt} attempts)` : '';
      return { ok: false, code: error.code, message: `${error.message}${why}` };
    }
    const maxAttempts = rule && 'maxAttempts' in rule ? (rule.maxAttempts ?? 3) : 3;
    ctx.emit({ type: 'retry-scheduled', stepId: step.id, code: error.code, attempt, maxAttempts, delayMs: wait, message: error.message });
    if (!(await delay(wait, ctx.signal))) return { ok: false, code: 'CANCELLED', message: 'the run was cancelled while waiting to retry' };
  }
}

async function callOnce(ctx: RunContext, step: ToolStep, args: Record<string, unknown>, options: CallOptions): Promise<ToolOutcome & { error?: StepError }> {
  let result;
  try {
    result = await ctx.connection.callTool(step.tool, args, options);
  } catch (error) {
    if (!(error instanceof McpConnectionError)) throw error;
    const message = error.code === 'TIMEOUT' ? `${step.tool} did not answer within ${options.timeoutMs} ms; the call was cancelled` : error.message;
    return { ok: false, error: { code: error.code, message } };
  }
  if (result.isError) return { ok: false, error: readToolError(result) };
  const validate = ctx.connection.outputValidator(step.tool);
  if (validate) {
    const problems = outputProblems(validate, result);
    if (problems.length > 0) {
      return { ok: false, result: resultValue(result), code: 'OUTPUT_SCHEMA_MISMATCH', message: `result does not match ${step.tool}'s outputSchema: ${problems.join('; ')}`, validation: problems };
    }
  }
  return { ok: true, result: resultValue(result) };
}
