// The panel's state and everything that changes it, as pure functions: a host message or a person's edit in,
// the next state out. The view renders a state; main.tsx wires the reducer to the page. Tests drive it without
// a DOM.
import { HostMessage, parseMessage, type CallOutcome, type PanelItem, type ValidationProblem } from '../../shared/panel-protocol';
import { buildForm, parseObject, requiredProblems, setIn, stringForm, toArguments, valueOf, type FormValue, type ObjectNode, type Path } from './form-model';
import { chooseAction, editInput, machineDone, machineFor, machineRefused, machineSent, noticeAnswer, toggleInputRaw, type MachineView, type PendingMachineCall } from './machine-state';
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
  /** A state-machine tool's session (machine-state.ts); undefined for any other item. */
  machine?: MachineView;
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
  | { type: 'callSent'; callId: string }
  | MachineAction;

/** What the state-machine section does: Start/Next sent, single calls or driving, a next action chosen, the input edited, Save. */
export type MachineAction =
  | { type: 'machineSent'; pending: PendingMachineCall }
  | { type: 'machineToggle' }
  | { type: 'machineChoose'; index: number }
  | { type: 'machineEdit'; path: Path; value: FormValue }
  | { type: 'machineToggleRaw' }
  | { type: 'machineRawText'; text: string }
  | { type: 'machineSaveSent'; requestId: string }
  | { type: 'machineSaveRefused'; message: string };

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
    case 'machineSent':
      if (!state.machine) return state;
      return { ...state, call: { callId: action.pending.callId, started: false }, machine: machineSent(state.machine, action.pending) };
    default:
      return state.machine ? { ...state, machine: reduceMachine(state.machine, state.item, action) } : state;
  }
}

function reduceMachine(m: MachineView, item: PanelItem | undefined, action: MachineAction): MachineView {
  switch (action.type) {
    case 'machineSent':
      return machineSent(m, action.pending);
    case 'machineToggle':
      return { ...m, on: !m.on };
    case 'machineChoose':
      return chooseAction(m, item, action.index);
    case 'machineEdit':
      return editInput(m, action.path, action.value);
    case 'machineToggleRaw':
      return toggleInputRaw(m);
    case 'machineRawText':
      return { ...m, raw: { on: true, text: action.text } };
    case 'machineSaveSent':
      return { ...m, save: { requestId: action.requestId, status: 'saving' } };
    case 'machineSaveRefused':
      return { ...m, save: { requestId: '', status: 'failed', message: action.message } };
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
        machine: sameItem(state, message.item) && state.machine ? state.machine : machineFor(message.item),
      };
    }
    case 'serverState':
      return { ...state, serverState: message.serverState };
    case 'validation':
      if (state.call && message.requestId === refusalId(state.call.callId)) return refused(state, message.problems);
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
      return { ...state, call: undefined, result: { durationMs: message.durationMs, outcome: message.outcome }, machine: settleMachine(state, message.callId, message.outcome) };
    case 'drive':
      return state.machine ? { ...state, machine: { ...state.machine, on: true } } : state;
    case 'machineSaved': {
      const m = state.machine;
      if (m?.save?.requestId !== message.requestId) return state;
      return { ...state, machine: { ...m, save: { requestId: message.requestId, status: message.outcome, ...(message.file ? { file: message.file } : {}), ...(message.message ? { message: message.message } : {}) } } };
    }
  }
}

/** The id of the validation the host sends instead of calling, when it refuses a call's arguments (call-panel.ts). */
export const refusalId = (callId: string): string => `call-${callId}`.slice(0, 64);

function refused(state: State, problems: ValidationProblem[]): State {
  const machine = state.machine?.pending ? machineRefused(state.machine, problems) : state.machine;
  return { ...state, call: undefined, machine, validation: { ...state.validation, problems } };
}

function settleMachine(state: State, callId: string, outcome: CallOutcome): MachineView | undefined {
  if (state.machine?.pending?.callId === callId) return machineDone(state.machine, state.item, outcome);
  return noticeAnswer(state.machine, outcome);
}

/** The same item again (a re-sent init once the server lists it, a history re-open): the session is kept. */
function sameItem(state: State, item: PanelItem): boolean {
  return state.item !== undefined && itemKey(state.item) === itemKey(item);
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
