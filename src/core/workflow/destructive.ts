// The one-click confirmation before a destructive tool. The MCP spec reads a tool's annotations as hints:
// destructiveHint defaults to true and means something only when readOnlyHint is false, so a tool with no
// annotations at all may destroy. Where a person runs the workflow (the editor's run view), such a tool is
// confirmed first, unless an approval step already ran in this run or the step says "confirm": false.
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import type { RunContext } from './context';
import { isApprovalStep, type ToolStep } from './types';

/** Why the spec treats `tool` as destructive, or undefined when it does not (read-only, or destructiveHint false). */
export function destructiveReason(tool: Pick<Tool, 'annotations'>): string | undefined {
  const a = tool.annotations;
  if (!a) return 'it has no annotations, which the MCP spec treats as destructive';
  if (a.readOnlyHint === true) return undefined;
  if (a.destructiveHint === false) return undefined;
  return a.destructiveHint === true ? 'its annotations mark it destructive (destructiveHint)' : 'its annotations do not say destructiveHint: false, which the MCP spec then takes as destructive';
}

/** Whether an approval step of this workflow was approved earlier in this run (or in the run it resumes). */
function approvedBefore(ctx: RunContext): boolean {
  return ctx.workflow.steps.some((step) => {
    if (!isApprovalStep(step)) return false;
    const result = ctx.scope.steps[step.id]?.result as { approved?: unknown } | undefined;
    return result?.approved === true;
  });
}

/** The reason to confirm `step` before its first call, or undefined when it runs without asking. */
export function confirmationNeeded(ctx: RunContext, step: ToolStep): string | undefined {
  if (!ctx.confirm || step.confirm === false) return undefined;
  const tool = ctx.tools?.get(step.tool);
  // A tool the server does not list fails on its own; asking first would only delay the real error.
  if (!tool) return undefined;
  const reason = destructiveReason(tool);
  if (!reason || approvedBefore(ctx)) return undefined;
  return reason;
}
