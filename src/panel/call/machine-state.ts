// Driving a state-machine tool by hand, as pure functions like state.ts: Start calls without `state`, each
// answer becomes a visit on the path, its next_actions are offered, and Next sends `{...base, state, input}`
// with the input typed into a form made for that state. A failed Next keeps the state, so it can be retried.
import { hasMachineOutput, inputHints, readMachineAnswer, type MachineAnswer } from '../../core/workflow/machine-shape';
import type { CallOutcome, PanelItem } from '../../shared/panel-protocol';
import { buildForm, parseObject, setIn, toArguments, valueOf, type FieldNode, type FormValue, type ObjectNode, type Path } from './form-model';

/** One state the session reached, with the input sent from it once it was accepted. */
export interface Visit extends MachineAnswer {
  input?: Record<string, unknown>;
}

/** The machine call in flight: Start (no state) or Next from `state`. */
export interface PendingMachineCall {
  callId: string;
  baseArgs: Record<string, unknown>;
  state?: string;
  input?: Record<string, unknown>;
}

export interface MachineView {
  /** Driving the machine (Start/Next), or single calls with the whole arguments form. */
  on: boolean;
  /** The arguments of the Start the path began with (every Next sends them again). */
  baseArgs?: Record<string, unknown>;
  visits: Visit[];
  pending?: PendingMachineCall;
  /** Why the last Start or Next failed; the state stays, so Next can be retried. */
  error?: { code: string; message: string };
  /** The next_actions entry chosen (its input keys make the form); undefined: all of them. */
  chosen?: number;
  form: ObjectNode;
  values: FormValue;
  raw: { on: boolean; text: string };
  save?: { requestId: string; status: 'saving' | 'saved' | 'cancelled' | 'failed'; file?: string; message?: string };
}

/** The arguments a machine call owns; every other one is a base argument. */
export const MACHINE_KEYS = ['state', 'input'];

const emptyForm: ObjectNode = { kind: 'object', key: '', label: '', required: true, nullable: false, fields: [] };

function fresh(on: boolean): MachineView {
  return { on, visits: [], form: emptyForm, values: {}, raw: { on: false, text: '{}' } };
}

/** The machine view of a panel's item: driving from the start when its outputSchema is a state machine's. */
export function machineFor(item: PanelItem): MachineView | undefined {
  return item.kind === 'tool' && hasMachineOutput(item.outputSchema) ? fresh(true) : undefined;
}

/** The answer a tool outcome carries: its structuredContent, or the JSON of its first text block. */
export function answerOf(outcome: CallOutcome): MachineAnswer | undefined {
  if (outcome.kind !== 'tool' || outcome.isError) return undefined;
  if (outcome.structuredContent !== undefined) return readMachineAnswer(outcome.structuredContent);
  const first = outcome.content[0] as { type?: unknown; text?: unknown } | undefined;
  if (first?.type !== 'text' || typeof first.text !== 'string') return undefined;
  try {
    return readMachineAnswer(JSON.parse(first.text));
  } catch {
    return undefined;
  }
}

/** A single call's outcome: a machine answer offers driving (a view that is off until the person turns it on). */
export function noticeAnswer(machine: MachineView | undefined, outcome: CallOutcome): MachineView | undefined {
  return machine ?? (answerOf(outcome) ? fresh(false) : undefined);
}

export const currentVisit = (m: MachineView): Visit | undefined => m.visits.at(-1);
export const isCompleted = (m: MachineView): boolean => currentVisit(m)?.completed === true;

/** The form for the next input: the answer's own input schema, the tool's `input` property, or the keys next_actions name. */
export function inputFormFor(item: PanelItem | undefined, answer: MachineAnswer | undefined, chosen: number | undefined): ObjectNode {
  if (answer?.inputSchema) return buildForm(answer.inputSchema);
  const declared = item?.kind === 'tool' ? buildForm(item.inputSchema).fields.find((f) => f.key === 'input') : undefined;
  if (declared?.kind === 'object') return { ...declared, key: '', label: '', required: true };
  const actions = answer ? (chosen !== undefined ? answer.nextActions.slice(chosen, chosen + 1) : answer.nextActions) : [];
  const fields: FieldNode[] = [];
  for (const hint of actions.flatMap(inputHints)) {
    if (fields.some((f) => f.key === hint.key)) continue;
    const base = { key: hint.key, label: hint.key, required: false, nullable: false };
    fields.push(hint.options ? { ...base, kind: 'enum', options: hint.options } : { ...base, kind: 'string', inputType: 'text', multiline: false });
  }
  return { ...emptyForm, fields };
}

/** The input the form (or the raw JSON) makes now, and what keeps it from being sent. */
export function machineInput(m: MachineView): { input: Record<string, unknown>; problem?: string } {
  if (!m.raw.on) return { input: toArguments(m.form, m.values).args };
  const parsed = parseObject(m.raw.text, 'the input');
  return parsed.ok ? { input: parsed.value } : { input: {}, problem: parsed.message };
}

/** The arguments of Next: the session's base arguments, the current state and the input. */
export function nextArgs(m: MachineView): Record<string, unknown> {
  const visit = currentVisit(m);
  return { ...(m.baseArgs ?? {}), ...(visit ? { state: visit.state } : {}), input: machineInput(m).input };
}

/** The base arguments of a Start: the panel's arguments without the machine's own. */
export function startArgs(args: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(args).filter(([k]) => !MACHINE_KEYS.includes(k)));
}

/** The view once a machine call is sent. */
export function machineSent(m: MachineView, pending: PendingMachineCall): MachineView {
  return { ...m, pending, error: undefined };
}

/** The view once the machine call in flight answered: a new visit, or the error (the state kept). */
export function machineDone(m: MachineView, item: PanelItem | undefined, outcome: CallOutcome): MachineView {
  const pending = m.pending;
  if (!pending) return m;
  const settled = { ...m, pending: undefined };
  const error = errorOf(outcome);
  if (error) return { ...settled, error };
  const answer = answerOf(outcome);
  if (!answer) return { ...settled, error: { code: 'NOT_A_STATE_MACHINE', message: 'the answer has no state, completed and next_actions' } };
  const visits = pending.state === undefined ? [answer] : [...m.visits.slice(0, -1), { ...m.visits.at(-1)!, input: pending.input ?? {} }, answer];
  const form = inputFormFor(item, answer, undefined);
  return { ...settled, visits, baseArgs: pending.state === undefined ? pending.baseArgs : m.baseArgs, chosen: undefined, form, values: valueOf(form), raw: { on: false, text: '{}' }, save: undefined };
}

function errorOf(outcome: CallOutcome): MachineView['error'] {
  if (outcome.kind === 'failure') return { code: outcome.code, message: outcome.message };
  if (outcome.kind !== 'tool' || !outcome.isError) return undefined;
  const first = outcome.content[0] as { type?: unknown; text?: unknown } | undefined;
  const text = first?.type === 'text' && typeof first.text === 'string' ? first.text : 'the tool answered with an error';
  const code = outcome.errorCode ?? 'TOOL_ERROR';
  // Tools write "CODE: message" (the seed's convention); the code is shown once, beside it.
  return { code, message: text.startsWith(`${code}: `) ? text.slice(code.length + 2) : text };
}

/** The host refused the arguments before calling (its validator): the call ends with those problems. */
export function machineRefused(m: MachineView, problems: { pointer: string; message: string }[]): MachineView {
  if (!m.pending) return m;
  const message = problems.map((p) => `${p.pointer || '/'} ${p.message}`).join('; ');
  return { ...m, pending: undefined, error: { code: 'INVALID_ARGUMENTS', message } };
}

/**
 * A next_actions entry clicked: chosen (its keys make the form, what was typed kept); clicked again, unchosen.
 * An action that is itself one of a select's options (`["approve", "reject"]` beside `decision: enum`) picks it.
 */
export function chooseAction(m: MachineView, item: PanelItem | undefined, index: number): MachineView {
  const chosen = m.chosen === index ? undefined : index;
  const form = inputFormFor(item, currentVisit(m), chosen);
  const typed = toArguments(m.form, m.values).args;
  const action = chosen !== undefined ? currentVisit(m)?.nextActions[chosen] : undefined;
  const picked = form.fields.find((f) => f.kind === 'enum' && f.options.includes(action));
  return { ...m, chosen, form, values: valueOf(form, picked ? { ...typed, [picked.key]: action } : typed) };
}

export function editInput(m: MachineView, path: Path, value: FormValue): MachineView {
  return { ...m, values: setIn(m.values, path, value) };
}

/** Raw JSON on (from the form's input), or off (back to the form, once the JSON parses). */
export function toggleInputRaw(m: MachineView): MachineView {
  if (!m.raw.on) return { ...m, raw: { on: true, text: JSON.stringify(machineInput(m).input, null, 2) } };
  const parsed = parseObject(m.raw.text, 'the input');
  if (!parsed.ok) return m;
  return { ...m, raw: { ...m.raw, on: false }, values: valueOf(m.form, parsed.value) };
}

/** What Save sends: the path from Start, each state with the input sent from it. */
export function saveRequest(m: MachineView): { baseArgs: Record<string, unknown>; visits: { state: string; input?: Record<string, unknown> }[]; completed: boolean } | undefined {
  if (!m.baseArgs || m.visits.length === 0) return undefined;
  return { baseArgs: m.baseArgs, visits: m.visits.map((v) => ({ state: v.state, ...(v.input ? { input: v.input } : {}) })), completed: isCompleted(m) };
}
