// A workflow file as the conformance checker reads it: the tool steps in order, what each depends on (the
// steps its arguments take values from, and the step the file puts before it), and the parallel groups.
import { findReferences } from '../workflow/references';
import { isCheckpointStep, isParallelStep, isToolStep, type Step, type Workflow } from '../workflow/types';
import type { TracedCall } from './trace-facts';

/** One tool call the workflow asks for. */
export interface PlannedStep {
  id: string;
  tool: string;
  arguments: Record<string, unknown>;
  /** Steps whose results its arguments reference. */
  takesFrom: string[];
  /** The steps the file runs just before it (all of a parallel group). */
  after: string[];
  /** The parallel group it belongs to. */
  group?: string;
  /** A `when` or a `forEach` makes it conditional or repeated: it is not required, and any number of calls match it. */
  optional: boolean;
  repeated: boolean;
}

/** The workflow's tool steps in file order (rollback steps are not part of a good run). */
export function planOf(workflow: Workflow): PlannedStep[] {
  const out: PlannedStep[] = [];
  let previous: string[] = [];
  for (const step of workflow.steps) {
    const members = isParallelStep(step) ? step.parallel.map((s) => planned(s, previous, step.id, step.when !== undefined)) : [plannedOf(step, previous)];
    const present = members.filter((m): m is PlannedStep => m !== undefined);
    out.push(...present);
    if (present.length > 0) previous = present.map((m) => m.id);
  }
  return out;
}

function plannedOf(step: Step, previous: string[]): PlannedStep | undefined {
  if (isToolStep(step)) return planned(step, previous, undefined, false);
  if (isCheckpointStep(step) && step.checkpoint.tool) {
    return planned({ id: step.id, tool: step.checkpoint.tool, arguments: step.checkpoint.arguments ?? {}, ...(step.when !== undefined ? { when: step.when } : {}) }, previous, undefined, false);
  }
  return undefined;
}

function planned(step: { id: string; tool: string; arguments?: Record<string, unknown>; when?: unknown; forEach?: unknown }, previous: string[], group: string | undefined, conditionalGroup: boolean): PlannedStep {
  const args = step.arguments ?? {};
  return {
    id: step.id,
    tool: step.tool,
    arguments: args,
    takesFrom: stepsReferenced(args),
    after: previous,
    ...(group ? { group } : {}),
    optional: conditionalGroup || step.when !== undefined,
    repeated: step.forEach !== undefined,
  };
}

/** The ids of the steps `${steps.X…}` references in a template name, each once. */
export function stepsReferenced(template: unknown): string[] {
  const found = new Set<string>();
  const visit = (v: unknown): void => {
    if (typeof v === 'string') {
      try {
        for (const ref of findReferences(v)) if (ref.path[0] === 'steps' && typeof ref.path[1] === 'string') found.add(ref.path[1]);
      } catch {
        // A malformed reference is the static check's finding, not this one's.
      }
    } else if (Array.isArray(v)) v.forEach(visit);
    else if (v !== null && typeof v === 'object') Object.values(v).forEach(visit);
  };
  visit(template);
  return [...found];
}

/** The calls that ran a step: its first call and the retries of it, or every call of a repeated step. */
export interface StepRun {
  step: PlannedStep;
  calls: TracedCall[];
  /** The call whose result later steps take from: the last attempt. */
  final: TracedCall;
}

/** Matches each planned step to the first calls of its tool not taken by an earlier step. */
export function matchSteps(plan: readonly PlannedStep[], calls: readonly TracedCall[]): Map<string, StepRun> {
  const taken = new Set<TracedCall>();
  const runs = new Map<string, StepRun>();
  for (const step of plan) {
    const mine = calls.filter((c) => c.tool === step.tool && !taken.has(c));
    const first = mine[0];
    if (!first) continue;
    const attempts = step.repeated ? mine : [first, ...retriesOf(first, mine.slice(1))];
    for (const c of attempts) taken.add(c);
    runs.set(step.id, { step, calls: attempts, final: attempts[attempts.length - 1]! });
  }
  return runs;
}

/** The calls after `first` that repeat it (same arguments) while the one before failed. */
function retriesOf(first: TracedCall, rest: TracedCall[]): TracedCall[] {
  const out: TracedCall[] = [];
  let last = first;
  for (const c of rest) {
    if (!last.isError || !sameValue(c.arguments, first.arguments)) break;
    out.push(c);
    last = c;
  }
  return out;
}

/** Structural equality of JSON values. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
