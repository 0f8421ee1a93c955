// The run panel: RunPanel renders a state (pure, so tests render it to a string); App holds the state, parses
// what the host posts (dropping anything invalid, with a warning), and posts the person's intents back.
import { useEffect, useState } from 'preact/hooks';
import type { RunWebviewMessage } from '../../shared/run-protocol';
import { finished, OutcomeBanner, RollbackSection, RunHeader } from './header';
import { initialPanelState, receive, type PanelState } from './state';
import { StepRow, Timeline } from './timeline';

export interface VsCodeApi {
  postMessage(message: RunWebviewMessage): void;
}

export function RunPanel(props: { state: PanelState; send: (m: RunWebviewMessage) => void; highlight?: string; onHighlight?: (id: string | undefined) => void }) {
  const { state, send } = props;
  const { view } = state;
  // A finished run goes on from here: from its last checkpoint, or back to one (when the file has rollback steps).
  const settled = finished(view.status) && (view.rollback === undefined || view.rollback.ok !== undefined);
  const lastCheckpoint = view.checkpoints.at(-1)?.name;
  const common = {
    view,
    live: state.live,
    highlight: props.highlight,
    onHighlight: props.onHighlight ?? (() => undefined),
    onDecide: (stepId: string, approve: boolean) => send({ type: 'decide', stepId, approve }),
    ...(settled && state.workflow?.rollback ? { onRollback: (checkpoint: string) => send({ type: 'rollback', checkpoint }) } : {}),
  };
  if (!state.ready) return <main class="panel run-panel"><p class="muted">Waiting for the run…</p></main>;
  return (
    <main class="panel run-panel">
      <RunHeader
        workflow={state.workflow}
        view={view}
        live={state.live}
        onCancel={() => send({ type: 'cancel' })}
        onRerun={() => send({ type: 'rerun' })}
        onOpenAudit={() => send({ type: 'openAudit' })}
        {...(settled && view.status !== 'done' && lastCheckpoint ? { resumeFrom: lastCheckpoint, onResume: () => send({ type: 'resume' }) } : {})}
      />
      <OutcomeBanner view={view} />
      <Timeline {...common} />
      <RollbackSection view={view}>
        {view.rollback && view.rollback.steps.length > 0 && (
          <ol class="timeline" aria-label="Rollback steps">
            {view.rollback.steps.map((id) => <StepRow {...common} id={id} />)}
          </ol>
        )}
      </RollbackSection>
      <div class="sr-only" aria-live="polite" data-testid="announce">{state.announce}</div>
    </main>
  );
}

const MAX_WARNINGS = 20;

export function App({ vscode }: { vscode: VsCodeApi }) {
  const [state, setState] = useState(initialPanelState);
  const [highlight, setHighlight] = useState<string | undefined>(undefined);
  useEffect(() => {
    const warned = new Set<string>();
    const onMessage = (event: MessageEvent) => {
      setState((current) => {
        const { state: next, dropped } = receive(current, event.data);
        // Each reason once (a hostile or broken stream must not flood the console).
        if (dropped && !warned.has(dropped) && warned.size < MAX_WARNINGS) {
          warned.add(dropped);
          // eslint-disable-next-line no-console -- in a webview, the developer tools' console is the only log there is.
          console.warn(`[run panel] dropped an invalid message from the host: ${dropped}`);
        }
        return next;
      });
    };
    window.addEventListener('message', onMessage);
    vscode.postMessage({ type: 'ready' });
    return () => window.removeEventListener('message', onMessage);
  }, []);
  useEffect(() => {
    if (state.ready) document.body.dataset.ready = 'true';
  }, [state.ready]);
  return <RunPanel state={state} send={(m) => vscode.postMessage(m)} highlight={highlight} onHighlight={setHighlight} />;
}
