// The panel's head: what is called (title, name, kind), on which server and in which state (with Start when
// it is not running), the description and the tool's annotations as badges.
import type { PanelItem } from '../../shared/panel-protocol';
import type { ServerState } from './state';

const BADGES: [string, string, string][] = [
  ['readOnlyHint', 'read-only', 'The tool does not modify its environment'],
  ['destructiveHint', 'destructive', 'The tool may perform destructive updates'],
  ['idempotentHint', 'idempotent', 'Calling it again with the same arguments has no further effect'],
  ['openWorldHint', 'open-world', 'The tool interacts with external entities'],
];

const STATE_ICON: Record<ServerState['state'], string> = { running: 'pass', starting: 'loading codicon-modifier-spin', stopped: 'circle-slash', failed: 'error' };

export function annotationBadges(item: PanelItem): string[] {
  if (item.kind !== 'tool' || item.annotations === null || typeof item.annotations !== 'object') return [];
  const a = item.annotations as Record<string, unknown>;
  return BADGES.filter(([k]) => a[k] === true).map(([, label]) => label);
}

export function Header(props: { item: PanelItem; server: string; serverState: ServerState; onStart: () => void }) {
  const { item, server, serverState } = props;
  const annotationTitle = item.kind === 'tool' && item.annotations && typeof item.annotations === 'object' ? (item.annotations as { title?: unknown }).title : undefined;
  const title = ('title' in item && item.title) || (typeof annotationTitle === 'string' ? annotationTitle : '') || item.name;
  const kind = item.kind === 'tool' ? 'Tool' : item.kind === 'prompt' ? 'Prompt' : item.uriTemplate ? 'Resource template' : 'Resource';
  const badges = annotationBadges(item);
  const notRunning = serverState.state !== 'running';
  return (
    <header class="header">
      <div class="title-row">
        <h1 data-testid="title">{title}</h1>
        <span class="kind">{kind}</span>
        {title !== item.name && <code class="name">{item.name}</code>}
      </div>
      {item.kind === 'resource' && <div class="uri"><code>{item.uriTemplate ?? item.uri}</code>{item.mimeType && <span class="muted"> · {item.mimeType}</span>}</div>}
      <div class={`server state-${serverState.state}`} data-testid="server-state">
        <span class={`codicon codicon-${STATE_ICON[serverState.state]}`} aria-hidden="true" />
        <span>
          Server <strong>{server}</strong>: {serverState.state}
          {serverState.reason && <span class="reason"> — {serverState.reason}</span>}
        </span>
        {notRunning && serverState.state !== 'starting' && (
          <button type="button" class="secondary" data-testid="start-server" onClick={props.onStart}>
            <span class="codicon codicon-debug-start" aria-hidden="true" /> Start server
          </button>
        )}
      </div>
      {badges.length > 0 && (
        <ul class="badges" aria-label="Annotations" data-testid="badges">
          {badges.map((b) => <li class={`badge badge-${b}`} title={BADGES.find(([, l]) => l === b)?.[2]}>{b}</li>)}
        </ul>
      )}
      {item.description && <p class="description">{item.description}</p>}
    </header>
  );
}
