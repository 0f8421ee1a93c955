// A workflow's steps as the run view draws them before anything ran: the timeline's skeleton, with each
// step's arguments as written, so a `${steps.X…}` reference can be shown as coming from step X.
import { isApprovalStep, isCheckpointStep, isParallelStep, isStateMachineStep, isToolStep, type Step, type Workflow } from './types';

/** A step of the workflow as the file declares it. */
export interface StepOutline {
  id: string;
  title?: string;
  kind: 'tool' | 'parallel' | 'approval' | 'checkpoint' | 'stateMachine';
  tool?: string;
  /** The arguments as written, `${…}` references included. */
  arguments?: unknown;
  when?: unknown;
  forEach?: unknown;
  /** A parallel group's steps. */
  children?: StepOutline[];
}

/** The outline of every step, in file order (rollback steps are not part of the timeline until they run). */
export function outlineOf(workflow: Workflow): StepOutline[] {
  return workflow.steps.map(outlineOfStep);
}

function outlineOfStep(step: Step): StepOutline {
  const base = { id: step.id, ...(step.title ? { title: step.title } : {}), ...(step.when !== undefined ? { when: step.when } : {}) };
  if (isToolStep(step)) {
    return { ...base, kind: 'tool', tool: step.tool, ...(step.arguments ? { arguments: step.arguments } : {}), ...(step.forEach ? { forEach: step.forEach } : {}) };
  }
  if (isParallelStep(step)) return { ...base, kind: 'parallel', children: step.parallel.map(outlineOfStep) };
  if (isApprovalStep(step)) return { ...base, kind: 'approval' };
  if (isCheckpointStep(step)) return { ...base, kind: 'checkpoint', ...(step.checkpoint.tool ? { tool: step.checkpoint.tool } : {}), ...(step.checkpoint.arguments ? { arguments: step.checkpoint.arguments } : {}) };
  if (isStateMachineStep(step)) return { ...base, kind: 'stateMachine', tool: step.stateMachine.tool, ...(step.stateMachine.arguments ? { arguments: step.stateMachine.arguments } : {}) };
  return { ...base, kind: 'tool' };
}
