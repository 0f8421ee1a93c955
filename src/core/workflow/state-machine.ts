// Drives a state-machine tool (the seed's Pattern 3: state in; state, completed, next_actions out) one
// state at a time. Each state's next_actions go to the caller, who returns that state's input; the input
// the workflow file gives for a state is offered as the suggestion, and used as-is when nobody is asking.
import type { RunContext } from './context';
import { resolveTemplate } from './references';
import { runToolStep, type ToolOutcome } from './tool-step';
import type { StateMachineStep } from './types';

interface MachineResult {
  state?: unknown;
  completed?: unknown;
  next_actions?: unknown;
  result?: unknown;
}

/** Runs the machine to `completed`, through the caller's choices; the step's result is the last answer plus the path taken. */
export async function runStateMachineStep(ctx: RunContext, step: StateMachineStep): Promise<ToolOutcome> {
  const spec = step.stateMachine;
  const started = Date.now();
  const base = resolveTemplate(spec.arguments ?? {}, ctx.scope) as Record<string, unknown>;
  const path: { state: string; input?: Record<string, unknown>; result?: unknown }[] = [];
  let args: Record<string, unknown> = { ...base };
  const limit = spec.maxTransitions ?? 50;
  const fail = (code: string, message: string): ToolOutcome => {
    ctx.emit({ type: 'step-failed', stepId: step.id, code, message, durationMs: Date.now() - started });
    return { ok: false, code, message, result: { path } };
  };
  for (let transition = 0; transition < limit; transition++) {
    // Each call is an internal tool step, so retries, timeouts, progress and outputSchema checks apply.
    const call = await runToolStep(ctx, { id: `${step.id}#${transition}`, tool: spec.tool, arguments: args, ...(spec.timeoutMs ? { timeoutMs: spec.timeoutMs } : {}) }, step.id);
    if (!call.ok) return fail(call.code ?? 'TOOL_ERROR', `${spec.tool} failed in state ${String(args['state'] ?? '(start)')}: ${call.message}`);
    const answer = (call.result ?? {}) as MachineResult;
    const state = String(answer.state ?? '');
    const nextActions = Array.isArray(answer.next_actions) ? answer.next_actions.map(String) : [];
    const completed = answer.completed === true;
    path.push({ state, result: answer.result });
    if (completed) {
      ctx.emit({ type: 'state-transition', stepId: step.id, state, completed, nextActions });
      const result = { state, completed, result: answer.result, path };
      ctx.emit({ type: 'step-done', stepId: step.id, outcome: 'done', result, durationMs: Date.now() - started });
      return { ok: true, result };
    }
    const suggested = spec.inputs?.[state] ? (resolveTemplate(spec.inputs[state], ctx.scope) as Record<string, unknown>) : undefined;
    const input = ctx.offerState ? await ctx.offerState({ stepId: step.id, state, nextActions, result: answer.result, suggestedInput: suggested }) : suggested;
    ctx.emit({ type: 'state-transition', stepId: step.id, state, completed, nextActions, ...(input ? { chosen: JSON.stringify(input) } : {}) });
    if (!input) return fail('NO_INPUT', `state "${state}" of ${spec.tool} needs input (${nextActions.join('; ')}), and none was given`);
    path[path.length - 1]!.input = input;
    args = { ...base, state, input };
  }
  return fail('TOO_MANY_TRANSITIONS', `${spec.tool} did not complete within ${limit} transitions`);
}
