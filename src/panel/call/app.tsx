// The call panel: CallView renders a state (pure, so tests render it to a string); App holds the state, talks
// to the host (ready, validate as the person types, call, cancel, start, copy) and keeps the form in the
// webview's state.
import { useEffect, useMemo, useReducer, useRef } from 'preact/hooks';
import { HostMessage, isSafeJson, parseMessage, type WebviewMessage } from '../../shared/panel-protocol';
import type { FormValue, Path } from './form-model';
import { ArgumentsForm } from './form';
import { Header } from './header';
import { formatDuration } from '../../shared/format';
import { MachineSection, nextMachine, startMachine } from './machine';
import { currentVisit, MACHINE_KEYS } from './machine-state';
import { Result } from './result';
import { callBlocked, currentArgs, hostValidates, initialState, itemKey, problemsOf, reduce, type Action, type RunningCall, type Saved, type State } from './state';

export interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}

let counter = 0;
/** A fresh id for a request (validate, call): unique within the page's life. */
export const newId = (prefix: string): string => `${prefix}-${Date.now().toString(36)}-${(++counter).toString(36)}`;

function Progress(props: { call: RunningCall }) {
  const p = props.call.progress;
  const determinate = p?.total !== undefined && p.total > 0;
  const label = p?.message ?? (props.call.started ? 'Running…' : 'Starting…');
  return (
    <div class="running">
      {determinate ? (
        <progress class="progress" data-testid="progress" value={p.progress} max={p.total} aria-valuenow={p.progress} aria-valuemin={0} aria-valuemax={p.total} aria-label="Call progress" />
      ) : (
        <div class="progress indeterminate" role="progressbar" data-testid="progress" aria-label="Call progress" aria-valuetext={p ? `${p.progress} done` : 'running'}><div class="bar" /></div>
      )}
      <div class="progress-text">
        {label}
        {determinate && <span class="muted"> — {p.progress} / {p.total}</span>}
        {!determinate && p && <span class="muted"> — {p.progress}</span>}
      </div>
    </div>
  );
}

export interface ViewProps {
  state: State;
  dispatch: (action: Action) => void;
  send: (message: WebviewMessage) => void;
}

/** Starts the call when it can run; while driving a state machine, Start or Next. */
export function startCall(state: State, dispatch: ViewProps['dispatch'], send: ViewProps['send']): void {
  const m = state.machine;
  if (m?.on) {
    if (m.baseArgs && currentVisit(m) && !currentVisit(m)?.completed) nextMachine(state, dispatch, send);
    else startMachine(state, dispatch, send);
    return;
  }
  if (callBlocked(state)) return;
  const callId = newId('call');
  dispatch({ type: 'callSent', callId });
  send({ type: 'call', callId, args: currentArgs(state).args });
}

const VERB = { tool: 'Call', prompt: 'Get prompt', resource: 'Read' } as const;

export function CallView({ state, dispatch, send }: ViewProps) {
  if (!state.ready || !state.item) return <p class="muted" aria-live="polite">Loading…</p>;
  const item = state.item;
  const problems = problemsOf(state);
  const blocked = callBlocked(state);
  const { local } = currentArgs(state);
  const rawBroken = state.raw.on && local.some((p) => p.pointer === '');
  const driving = state.machine?.on === true;
  const status = state.call
    ? state.call.progress?.message ?? 'Call running'
    : state.result
      ? state.result.outcome.kind === 'failure' || (state.result.outcome.kind === 'tool' && state.result.outcome.isError)
        ? `Failed after ${formatDuration(state.result.durationMs)}`
        : `Done in ${formatDuration(state.result.durationMs)}`
      : '';
  return (
    <main class="panel">
      <Header item={item} server={state.server} serverState={state.serverState} onStart={() => send({ type: 'startServer' })} />
      <ArgumentsForm
        state={state}
        problems={problems}
        onEdit={(path: Path, value: FormValue) => dispatch({ type: 'edit', path, value })}
        onRawText={(text) => dispatch({ type: 'rawText', text })}
        onToggleRaw={() => dispatch({ type: 'toggleRaw' })}
        {...(driving ? { hide: MACHINE_KEYS, heading: 'Arguments sent with every call' } : {})}
      />
      <div class="actions">
        {driving ? (
          <button type="button" class="primary" data-testid="machine-start" disabled={blocked !== undefined} aria-describedby={blocked ? 'call-blocked' : undefined}
            title="Call without state: the machine's first state" onClick={() => startMachine(state, dispatch, send)}>
            <span class="codicon codicon-debug-start" aria-hidden="true" /> {state.machine?.visits.length ? 'Start over' : 'Start'}
          </button>
        ) : (
          <button type="button" class="primary" data-testid="call" disabled={blocked !== undefined} aria-describedby={blocked ? 'call-blocked' : undefined}
            title={`${VERB[item.kind]} (Ctrl+Enter)`} onClick={() => startCall(state, dispatch, send)}>
            <span class="codicon codicon-play" aria-hidden="true" /> {VERB[item.kind]}
          </button>
        )}
        {state.call && (
          <button type="button" class="secondary" data-testid="cancel" onClick={() => state.call && send({ type: 'cancel', callId: state.call.callId })}>
            <span class="codicon codicon-debug-stop" aria-hidden="true" /> Cancel
          </button>
        )}
        {item.kind === 'tool' && (
          <button type="button" class="secondary" data-testid="copy-step" disabled={rawBroken} onClick={() => send({ type: 'copyAsStep', args: currentArgs(state).args })}>
            <span class="codicon codicon-copy" aria-hidden="true" /> Copy as workflow step
          </button>
        )}
        {state.machine && (
          <button type="button" class="secondary" data-testid="machine-toggle" aria-pressed={driving} disabled={state.call !== undefined}
            title={driving ? 'Call the tool once, with every argument in the form' : 'Drive the tool one state at a time'} onClick={() => dispatch({ type: 'machineToggle' })}>
            <span class={`codicon codicon-${driving ? 'symbol-method' : 'debug-step-over'}`} aria-hidden="true" /> {driving ? 'Single call' : 'Drive as state machine'}
          </button>
        )}
        {blocked && !state.call && <span class="blocked muted" id="call-blocked" data-testid="call-blocked">{blocked}</span>}
      </div>
      <MachineSection state={state} dispatch={dispatch} send={send} />
      {state.call && <Progress call={state.call} />}
      <div class="sr-only" aria-live="polite" data-testid="status">{status}</div>
      {state.result && <Result durationMs={state.result.durationMs} outcome={state.result.outcome} />}
    </main>
  );
}

function readSaved(raw: unknown): Saved | undefined {
  if (!isSafeJson(raw) || raw === null || typeof raw !== 'object') return undefined;
  const s = raw as Partial<Saved>;
  if (typeof s.itemKey !== 'string' || !s.raw || typeof s.raw.on !== 'boolean' || typeof s.raw.text !== 'string') return undefined;
  return s as Saved;
}

const MAX_WARNINGS = 50;

export function App({ vscode }: { vscode: VsCodeApi }) {
  const [state, dispatch] = useReducer(reduce, initialState);
  const stateRef = useRef(state);
  stateRef.current = state;
  const send = (m: WebviewMessage) => vscode.postMessage(m);

  useEffect(() => {
    let saved = readSaved(vscode.getState());
    let warnings = 0;
    const onMessage = (event: MessageEvent) => {
      const parsed = parseMessage(HostMessage, event.data);
      if (!parsed.ok) {
        // eslint-disable-next-line no-console -- in a webview, the developer tools' console is the only log there is.
        if (warnings++ < MAX_WARNINGS) console.warn(`[call panel] dropped an invalid message from the host: ${parsed.why}`);
        return;
      }
      const restore = parsed.message.type === 'init' ? saved : undefined;
      if (parsed.message.type === 'init') saved = undefined; // only the first init after a reload restores
      dispatch({ type: 'host', message: parsed.message, ...(restore ? { restore } : {}) });
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        startCall(stateRef.current, dispatch, send);
      }
    };
    window.addEventListener('message', onMessage);
    document.addEventListener('keydown', onKey);
    send({ type: 'ready' });
    return () => {
      window.removeEventListener('message', onMessage);
      document.removeEventListener('keydown', onKey);
    };
  }, []);

  // Validation as the person types: the host checks the arguments with ajv, 150 ms after the last edit.
  const args = useMemo(() => currentArgs(state), [state.item, state.form, state.values, state.raw]);
  useEffect(() => {
    if (!state.ready || !hostValidates(state) || args.local.length > 0) return;
    const revision = state.revision;
    const timer = setTimeout(() => {
      const requestId = newId('val');
      dispatch({ type: 'validateSent', requestId, revision });
      send({ type: 'validate', requestId, args: args.args });
    }, 150);
    return () => clearTimeout(timer);
  }, [state.revision, state.ready]);

  useEffect(() => {
    if (!state.item) return;
    vscode.setState({ itemKey: itemKey(state.item), values: state.values, raw: state.raw } satisfies Saved);
  }, [state.item, state.values, state.raw]);

  useEffect(() => {
    if (state.ready) document.body.dataset.ready = 'true';
  }, [state.ready]);

  return <CallView state={state} dispatch={dispatch} send={send} />;
}
