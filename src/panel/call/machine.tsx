// The state-machine section of a call panel: the path so far, the current state with its next_actions as
// buttons, the form for the next input, Next, the completed result, and Save as Workflow. Every element a
// test drives carries a data-testid (listed in test/editor/README.md).
import { useEffect } from 'preact/hooks';
import { parseMessage, WebviewMessage } from '../../shared/panel-protocol';
import { childPointer, getIn, type FormValue, type Path } from './form-model';
import { Field, type FieldContext } from './fields';
import { JsonView } from './json-view';
import { currentVisit, isCompleted, machineInput, nextArgs, saveRequest, startArgs, type MachineView, type Visit } from './machine-state';
import { callBlocked, currentArgs, type Action, type State } from './state';

export interface MachineProps {
  state: State;
  dispatch: (action: Action) => void;
  send: (message: WebviewMessage) => void;
}

let counter = 0;
const newId = (prefix: string): string => `${prefix}-${Date.now().toString(36)}-m${(++counter).toString(36)}`;

/** What the section is doing, for the eye (the status chip) and for tests (data-status). */
export function machineStatus(state: State, m: MachineView): 'idle' | 'running' | 'waiting' | 'error' | 'completed' {
  if (m.pending) return 'running';
  if (m.error) return 'error';
  if (m.visits.length === 0) return 'idle';
  return isCompleted(m) ? 'completed' : state.call ? 'running' : 'waiting';
}

/** Why Next cannot run now, or undefined when it can. */
export function nextBlocked(state: State): string | undefined {
  const m = state.machine;
  if (!m || m.visits.length === 0 || !m.baseArgs) return 'Start the state machine first.';
  if (isCompleted(m)) return 'The state machine has completed; Start over to run it again.';
  if (state.serverState.state !== 'running') return `The server is ${state.serverState.state}; start it to go on.`;
  if (state.call) return 'A call is running.';
  return machineInput(m).problem;
}

/** Start: a call with the panel's arguments and no `state`; its answer begins a new path. */
export function startMachine(state: State, dispatch: MachineProps['dispatch'], send: MachineProps['send']): void {
  if (!state.machine || callBlocked(state)) return;
  const callId = newId('call');
  const baseArgs = startArgs(currentArgs(state).args);
  dispatch({ type: 'machineSent', pending: { callId, baseArgs } });
  send({ type: 'call', callId, args: baseArgs });
}

/** Next: the current state and the input typed for it, with the arguments the path was started with. */
export function nextMachine(state: State, dispatch: MachineProps['dispatch'], send: MachineProps['send']): void {
  const m = state.machine;
  const visit = m && currentVisit(m);
  if (!m || !m.baseArgs || !visit || nextBlocked(state)) return;
  const callId = newId('call');
  const args = nextArgs(m);
  dispatch({ type: 'machineSent', pending: { callId, baseArgs: m.baseArgs, state: visit.state, input: machineInput(m).input } });
  send({ type: 'call', callId, args });
}

/** Save as Workflow: the path (checked against the protocol here, so a refusal is shown rather than lost). */
export function saveMachine(state: State, dispatch: MachineProps['dispatch'], send: MachineProps['send']): void {
  const request = state.machine && saveRequest(state.machine);
  if (!request) return;
  const message = { type: 'saveMachine' as const, requestId: newId('save'), ...request };
  const checked = parseMessage(WebviewMessage, message);
  if (!checked.ok) {
    dispatch({ type: 'machineSaveRefused', message: `the session cannot be saved: ${checked.why}` });
    return;
  }
  dispatch({ type: 'machineSaveSent', requestId: message.requestId });
  send(checked.message);
}

const compact = (v: unknown): string => {
  const text = JSON.stringify(v) ?? '';
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
};

const hasContent = (v: unknown): boolean => v !== undefined && v !== null && !(typeof v === 'object' && Object.keys(v).length === 0);

function PathList(props: { visits: Visit[] }) {
  return (
    <ol class="machine-path" data-testid="machine-path" aria-label="States so far">
      {props.visits.map((v, i) => {
        const last = i === props.visits.length - 1;
        return (
          <li class={`machine-visit${last ? ' current' : ''}`} data-testid="machine-visit" data-state={v.state} data-index={i} aria-current={last ? 'step' : undefined}>
            <span class={`codicon codicon-${v.completed ? 'pass-filled' : last ? 'circle-large-filled' : 'pass'}`} aria-hidden="true" />
            <code class="machine-state-name">{v.state}</code>
            {v.input && <span class="machine-input-sent muted" data-testid="machine-visit-input"> ← {compact(v.input)}</span>}
          </li>
        );
      })}
    </ol>
  );
}

/** A server may list many actions; the page stays usable, and the rest are in the result's JSON. */
const MAX_ACTIONS = 100;

function Actions(props: { m: MachineView; visit: Visit; dispatch: MachineProps['dispatch']; disabled: boolean }) {
  const { m, visit } = props;
  if (visit.nextActions.length === 0) return <p class="muted">The tool names no next actions.</p>;
  return (
    <ul class="machine-actions" aria-label="next_actions">
      {visit.nextActions.slice(0, MAX_ACTIONS).map((a, i) => (
        <li>
          <button type="button" class="secondary machine-action" data-testid="machine-action" data-index={i} aria-pressed={m.chosen === i} disabled={props.disabled}
            title="Use the input this action asks for" onClick={() => props.dispatch({ type: 'machineChoose', index: i })}>
            <span class="codicon codicon-arrow-right" aria-hidden="true" /> {a}
          </button>
        </li>
      ))}
      {visit.nextActions.length > MAX_ACTIONS && <li class="muted">… {visit.nextActions.length - MAX_ACTIONS} more (in the result below)</li>}
    </ul>
  );
}

function InputForm(props: { m: MachineView; dispatch: MachineProps['dispatch']; disabled: boolean }) {
  const { m, dispatch, disabled } = props;
  const problem = machineInput(m).problem;
  const ctx: FieldContext = { problems: new Map(), onEdit: (path: Path, value: FormValue) => dispatch({ type: 'machineEdit', path, value }), disabled };
  return (
    <div class="machine-input" data-testid="machine-input" role="group" aria-label="input">
      <div class="form-head">
        <h3>input</h3>
        <button type="button" class="secondary toggle" data-testid="machine-raw-toggle" aria-pressed={m.raw.on} onClick={() => dispatch({ type: 'machineToggleRaw' })}>
          <span class={`codicon ${m.raw.on ? 'codicon-list-flat' : 'codicon-json'}`} aria-hidden="true" /> {m.raw.on ? 'Form' : 'Raw JSON'}
        </button>
      </div>
      {m.raw.on ? (
        <div class="field field-raw">
          <label for="machine-raw" class="field-label">input as JSON</label>
          <textarea id="machine-raw" data-testid="machine-raw" class="mono raw" rows={6} spellcheck={false} value={m.raw.text} disabled={disabled}
            aria-invalid={problem ? true : undefined} onInput={(e) => dispatch({ type: 'machineRawText', text: (e.currentTarget as HTMLTextAreaElement).value })} />
          {problem && <p class="problem" data-testid="machine-raw-problem"><span class="codicon codicon-error" aria-hidden="true" /> {problem}</p>}
        </div>
      ) : m.form.fields.length > 0 ? (
        m.form.fields.map((f) => <Field node={f} path={[f.key]} pointer={childPointer('/input', f.key)} value={getIn(m.values, [f.key])} ctx={ctx} />)
      ) : (
        <p class="muted">No input keys are known for this state: Next sends {'{}'}, or give any with Raw JSON.</p>
      )}
    </div>
  );
}

function Current(props: MachineProps & { m: MachineView; visit: Visit }) {
  const { state, dispatch, send, m, visit } = props;
  const blocked = nextBlocked(state);
  const busy = state.call !== undefined;
  return (
    <div class="machine-current" data-testid="machine-current" data-state={visit.state}>
      <p class="machine-now" aria-live="polite">State <code data-testid="machine-state">{visit.state}</code></p>
      {hasContent(visit.result) && <p class="machine-last-result muted" data-testid="machine-last-result">result: <code>{compact(visit.result)}</code></p>}
      <Actions m={m} visit={visit} dispatch={dispatch} disabled={busy} />
      <InputForm m={m} dispatch={dispatch} disabled={busy} />
      <div class="actions">
        <button type="button" class="primary" data-testid="machine-next" disabled={blocked !== undefined} title="Send this input from this state (Ctrl+Enter)"
          aria-describedby={blocked ? 'machine-next-blocked' : undefined} onClick={() => nextMachine(state, dispatch, send)}>
          <span class="codicon codicon-debug-step-over" aria-hidden="true" /> Next
        </button>
        {blocked && !busy && <span class="blocked muted" id="machine-next-blocked">{blocked}</span>}
      </div>
    </div>
  );
}

function Completed(props: { visit: Visit; transitions: number }) {
  return (
    <div class="machine-completed" data-testid="machine-completed" role="status">
      <p><span class="codicon codicon-pass-filled" aria-hidden="true" /> Completed in state <code>{props.visit.state}</code> after {props.transitions} {props.transitions === 1 ? 'transition' : 'transitions'}</p>
      {props.visit.result !== undefined && <JsonView value={props.visit.result} label="final result" testid="machine-result" />}
    </div>
  );
}

function SaveRow(props: MachineProps & { m: MachineView }) {
  const { m } = props;
  const save = m.save;
  const canSave = saveRequest(m) !== undefined && save?.status !== 'saving';
  return (
    <div class="actions machine-save-row">
      <button type="button" class="secondary" data-testid="machine-save" disabled={!canSave} title="Write a *.workflow.json whose stateMachine step replays these inputs"
        onClick={() => saveMachine(props.state, props.dispatch, props.send)}>
        <span class="codicon codicon-save" aria-hidden="true" /> Save as workflow…
      </button>
      {save && (
        <span class={`machine-saved ${save.status}`} data-testid="machine-saved" data-outcome={save.status} role="status">
          {save.status === 'saving' ? 'Saving…' : save.status === 'saved' ? `Saved ${save.file ?? ''}` : save.status === 'cancelled' ? 'Not saved' : `Not saved: ${save.message ?? 'failed'}`}
        </span>
      )}
    </div>
  );
}

/** Each new state moves the keyboard to its first input (or to Save once completed), as a wizard's next page would. */
function useFocusOnNewState(visits: number): void {
  useEffect(() => {
    if (visits === 0) return;
    const target = document.querySelector<HTMLElement>('[data-testid="machine-input"] :is(input, select, textarea), [data-testid="machine-next"], [data-testid="machine-save"]');
    target?.focus();
  }, [visits]);
}

/** The section itself; shown while the panel drives the machine. */
export function MachineSection(props: MachineProps) {
  const m = props.state.machine;
  useFocusOnNewState(m?.on ? m.visits.length : 0);
  if (!m?.on) return null;
  const visit = currentVisit(m);
  const status = machineStatus(props.state, m);
  return (
    <section class="machine" data-testid="machine" data-status={status} data-state={visit?.state ?? ''} aria-labelledby="machine-heading">
      <div class="form-head">
        <h2 id="machine-heading">State machine</h2>
        <span class={`machine-status status-${status}`} data-testid="machine-status">{status}</span>
      </div>
      {m.visits.length === 0 && !m.pending && <p class="muted">Start calls the tool without <code>state</code>; each answer's <code>next_actions</code> say what input the next state needs.</p>}
      {m.visits.length > 0 && <PathList visits={m.visits} />}
      {m.error && (
        <p class="machine-error problem" data-testid="machine-error" role="alert">
          <span class="codicon codicon-error" aria-hidden="true" /> <code class="error-code" data-testid="machine-error-code">{m.error.code}</code> {m.error.message}
          {visit && !isCompleted(m) && <span class="muted"> — still in <code>{visit.state}</code>; fix the input and press Next again.</span>}
        </p>
      )}
      {visit && (isCompleted(m) ? <Completed visit={visit} transitions={m.visits.length - 1} /> : <Current {...props} m={m} visit={visit} />)}
      {m.visits.length > 0 && <SaveRow {...props} m={m} />}
    </section>
  );
}
