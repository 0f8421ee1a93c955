// The messages between the extension host and the "run" webview (a workflow run's live timeline), typed and
// validated in one place, as panel-protocol.ts does for the call panel. The host runs the workflow with the
// core runner and forwards its events unchanged; the webview only renders them and posts intents back.
import * as z from 'zod/mini';
import type { RunEvent } from '../core/workflow/events';
import type { StepOutline } from '../core/workflow/outline';
import { isSafeJson } from './panel-protocol';

export type { StepOutline };

const json = z.custom<unknown>((v) => isSafeJson(v), { message: 'not a plain JSON value' });
const text = (max: number) => z.string().check(z.maxLength(max));
const stepId = text(256);

const StepOutlineSchema: z.ZodMiniType<StepOutline> = z.object({
  id: stepId,
  title: z.optional(text(512)),
  kind: z.enum(['tool', 'parallel', 'approval', 'checkpoint', 'stateMachine']),
  tool: z.optional(text(256)),
  arguments: z.optional(json),
  when: z.optional(json),
  forEach: z.optional(json),
  children: z.optional(z.array(z.lazy(() => StepOutlineSchema))),
});

/** The runner's event types (core/workflow/events.ts); the webview's reducer reads each one's own fields. */
/** Every RunEvent type, once; the compiler refuses this object when core/workflow/events.ts gains or loses one. */
const EVENT_TYPES = {
  'run-started': true,
  'step-started': true,
  progress: true,
  'retry-scheduled': true,
  'waiting-for-approval': true,
  approved: true,
  denied: true,
  'checkpoint-saved': true,
  'rollback-started': true,
  'rolled-back': true,
  'state-transition': true,
  'step-done': true,
  'step-failed': true,
  'run-done': true,
} as const satisfies Record<RunEvent['type'], true>;
export const RUN_EVENT_TYPES = Object.keys(EVENT_TYPES) as RunEvent['type'][];

/** A run event as it crosses the boundary: its type, run and time checked, the rest plain JSON. */
const RunEventSchema = z.custom<RunEvent>(
  (v) =>
    v !== null &&
    typeof v === 'object' &&
    !Array.isArray(v) &&
    (RUN_EVENT_TYPES as readonly string[]).includes((v as { type?: unknown }).type as string) &&
    typeof (v as { runId?: unknown }).runId === 'string' &&
    typeof (v as { time?: unknown }).time === 'string' &&
    isSafeJson(v),
  { message: 'not a run event' },
);

/** Host → webview. */
export const RunHostMessage = z.discriminatedUnion('type', [
  /** The workflow, and whether this is a live run (controls shown) or one replayed from its audit log. */
  z.object({
    type: z.literal('init'),
    /** `rollback`: the workflow has rollback steps, so a checkpoint of a finished run can be rolled back to. */
    workflow: z.object({ id: text(256), file: text(4096), server: text(256), steps: z.array(StepOutlineSchema), rollback: z.optional(z.boolean()) }),
    runId: text(128),
    live: z.boolean(),
  }),
  /** Events in the order the runner emitted them (a replay sends them all at once). */
  z.object({ type: z.literal('events'), events: z.array(RunEventSchema) }),
]);
export type RunHostMessage = z.infer<typeof RunHostMessage>;

/** Webview → host. */
export const RunWebviewMessage = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ready') }),
  /** Approve or deny the gate that is waiting. */
  z.strictObject({ type: z.literal('decide'), stepId, approve: z.boolean() }),
  /** Cancel the run (MCP cancellation of the call in flight, then a clean end). */
  z.strictObject({ type: z.literal('cancel') }),
  /** Run the same workflow again in a new tab. */
  z.strictObject({ type: z.literal('rerun') }),
  /** Open the run's JSON Lines audit log. */
  z.strictObject({ type: z.literal('openAudit') }),
  /** Continue a finished run from its last checkpoint, in this tab. */
  z.strictObject({ type: z.literal('resume') }),
  /** Run the workflow's rollback steps back to the named checkpoint of this (finished) run, in this tab. */
  z.strictObject({ type: z.literal('rollback'), checkpoint: text(256) }),
]);
export type RunWebviewMessage = z.infer<typeof RunWebviewMessage>;

