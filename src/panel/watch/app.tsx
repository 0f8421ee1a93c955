// The watch page: WatchPanel renders a state (pure, so tests render it to a string); App holds the state, parses
// what the host posts (dropping anything invalid, with a warning), and posts the person's intents back.
import { useEffect, useState } from 'preact/hooks';
import type { WatchWebviewMessage } from '../../shared/watch-protocol';
import { CallRow, FindingList } from './calls';
import { receiveWatch, type WatchState } from './state';

export interface VsCodeApi {
  postMessage(message: WatchWebviewMessage): void;
}

export function WatchPanel(props: { state: WatchState; send: (m: WatchWebviewMessage) => void }) {
  const { session, saved } = props.state;
  if (!session) return <main class="panel watch-panel"><p class="muted">Waiting for the session…</p></main>;
  const { view } = session;
  const departing = view.calls.filter((c) => !c.conforming).length;
  return (
    <main class="panel watch-panel" data-calls={view.calls.length} data-errors={view.counts.errors}>
      <header class="watch-header">
        <h1>Watching {session.server}</h1>
        <p class="muted">
          Checked against {view.against}. <button type="button" class="link" data-testid="choose-workflow" onClick={() => props.send({ type: 'chooseWorkflow' })}>Choose workflow file…</button>
        </p>
        <p class="muted">
          Trace: <button type="button" class="link" onClick={() => props.send({ type: 'openTrace' })}>{session.traceFile}</button>
          {!session.exists && ' — no session yet: start the watched entry from an MCP client'}
        </p>
        <div class="watch-line">
          <span data-testid="watch-summary">
            {plural(view.calls.length, 'call')}, {departing} not conforming · {plural(view.counts.errors, 'error')}, {plural(view.counts.warnings, 'warning')}, {plural(view.counts.hints, 'hint')}
          </span>
          <button type="button" data-testid="save-workflow" disabled={view.calls.length === 0} onClick={() => props.send({ type: 'save' })}>
            <span class="codicon codicon-save" aria-hidden="true" /> Save as workflow file…
          </button>
        </div>
        {saved && <p class={`saved saved-${saved.outcome}`} data-testid="saved" data-outcome={saved.outcome}>{saved.outcome === 'saved' ? `Saved ${saved.file ?? ''}` : saved.outcome === 'failed' ? `Not saved: ${saved.message ?? ''}` : 'Not saved.'}</p>}
      </header>
      <ol class="watch-calls" aria-label="Calls">
        {view.calls.map((c) => <CallRow call={c} />)}
      </ol>
      {view.other.length > 0 && (
        <section class="watch-other" aria-label="Other findings">
          <h2>Elsewhere in the session</h2>
          <FindingList findings={view.other} />
        </section>
      )}
    </main>
  );
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

const MAX_WARNINGS = 20;

export function App({ vscode }: { vscode: VsCodeApi }) {
  const [state, setState] = useState<WatchState>({});
  useEffect(() => {
    const warned = new Set<string>();
    const onMessage = (event: MessageEvent) => {
      setState((current) => {
        const { state: next, dropped } = receiveWatch(current, event.data);
        if (dropped && !warned.has(dropped) && warned.size < MAX_WARNINGS) {
          warned.add(dropped);
          // eslint-disable-next-line no-console -- in a webview, the developer tools' console is the only log there is.
          console.warn(`[watch panel] dropped an invalid message from the host: ${dropped}`);
        }
        return next;
      });
    };
    window.addEventListener('message', onMessage);
    vscode.postMessage({ type: 'ready' });
    return () => window.removeEventListener('message', onMessage);
  }, []);
  useEffect(() => {
    if (state.session) document.body.dataset.ready = 'true';
  }, [state.session !== undefined]);
  return <WatchPanel state={state} send={(m) => vscode.postMessage(m)} />;
}
