// The messages between the extension host and the "call" webview (call a tool, get a prompt, read a
// resource), typed and validated in one place. State flows host → webview; intents flow webview → host.
// Both sides parse what arrives with these schemas and drop (and log) anything else: a webview is a web page,
// and whatever it posts is untrusted input to the host.
import * as z from 'zod/mini';

// zod compiles object parsers with `new Function` when it can; a webview's CSP forbids eval (and reports the
// attempt as a violation), so both sides parse without it.
z.config({ jitless: true });

/** Any JSON value, bounded: at most 32 levels deep; no key that could reach an object's prototype. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_DEPTH = 32;

/** True for a plain JSON value within the bounds above (strings, numbers, booleans, null, arrays, objects). */
export function isSafeJson(value: unknown, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every((v) => isSafeJson(v, depth + 1));
  if (typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return false;
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) return false;
    if (!isSafeJson((value as Record<string, unknown>)[key], depth + 1)) return false;
  }
  // Object.keys skips a __proto__ own property made by JSON.parse on some engines; look for it directly.
  return !Object.prototype.hasOwnProperty.call(value, '__proto__');
}

const json = z.custom<unknown>((v) => isSafeJson(v), { message: 'not a plain JSON value' });
const args = z.custom<Record<string, unknown>>((v) => v !== null && typeof v === 'object' && !Array.isArray(v) && isSafeJson(v), { message: 'arguments must be a plain JSON object' });
const id = z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[A-Za-z0-9_.:-]+$/));
const text = (max: number) => z.string().check(z.maxLength(max));

/** The item a panel is about. */
export const PanelItem = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('tool'),
    name: text(256),
    title: z.optional(text(512)),
    description: z.optional(text(20_000)),
    inputSchema: json,
    outputSchema: z.optional(json),
    annotations: z.optional(json),
  }),
  z.object({
    kind: z.literal('prompt'),
    name: text(256),
    title: z.optional(text(512)),
    description: z.optional(text(20_000)),
    arguments: z.array(z.object({ name: text(256), description: z.optional(text(20_000)), required: z.optional(z.boolean()) })),
  }),
  z.object({
    kind: z.literal('resource'),
    name: text(256),
    uri: text(4096),
    /** A template's URI with {variables} to fill, when the item is a resource template. */
    uriTemplate: z.optional(text(4096)),
    description: z.optional(text(20_000)),
    mimeType: z.optional(text(256)),
  }),
]);
export type PanelItem = z.infer<typeof PanelItem>;

/** Where a value breaks a schema: a JSON Pointer into the arguments ('' is the whole object) and the message. */
export const ValidationProblem = z.object({ pointer: text(2048), message: text(2048) });
export type ValidationProblem = z.infer<typeof ValidationProblem>;

const ServerState = z.object({
  state: z.enum(['stopped', 'starting', 'running', 'failed']),
  reason: z.optional(text(4096)),
});

/** What a finished request gave back, as the host read it. */
export const CallOutcome = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('tool'),
    /** The result's content blocks as the server sent them (text, image, audio, resource_link, resource). */
    content: z.array(json),
    structuredContent: z.optional(json),
    isError: z.boolean(),
    /** For isError: the code read from the result (readToolError), e.g. RATE_LIMITED. */
    errorCode: z.optional(text(256)),
    /** 'none' when the tool declares no outputSchema (or the call failed). */
    outputCheck: z.object({ status: z.enum(['pass', 'fail', 'none']), problems: z.array(ValidationProblem) }),
  }),
  z.object({
    kind: z.literal('prompt'),
    description: z.optional(text(20_000)),
    messages: z.array(z.object({ role: text(32), content: json })),
  }),
  z.object({ kind: z.literal('resource'), contents: z.array(json) }),
  /** The request did not complete: the server failed, the connection broke, or it was cancelled. */
  z.object({ kind: z.literal('failure'), message: text(20_000), code: text(64) }),
]);
export type CallOutcome = z.infer<typeof CallOutcome>;

/** Host → webview. */
export const HostMessage = z.discriminatedUnion('type', [
  /** The panel's subject, the server it runs on, and arguments to start from (a re-run from the history). */
  z.object({ type: z.literal('init'), server: text(256), serverState: ServerState, item: PanelItem, initialArgs: z.optional(args) }),
  z.object({ type: z.literal('serverState'), serverState: ServerState }),
  /** The answer to a `validate` intent: the problems of those arguments against the item's input schema. */
  z.object({ type: z.literal('validation'), requestId: id, problems: z.array(ValidationProblem) }),
  z.object({ type: z.literal('callStarted'), callId: id }),
  z.object({ type: z.literal('progress'), callId: id, progress: z.number(), total: z.optional(z.number()), message: z.optional(text(4096)) }),
  z.object({ type: z.literal('callDone'), callId: id, durationMs: z.number(), outcome: CallOutcome }),
  /** Drive the item as a state machine (the Servers view's Drive State Machine on an open panel). */
  z.object({ type: z.literal('drive') }),
  /** The answer to `saveMachine`: written to `file`, cancelled in the save dialog, or failed (with why). */
  z.object({
    type: z.literal('machineSaved'),
    requestId: id,
    outcome: z.enum(['saved', 'cancelled', 'failed']),
    file: z.optional(text(4096)),
    message: z.optional(text(4096)),
  }),
]);
export type HostMessage = z.infer<typeof HostMessage>;

/** A state a state-machine session went through, with the input sent from it (none for the last). */
const MachineVisit = z.strictObject({ state: text(256), input: z.optional(args) });

/** Webview → host. */
export const WebviewMessage = z.discriminatedUnion('type', [
  /** The page has loaded and listens: the host answers with `init`. */
  z.strictObject({ type: z.literal('ready') }),
  /** Check these arguments against the input schema (as the person types). */
  z.strictObject({ type: z.literal('validate'), requestId: id, args }),
  /** Run the tool / get the prompt / read the resource with these arguments (for a resource: `uri`). */
  z.strictObject({ type: z.literal('call'), callId: id, args }),
  /** Cancel a call in flight (MCP notifications/cancelled). */
  z.strictObject({ type: z.literal('cancel'), callId: id }),
  /** Start the panel's server (offered when it is not running). */
  z.strictObject({ type: z.literal('startServer') }),
  /** Copy these arguments as a workflow step to the clipboard. */
  z.strictObject({ type: z.literal('copyAsStep'), args }),
  /** Save a state-machine session (begun with Start) as a workflow file; the host asks where. */
  z.strictObject({ type: z.literal('saveMachine'), requestId: id, baseArgs: args, visits: z.array(MachineVisit).check(z.minLength(1), z.maxLength(1000)), completed: z.boolean() }),
]);
export type WebviewMessage = z.infer<typeof WebviewMessage>;

/** The largest message either side accepts, as JSON text (a huge payload is dropped before parsing it). */
export const MAX_MESSAGE_CHARS = 1_000_000;

/** Parses one message against a schema; undefined (and why) for anything else. */
export function parseMessage<T>(schema: z.ZodMiniType<T>, raw: unknown): { ok: true; message: T } | { ok: false; why: string } {
  let size: number;
  try {
    size = JSON.stringify(raw)?.length ?? 0;
  } catch {
    return { ok: false, why: 'not serialisable as JSON' };
  }
  if (size > MAX_MESSAGE_CHARS) return { ok: false, why: `too large (${size} characters, at most ${MAX_MESSAGE_CHARS})` };
  // Messages cross as JSON: anything with another prototype, a function, a NaN or a pollution key was not sent by a page.
  if (!isSafeJson(raw)) return { ok: false, why: 'not a plain JSON message (a prototype, a non-finite number, a forbidden key, or too deep)' };
  const parsed = z.safeParse(schema, raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return { ok: false, why: first ? `${first.path.join('.') || '(message)'}: ${first.message}` : 'invalid' };
  }
  return { ok: true, message: parsed.data };
}
