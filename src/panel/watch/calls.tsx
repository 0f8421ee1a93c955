// The watched session's calls, one row each as it happens: the tool, its arguments, a summary of the answer,
// conforming or not with the checker's reasons, and the identifiers it carried as chips naming the producing call.
import type { CarriedId, WatchCall, WatchFinding } from '../../core/proxy/watch-model';

const SEVERITY_ICON: Record<WatchFinding['severity'], string> = { error: 'error', warning: 'warning', hint: 'lightbulb' };

export function FindingList(props: { findings: readonly WatchFinding[] }) {
  if (props.findings.length === 0) return null;
  return (
    <ul class="findings">
      {props.findings.map((f) => (
        <li class={`finding severity-${f.severity}`} data-testid="watch-finding" data-rule={f.ruleId} data-line={f.line}>
          <span class={`codicon codicon-${SEVERITY_ICON[f.severity]}`} aria-hidden="true" />
          <code class="rule">{f.ruleId}</code> <span class="muted">line {f.line}</span> {f.message}
          {f.expected !== undefined && <> — expected <code>{f.expected}</code></>}
        </li>
      ))}
    </ul>
  );
}

function CarriedChip(props: { carried: CarriedId }) {
  const c = props.carried;
  const go = () => document.querySelector(`[data-call-id="${CSS.escape(c.fromCall)}"]`)?.scrollIntoView({ block: 'nearest' });
  return (
    <li class="ref">
      <code class="ref-arg">{c.argument}</code>
      <button type="button" class="ref-chip" data-testid="watch-chip" data-source-call={c.fromCall} title={c.value} aria-label={`${c.argument} carries ${c.value} from call ${c.fromCall}, field ${c.field}`} onClick={go}>
        <span class="codicon codicon-arrow-right" aria-hidden="true" />
        {c.fromCall} › <span class="ref-field">{c.field}</span>
      </button>
    </li>
  );
}

function statusIcon(call: WatchCall): string {
  if (call.status === 'pending') return 'loading codicon-modifier-spin';
  if (!call.conforming) return 'error';
  return call.status === 'error' ? 'warning' : 'pass';
}

export function CallRow(props: { call: WatchCall }) {
  const c = props.call;
  const rules = [...new Set(c.findings.map((f) => f.ruleId))].join(' ');
  return (
    <li class={`watch-call status-${c.status} ${c.conforming ? 'conforming' : 'departing'}`} data-testid="watch-call" data-call-id={c.id} data-tool={c.tool} data-status={c.status} data-conforming={String(c.conforming)} data-rules={rules}>
      <div class="call-head">
        <span class={`codicon codicon-${statusIcon(c)}`} aria-hidden="true" />
        <strong class="call-tool">{c.tool}</strong>
        <code class="call-args">{c.arguments}</code>
        <span class="verdict">{c.conforming ? 'conforming' : 'not conforming'}</span>
        <span class="muted">line {c.requestLine}{c.responseLine !== undefined ? `–${c.responseLine}` : ''}</span>
      </div>
      {c.carried.length > 0 && <ul class="refs" aria-label="IDs carried">{c.carried.map((x) => <CarriedChip carried={x} />)}</ul>}
      {c.status !== 'pending' && (
        <div class="call-summary">
          {c.errorCode && <span class="error-code">{c.errorCode}</span>} <code>{c.summary ?? ''}</code>
        </div>
      )}
      <FindingList findings={c.findings} />
    </li>
  );
}
