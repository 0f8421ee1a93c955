// What every step executor shares during one run: the connection, the scope references resolve in, the
// event emitter and the caller's callbacks. Kept apart from runner.ts so the step executors stay small.
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import type { McpConnection } from '../mcp/client';
import type { StepState } from './checkpoints';
import type { RunEvent } from './events';
import type { Workflow } from './types';

/** What the approver is asked. */
export interface ApprovalRequest {
  stepId: string;
  summary: string;
  affected: unknown;
  reversible: boolean;
  /** Set when this is the one-click confirmation of a destructive tool step rather than an approval step. */
  confirm?: { tool: string; reason: string };
}

/** The approver's answer; `actor` names who decided (written to the audit log). */
export interface ApprovalDecision {
  approved: boolean;
  actor: string;
  reason?: string;
}

/** A state of a state-machine tool, offered to the caller, who returns the input for it (or stops). */
export interface StateOffer {
  stepId: string;
  state: string;
  nextActions: string[];
  result: unknown;
  /** The input the workflow file gives for this state, if any. */
  suggestedInput: Record<string, unknown> | undefined;
}

/** Distributes a run event without its common fields, which the context fills in. */
export type EmitFn = (event: DistributiveOmit<RunEvent, 'runId' | 'workflowId' | 'time'>) => void;
type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

/** The shared state of one run. */
export interface RunContext {
  runId: string;
  workflow: Workflow;
  connection: McpConnection;
  emit: EmitFn;
  /** `${inputs}`, `${steps}`, `${checkpoint}`, `${run}`: what references resolve against. */
  scope: { inputs: Record<string, unknown>; steps: Record<string, StepState>; checkpoint?: { name: string }; run: { id: string } };
  signal: AbortSignal | undefined;
  approve: (request: ApprovalRequest) => Promise<ApprovalDecision>;
  offerState: ((offer: StateOffer) => Promise<Record<string, unknown> | undefined>) | undefined;
  /** Asked before the first call of a destructive tool that no approval precedes (destructive.ts); absent: never asked. */
  confirm?: (request: ApprovalRequest) => Promise<ApprovalDecision>;
  /** The server's tools by name, whose annotations say which are destructive. */
  tools?: ReadonlyMap<string, Tool>;
}

/** Waits `ms`, or resolves false at once when the run is aborted. */
export function delay(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
