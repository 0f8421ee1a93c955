// The workflow file's shape as TypeScript types. schemas/workflow.schema.json is the source of truth for
// what a file may contain; these types mirror it so the loader can hand the runner checked, typed data.

/** A value in a workflow file that may contain `${...}` references (see references.ts). */
export type Template = unknown;

/** One declared input of a workflow. */
export interface WorkflowInput {
  type?: 'string' | 'number' | 'integer' | 'boolean';
  description?: string;
  default?: unknown;
  /** A password input is asked for without echo and never written to a log or a checkpoint. */
  password?: boolean;
}

/** How one error code is retried. */
export type RetryRule =
  | { strategy: 'retry_after'; maxAttempts?: number; defaultSeconds?: number }
  | { strategy: 'exponential'; maxAttempts?: number; baseDelayMs?: number }
  | { strategy: 'never' };

/** A condition: a reference whose truthiness decides, or a value compared with one operator. */
export type Condition = string | Comparison;

/** A value compared with one operator; used by `when` and (with `path`) by `expect`. */
export interface Comparison {
  value?: Template;
  path?: string;
  equals?: unknown;
  notEquals?: unknown;
  greaterThan?: number;
  lessThan?: number;
  exists?: boolean;
  matches?: string;
  minLength?: number;
  message?: string;
}

/** Fields every step kind has. */
export interface StepBase {
  id: string;
  title?: string;
  when?: Condition;
}

/** A tool call, optionally repeated over a list in batches. */
export interface ToolStep extends StepBase {
  tool: string;
  arguments?: Record<string, Template>;
  timeoutMs?: number;
  retry?: Record<string, RetryRule>;
  expect?: Comparison[];
  /** `batchSize` is a count, or a reference resolving to one (an input). */
  forEach?: { items: Template; batchSize?: number | string };
  onError?: 'fail' | 'continue' | 'rollback';
  /** false: no one-click confirmation before a destructive tool that no approval step precedes (destructive.ts). */
  confirm?: boolean;
}

/** Steps that run at the same time; none may reference another in the same group. */
export interface ParallelStep extends StepBase {
  parallel: ToolStep[];
}

/** A human gate: the run stops unless the approval callback says yes. */
export interface ApprovalStep extends StepBase {
  approval: { summary: string; affected?: Template; reversible: boolean };
}

/** Saves the run so far, so a failure after it can roll back to it and an interrupted run can resume from it. */
export interface CheckpointStep extends StepBase {
  checkpoint: { name: string; tool?: string; arguments?: Record<string, Template> };
}

/** Drives a state-machine tool one state at a time, offering its next_actions to the caller. */
export interface StateMachineStep extends StepBase {
  stateMachine: {
    tool: string;
    arguments?: Record<string, Template>;
    inputs?: Record<string, Record<string, Template>>;
    maxTransitions?: number;
    timeoutMs?: number;
  };
}

export type Step = ToolStep | ParallelStep | ApprovalStep | CheckpointStep | StateMachineStep;

/** A loaded workflow file. */
export interface Workflow {
  id: string;
  title?: string;
  description?: string;
  server: string;
  inputs?: Record<string, WorkflowInput>;
  defaults?: { timeoutMs?: number; retry?: Record<string, RetryRule> };
  steps: Step[];
  /** Steps run when a step with `onError: "rollback"` fails; they may reference `${checkpoint.name}`. */
  rollback?: ToolStep[];
}

export function isToolStep(step: Step): step is ToolStep {
  return 'tool' in step;
}
export function isParallelStep(step: Step): step is ParallelStep {
  return 'parallel' in step;
}
export function isApprovalStep(step: Step): step is ApprovalStep {
  return 'approval' in step;
}
export function isCheckpointStep(step: Step): step is CheckpointStep {
  return 'checkpoint' in step;
}
export function isStateMachineStep(step: Step): step is StateMachineStep {
  return 'stateMachine' in step;
}
