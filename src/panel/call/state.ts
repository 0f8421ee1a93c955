// The panel's state and everything that changes it, as pure functions: a host message or a person's edit in,
// the next state out. The view renders a state; main.tsx wires the reducer to the page. Tests drive it without
// a DOM.
import { HostMessage, parseMessage, type CallOutcome, type PanelItem, type ValidationProblem } from '../../shared/panel-protocol';
import { buildForm, requiredProblems, setIn, stringForm, toArguments, valueOf, type FormValue, type ObjectNode, type Path } from './form-model';
import { expandTemplate, templateVariables } from './uri-template';

export type ServerState = Extract<HostMessage, { type: 'init' }>['serverState'];

export interface RunningCall {
  callId: string;
  started: boolean;
  progress?: { progress: number; total?: number; message?: string };
}

export interface State {
  ready: boolean;
  server: string;
  serverState: ServerState;
  item?: PanelItem;
  form?: ObjectNode;
  values: FormValue;
  raw: { on: boolean; text: string };
  /** Counts edits, so a validation answer is known to be about the latest values. */
  revision: number;
  validation: { requestId?: string; requestRevision?: number; answeredRevision?: number; problems: ValidationProblem[] };
  call?: RunningCall;
  result?: { durationMs: number; outcome: CallOutcome };
}

/** What the panel keeps in the webview's state (vscode.setState), so a hidden and restored panel keeps its form. */
export interface Saved {
  itemKey: string;
  values: FormValue;
  raw: { on: boolean; text: string };
}

export type Action =
  | { type: 'host'; message: HostMessage; restore?: Saved }
  | { type: 'edit'; path: Path; value: FormValue }
  | { type: 'toggleRaw' }
  | { type: 'rawText'; text: string }
  | { type: 'validateSent'; requestId: string; revision: number }
  | { type: 'callSent'; callId: string };

export const initialState: State = {
  ready: false,
  server: '',
  serverState: { state: 'stopped' },
  values: {},
  raw: { on: false, text: '{}' },
  revision: 0,
  validation: { problems: [] },
};

export const itemKey = (item: PanelItem): string => `${item.kind}:${item.name}:${item.kind === 'resource' ? (item.uriTemplate ?? item.uri) : ''}`;

/** The form of an item: the tool's input schema, the prompt's arguments, the template's variables. */
export function formOf(item: PanelItem): ObjectNode {
  if (item.kind === 'tool') return buildForm(item.inputSchema);
  if (item.kind === 'prompt') return stringForm(item.arguments);
  return stringForm(item.uriTemplate ? templateVariables(item.uriTemplate).map((v) => ({ name: v.name, required: v.required })) : []);
}

/** Parses what arrived from the host; an invalid message leaves the state as it was, with the reason. */
export function receive(state: State, raw: unknown, restore?: Saved): { state: State; dropped?: string } {
  const parsed = parseMessage(HostMessage, raw);
  if (!parsed.ok) return { state, dropped: parsed.why };
  return { state: reduce(state, { type: 'host', message: parsed.message, ...(restore ? { restore } : {}) }) };
}

export function reduce(state: State, action: Action): State {
  switch (action.type) {
    case 'host':
      return onHost(state, action.message, action.restore);
    case 'edit':
      if (!state.form) return state;
      return { ...state, values: setIn(state.values, action.path, action.value), revision: state.revision + 1 };
    case 'toggleRaw': {
      if (!state.form) return state;
      if (!state.raw.on) return { ...state, raw: { on: true, text: JSON.stringify(currentArgs(state).args, null, 2) } };
      const parsed = parseObject(state.raw.text);
      if (!parsed.ok) return state; // stays in raw mode until the JSON parses; the error is shown there
      return { ...state, raw: { ...state.raw, on: false }, values: valueOf(state.form, parsed.value), revision: state.revision + 1 };
    }
    case 'rawText':
      return { ...state, raw: { on: true, text: action.text }, revision: state.revision + 1 };
    case 'validateSent':
      return { ...state, validation: { ...state.validation, requestId: action.requestId, requestRevision: action.revision } };
    case 'callSent':
      return { ...state, call: { callId: action.callId, started: false } };
  }
}

function onHost(state: State, message: HostMessage, restore?: Saved): State {
  switch (message.type) {
    case 'init': {
      const form = formOf(message.item);
      const useSaved = restore && restore.itemKey === itemKey(message.item);
      const initial = message.item.kind === 'resource' ? undefined : message.initialArgs;
      return {
        ...initialState,
        ready: true,
        server: message.server,
        serverState: message.serverState,
        item: message.item,
        form,
        values: useSaved ? restore.values : valueOf(form, initial),
        raw: useSaved ? restore.raw : { on: false, text: '{}' },
        revision: state.revision + 1,
      };
    }
    case 'serverState':
      return { ...state, serverState: message.serverState };
    case 'validation':
      if (message.requestId !== state.validation.requestId) return state; // an answer to older arguments
      return { ...state, validation: { ...state.validation, answeredRevision: state.validation.requestRevision, problems: message.problems } };
    case 'callStarted':
      // A call the host started itself (a re-run from the history) is shown like one of ours.
      if (!state.call) return { ...state, call: { callId: message.callId, started: true }, result: undefined };
      if (state.call.callId !== message.callId) return state;
      return { ...state, call: { ...state.call, started: true } };
    case 'progress': {
      if (state.call?.callId !== message.callId) return state;
      const { progress, total, message: text } = message;
      return { ...state, call: { ...state.call, started: true, progress: { progress, ...(total !== undefined ? { total } : {}), ...(text !== undefined ? { message: text } : {}) } } };
    }
    case 'callDone':
      // A panel restored mid-call no longer knows its call id; it still shows the answer.
      if (state.call && state.call.callId !== message.callId) return state;
      return { ...state, call: undefined, result: { durationMs: message.durationMs, outcome: message.outcome } };
  }
}

function parseObject(text: string): { ok: true; value: Record<string, unknown> } | { ok: false; message: string } {
  try {
    const value = JSON.parse(text) as unknown;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return { ok: false, message: 'the arguments must be a JSON object' };
    return { ok: true, value: value as Record<string, unknown> };
  } catch (error) {
    return { ok: false, message: `JSON syntax error: ${(error as Error).message}` };
  }
}

/** The arguments the panel would send now, and the problems it finds itself (JSON syntax, empty required
 * prompt arguments and template variables). */
export function currentArgs(state: State): { args: Record<string, unknown>; local: ValidationProblem[] } {
  const item = state.item;
  if (!item || !state.form) return { args: {}, local: [] };
  let args: Record<string, unknown>;
  let local: ValidationProblem[] = [];
  if (state.raw.on) {
    const parsed = parseObject(state.raw.text);
    if (!parsed.ok) return { args: {}, local: [{ pointer: '', message: parsed.message }] };
    args = parsed.value;
  } else {
    ({ args, local } = toArguments(state.form, state.values));
  }
  if (item.kind === 'tool') return { args, local };
  local = [...local, ...requiredProblems(state.form, args)];
  if (item.kind === 'prompt') {
    for (const [k, v] of Object.entries(args)) if (typeof v !== 'string') local.push({ pointer: `/${k}`, message: 'must be string (prompt arguments are strings)' });
    return { args, local };
  }
  return { args: { uri: item.uriTemplate ? expandTemplate(item.uriTemplate, args) : item.uri }, local };
}

/** Whether the host checks the arguments (a tool's input schema, with ajv). */
export const hostValidates = (state: State): boolean => state.item?.kind === 'tool';

/** The host's answer is about older values (or has not come yet). */
export const validationPending = (state: State): boolean =>
  hostValidates(state) && state.validation.answeredRevision !== state.revision;

/** Every problem to show now: the local ones and, for a tool, the host's (when they are about these values). */
export function problemsOf(state: State): ValidationProblem[] {
  const { local } = currentArgs(state);
  return hostValidates(state) ? [...local, ...state.validation.problems] : local;
}

/** Why Call cannot run now, or undefined when it can. */
export function callBlocked(state: State): string | undefined {
  if (!state.ready || !state.item) return 'Waiting for the extension…';
  if (state.serverState.state !== 'running') return `The server is ${state.serverState.state}; start it to call.`;
  if (state.call) return 'A call is running.';
  const { local } = currentArgs(state);
  if (local.length > 0) return 'Fix the problems above to call.';
  if (validationPending(state)) return 'Checking the arguments…';
  if (hostValidates(state) && state.validation.problems.length > 0) return 'Fix the problems above to call.';
  return undefined;
}
