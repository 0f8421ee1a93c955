// The run view's model: one workflow run as the timeline shows it, folded from the runner's events. Pure and
// immutable (no DOM, no vscode), so a live run, a replay of the same run's audit log and a test all reduce the
// same way: initialRunView(outline) then applyRunEvent for each event. eventsFromAuditLog turns a JSON Lines
// audit log (audit.ts) back into those events.
import type { StepOutline } from './outline';
import type { RunEvent, RunOutcome } from './events';
import { findReferences, formatPath, type PathSegment } from './references';

export type StepStatus = 'pending' | 'running' | 'waiting-for-approval' | 'done' | 'skipped' | 'failed' | 'retrying';
export type RunStatus = 'pending' | 'running' | RunOutcome;

/** A value a step's written arguments take from elsewhere: an earlier step's result, or an input. */
export type ArgumentReference =
  | { kind: 'step'; argument: string; stepId: string; field: string; expression: string }
  | { kind: 'input'; argument: string; input: string; expression: string };

export interface StepView {
  id: string;
  title?: string;
  kind: StepOutline['kind'];
  tool?: string;
  /** The parallel group this step is a lane of. */
  parent?: string;
  /** A step the workflow file's `steps` do not list (a rollback step). */
  extra?: boolean;
  when?: unknown;
  forEach?: unknown;
  status: StepStatus;
  /** The attempt of the latest call (1 for the first try). */
  attempts: number;
  durationMs?: number;
  /** The arguments of the latest call, references resolved. */
  arguments?: unknown;
  result?: unknown;
  error?: { code?: string; message: string };
  /** Failed `expect` checks (or output schema problems). */
  problems: string[];
  /** The latest progress of the call in flight (the server's notifications, or the runner's "batch n/m done"). */
  progress?: { progress: number; total?: number; message?: string };
  retry?: { code: string; attempt: number; maxAttempts: number; delayMs: number; at: string; message?: string };
  batch?: { index: number; count: number };
  references: ArgumentReference[];
  /** A parallel group's lanes (child ids), its wall time (durationMs) and the sum of its lanes' durations. */
  lanes?: string[];
  sumMs?: number;
  /** Calls made on this step's behalf that the file does not list as steps (a checkpoint's save call). */
  calls?: string[];
  /** An approval gate, or (with `confirm`) the one-click confirmation of a destructive tool step. */
  approval?: { summary: string; affected: unknown; reversible: boolean; confirm?: { tool: string; reason: string }; decision?: { approved: boolean; actor: string; reason?: string } };
  checkpoint?: { name: string; file: string };
  states?: { state: string; completed: boolean; nextActions: string[]; chosen?: string }[];
}

export interface RunView {
  workflowId?: string;
  runId?: string;
  server?: string;
  status: RunStatus;
  ok?: boolean;
  startedAt?: string;
  /** The time of the latest event. */
  lastEventAt?: string;
  durationMs?: number;
  message?: string;
  resumedFrom?: string;
  inputs?: Record<string, unknown>;
  /** Top-level step ids in the file's order (lanes are under their group), then steps the file does not list. */
  order: string[];
  steps: Record<string, StepView>;
  checkpoints: { stepId: string; name: string; file: string; at: string }[];
  /** The time the run's earlier parts took (a resumed run), which durationMs includes once this part ends. */
  earlierMs?: number;
  /** The rollback: automatic after `failedStep` failed, or asked for by `requestedBy` after the run ended. */
  rollback?: { failedStep: string; checkpoint?: string; requestedBy?: string; ok?: boolean; message?: string; steps: string[] };
}

/** Where references sit in written arguments: the argument path (`customer_id`, `state.backup_id`) of each. */
export function referencesOf(args: unknown): ArgumentReference[] {
  const out: ArgumentReference[] = [];
  const walk = (value: unknown, at: PathSegment[]): void => {
    if (typeof value === 'string') {
      let found;
      try {
        found = findReferences(value);
      } catch {
        return; // a malformed reference: the static check reports it, the view just shows the text
      }
      const argument = formatPath(at);
      for (const ref of found) {
        const [root, second, third] = ref.path;
        if (root === 'steps' && typeof second === 'string' && (third === 'result' || third === undefined)) {
          out.push({ kind: 'step', argument, stepId: second, field: formatPath(ref.path.slice(3)), expression: ref.expression });
        } else if (root === 'inputs' && typeof second === 'string') {
          out.push({ kind: 'input', argument, input: second, expression: ref.expression });
        }
      }
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => walk(v, [...at, i]));
    } else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(v, [...at, k]);
    }
  };
  walk(args, []);
  return out;
}

function stepOf(outline: StepOutline, parent?: string): StepView {
  const step: StepView = { id: outline.id, kind: outline.kind, status: 'pending', attempts: 0, problems: [], references: referencesOf(outline.arguments) };
  if (outline.title !== undefined) step.title = outline.title;
  if (outline.tool !== undefined) step.tool = outline.tool;
  if (parent !== undefined) step.parent = parent;
  if (outline.when !== undefined) step.when = outline.when;
  if (outline.forEach !== undefined) step.forEach = outline.forEach;
  if (outline.children) step.lanes = outline.children.map((c) => c.id);
  return step;
}

/** The timeline before any event: every step of the file pending, in order. */
export function initialRunView(outline: readonly StepOutline[]): RunView {
  const steps: Record<string, StepView> = {};
  for (const s of outline) {
    steps[s.id] = stepOf(s);
    for (const c of s.children ?? []) steps[c.id] = stepOf(c, s.id);
  }
  return { status: 'pending', order: outline.map((s) => s.id), steps, checkpoints: [] };
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

/** Sets the optional fields whose values are defined (an audit log's JSON has no `undefined`, so neither may the model). */
function defined<T extends object, F extends object>(target: T, fields: F): T & { [K in keyof F]?: Exclude<F[K], undefined> } {
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) (target as Record<string, unknown>)[k] = v;
  return target as T & { [K in keyof F]?: Exclude<F[K], undefined> };
}

/** The view with one step changed (created, for a step the outline does not list). */
function withStep(view: RunView, id: string, change: (step: StepView) => StepView, kind: StepView['kind'] = 'tool', parent?: string): RunView {
  const known = view.steps[id];
  let next: RunView = { ...view, steps: { ...view.steps } };
  let step = known;
  if (!step) {
    step = { id, kind, status: 'pending', attempts: 0, problems: [], references: [], extra: true };
    const owner = parent !== undefined ? next.steps[parent] : undefined;
    if (owner) {
      // A call made on a step's behalf (a checkpoint's server-side save, `saved#save`) is shown inside it.
      next.steps[parent!] = { ...owner, calls: [...(owner.calls ?? []), id] };
    } else {
      next.order = [...view.order, id];
    }
  }
  // A rollback step belongs to the rollback in progress, also when an earlier rollback of the run ran it already.
  const rollback = view.rollback;
  if (step.extra && step.parent === undefined && (known || parent === undefined || !view.steps[parent]) && rollback && rollback.ok === undefined && !rollback.steps.includes(id)) {
    next.rollback = { ...rollback, steps: [...rollback.steps, id] };
  }
  const changed = change({ ...step });
  for (const key of Object.keys(changed) as (keyof StepView)[]) if (changed[key] === undefined) delete changed[key];
  next.steps[id] = changed;
  const groupId = next.steps[id]!.parent;
  if (groupId && next.steps[groupId]?.lanes) {
    const group = next.steps[groupId]!;
    const durations = group.lanes!.map((l) => next.steps[l]?.durationMs).filter((d): d is number => d !== undefined);
    if (durations.length > 0) next = { ...next, steps: { ...next.steps, [groupId]: { ...group, sumMs: durations.reduce((a, b) => a + b, 0) } } };
  }
  return next;
}

/** The view after one more event. Events of another run are ignored. */
export function applyRunEvent(view: RunView, event: RunEvent): RunView {
  if (view.runId !== undefined && event.runId !== view.runId) return view;
  const base: RunView = { ...view, lastEventAt: event.time };
  if (base.runId === undefined) base.runId = event.runId;
  if (base.workflowId === undefined) base.workflowId = event.workflowId;
  switch (event.type) {
    case 'run-started': {
      // A resumed run continues the same timeline: what the earlier part ended with is no longer the outcome, and
      // the time it took counts towards the whole run's.
      const { ok: _ok, message: _message, durationMs: earlier, rollback: _rollback, ...rest } = base;
      return defined({ ...rest, status: 'running' as RunStatus, startedAt: base.startedAt ?? event.time }, { server: event.server, inputs: event.inputs, resumedFrom: event.resumedFrom, earlierMs: earlier });
    }
    case 'step-started':
      return withStep(base, event.stepId, (s) => {
        const attempt = num(event.attempt);
        return defined(
          { ...s, status: 'running' as StepStatus, retry: undefined, progress: undefined, attempts: attempt ?? Math.max(s.attempts, 1), tool: event.tool ?? s.tool, kind: s.extra ? event.kind : s.kind },
          { arguments: event.arguments, parent: event.parent, batch: event.batch ? { index: event.batch.index, count: event.batch.count } : undefined },
        );
      }, event.kind, str(event.parent));
    case 'progress':
      return withStep(base, event.stepId, (s) => ({ ...s, progress: defined({ progress: event.progress }, { total: num(event.total), message: str(event.message) }) }));
    case 'retry-scheduled':
      return withStep(base, event.stepId, (s) => ({
        ...s,
        status: 'retrying',
        retry: defined({ code: event.code, attempt: event.attempt, maxAttempts: event.maxAttempts, delayMs: event.delayMs, at: event.time }, { message: str(event.message) }),
      }));
    case 'waiting-for-approval':
      return withStep(base, event.stepId, (s) => {
        const confirm = event.confirm && typeof event.confirm.tool === 'string' ? { tool: event.confirm.tool, reason: String(event.confirm.reason ?? '') } : undefined;
        return { ...s, status: 'waiting-for-approval', approval: defined({ summary: event.summary, affected: event.affected, reversible: event.reversible === true }, { confirm }) };
      }, 'approval');
    case 'approved':
    case 'denied':
      return withStep(base, event.stepId, (s) => ({
        ...s,
        status: event.type === 'approved' ? 'running' : s.status,
        approval: { ...(s.approval ?? { summary: '', affected: [], reversible: false }), decision: defined({ approved: event.type === 'approved', actor: event.actor }, { reason: str(event.reason) }) },
      }), 'approval');
    case 'checkpoint-saved':
      return withStep({ ...base, checkpoints: [...base.checkpoints, { stepId: event.stepId, name: event.name, file: event.file, at: event.time }] }, event.stepId, (s) => ({ ...s, checkpoint: { name: event.name, file: event.file } }), 'checkpoint');
    case 'rollback-started':
      return { ...base, rollback: defined({ failedStep: event.stepId, steps: [] as string[] }, { checkpoint: str(event.checkpoint), requestedBy: str(event.requestedBy) }) };
    case 'rolled-back':
      return { ...base, rollback: defined({ ...(base.rollback ?? { failedStep: event.stepId, steps: [] }), ok: event.ok === true }, { checkpoint: str(event.checkpoint), message: str(event.message) }) };
    case 'state-transition':
      return withStep(base, event.stepId, (s) => ({ ...s, states: [...(s.states ?? []), defined({ state: event.state, completed: event.completed, nextActions: strings(event.nextActions) }, { chosen: str(event.chosen) })] }), 'stateMachine');
    case 'step-done':
      return withStep(base, event.stepId, (s) =>
        defined({ ...s, status: event.outcome === 'skipped' ? ('skipped' as StepStatus) : ('done' as StepStatus), retry: undefined, problems: strings(event.validation), durationMs: num(event.durationMs) }, { result: event.result }),
      );
    case 'step-failed':
      return withStep(base, event.stepId, (s) => ({
        ...s,
        status: 'failed',
        retry: undefined,
        error: defined({ message: event.message }, { code: str(event.code) }),
        problems: strings(event.validation),
        durationMs: num(event.durationMs),
      }));
    case 'run-done': {
      // A part that follows an ended one without a run-started of its own (a rollback asked for afterwards) adds to
      // the run's time as a resumed part does.
      const before = base.status !== 'pending' && base.status !== 'running' ? base.durationMs : base.earlierMs;
      const part = num(event.durationMs);
      return defined({ ...base, status: event.outcome as RunStatus, ok: event.ok === true }, { durationMs: part === undefined ? undefined : (before ?? 0) + part, message: str(event.message) });
    }
    default:
      return base;
  }
}

/** Folds a whole list of events. */
export function reduceRunEvents(view: RunView, events: readonly RunEvent[]): RunView {
  return events.reduce(applyRunEvent, view);
}

/** The events of a JSON Lines audit log (audit.ts's AuditEntry per line), in order; lines that are not entries are skipped. */
export function eventsFromAuditLog(text: string): RunEvent[] {
  const events: RunEvent[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let entry: unknown;
    try {
      entry = JSON.parse(line);
    } catch {
      continue; // a line cut short by a killed process
    }
    if (entry === null || typeof entry !== 'object') continue;
    const e = entry as { timestamp?: unknown; workflow_id?: unknown; run_id?: unknown; step?: unknown; action?: unknown; details?: unknown };
    if (typeof e.action !== 'string' || typeof e.run_id !== 'string' || typeof e.timestamp !== 'string') continue;
    const details = e.details !== null && typeof e.details === 'object' && !Array.isArray(e.details) ? (e.details as Record<string, unknown>) : {};
    events.push({ ...details, type: e.action, runId: e.run_id, workflowId: String(e.workflow_id ?? ''), time: e.timestamp, ...(typeof e.step === 'string' ? { stepId: e.step } : {}) } as RunEvent);
  }
  return events;
}
