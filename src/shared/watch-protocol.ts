// The messages between the extension host and the "watch" webview (a watched server's session, live), typed and
// validated on both sides as run-protocol.ts does for the run view. The host follows the trace file and posts the
// whole view model (core/proxy/watch-model.ts) each time it grows; the page posts intents back.
import * as z from 'zod/mini';
import type { CarriedId, WatchCall, WatchFinding, WatchView } from '../core/proxy/watch-model';

const text = (max: number) => z.string().check(z.maxLength(max));
const line = z.number().check(z.int(), z.minimum(0));

const FindingSchema: z.ZodMiniType<WatchFinding> = z.strictObject({
  line,
  severity: z.enum(['error', 'warning', 'hint']),
  ruleId: text(64),
  message: text(2000),
  expected: z.optional(text(256)),
});

const CarriedSchema: z.ZodMiniType<CarriedId> = z.strictObject({ argument: text(256), value: text(256), fromCall: text(300), field: text(512) });

const CallSchema: z.ZodMiniType<WatchCall> = z.strictObject({
  id: text(300),
  tool: text(256),
  arguments: text(256),
  requestLine: line,
  responseLine: z.optional(line),
  status: z.enum(['pending', 'ok', 'error']),
  errorCode: z.optional(text(128)),
  summary: z.optional(text(256)),
  conforming: z.boolean(),
  findings: z.array(FindingSchema).check(z.maxLength(100)),
  carried: z.array(CarriedSchema).check(z.maxLength(20)),
});

const ViewSchema: z.ZodMiniType<WatchView> = z.strictObject({
  server: z.optional(text(256)),
  against: text(4096),
  calls: z.array(CallSchema).check(z.maxLength(2000)),
  other: z.array(FindingSchema).check(z.maxLength(500)),
  counts: z.strictObject({ errors: line, warnings: line, hints: line }),
  lines: line,
});

/** Host → webview. */
export const WatchHostMessage = z.discriminatedUnion('type', [
  /** The session so far: which server, which trace file, and the calls; sent again whole when the trace grows. */
  z.strictObject({ type: z.literal('state'), server: text(256), traceFile: text(4096), exists: z.boolean(), view: ViewSchema }),
  /** The answer to `save`: the file written, or that the person cancelled, or why nothing was written. */
  z.strictObject({ type: z.literal('saved'), outcome: z.enum(['saved', 'cancelled', 'failed']), file: z.optional(text(4096)), message: z.optional(text(2000)) }),
]);
export type WatchHostMessage = z.infer<typeof WatchHostMessage>;

/** Webview → host. */
export const WatchWebviewMessage = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ready') }),
  /** Write the session as a workflow file (record-to-workflow), through a save dialog. */
  z.strictObject({ type: z.literal('save') }),
  /** Pick the workflow file the calls are checked against (a quick pick of the workspace's), or clear it. */
  z.strictObject({ type: z.literal('chooseWorkflow') }),
  /** Open the trace file in an editor. */
  z.strictObject({ type: z.literal('openTrace') }),
]);
export type WatchWebviewMessage = z.infer<typeof WatchWebviewMessage>;
