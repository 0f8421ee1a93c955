// What a finished call gave back: a tool's content blocks, structuredContent as a tree, the outputSchema check
// and the error code; a prompt's messages; a resource's contents; or why the request failed.
import { formatDuration } from '../../shared/format';
import type { CallOutcome } from '../../shared/panel-protocol';
import { JsonView } from './json-view';

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Bytes a base64 text decodes to. */
export function base64Bytes(data: string): number {
  const clean = data.replace(/\s/g, '');
  const pad = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((clean.length * 3) / 4) - pad);
}

const BASE64 = /^[A-Za-z0-9+/\s]*={0,2}$/;
const IMAGE_MIME = /^image\/(png|jpeg|gif|webp|bmp|svg\+xml)$/;

/** A text block: JSON text pretty-printed, anything else as it is. */
export function Text(props: { text: string }) {
  const t = props.text.trim();
  if (t.startsWith('{') || t.startsWith('[')) {
    try {
      return <pre class="mono block json-text">{JSON.stringify(JSON.parse(t), null, 2)}</pre>;
    } catch {
      // not JSON after all
    }
  }
  return <pre class="mono block">{props.text}</pre>;
}

function ResourceContents(props: { value: unknown }) {
  const r = isRec(props.value) ? props.value : {};
  const text = str(r.text);
  const blob = str(r.blob);
  return (
    <div class="resource-contents">
      <div class="meta"><code>{str(r.uri) ?? '(no uri)'}</code>{str(r.mimeType) && <span class="muted"> · {str(r.mimeType)}</span>}</div>
      {text !== undefined ? <Text text={text} /> : blob !== undefined ? <p class="muted">binary, {base64Bytes(blob)} bytes</p> : <p class="muted">no contents</p>}
    </div>
  );
}

export function ContentBlock(props: { block: unknown; index: number }) {
  const b = isRec(props.block) ? props.block : {};
  const type = str(b.type) ?? 'unknown';
  let body;
  if (type === 'text') body = <Text text={str(b.text) ?? ''} />;
  else if (type === 'image') {
    const mime = str(b.mimeType) ?? '';
    const data = str(b.data) ?? '';
    body = IMAGE_MIME.test(mime) && BASE64.test(data)
      ? <img class="image" src={`data:${mime};base64,${data.replace(/\s/g, '')}`} alt={`image ${props.index + 1} (${mime})`} />
      : <p class="muted">image ({mime || 'no mime type'}), {base64Bytes(data)} bytes, not shown</p>;
  } else if (type === 'audio') body = <p class="muted"><span class="codicon codicon-unmute" aria-hidden="true" /> audio ({str(b.mimeType) ?? 'no mime type'}), {base64Bytes(str(b.data) ?? '')} bytes</p>;
  else if (type === 'resource_link') {
    body = (
      <div class="resource-link">
        <span class="codicon codicon-link" aria-hidden="true" /> <strong>{str(b.name) ?? str(b.title) ?? 'resource'}</strong> <code>{str(b.uri) ?? ''}</code>
        {str(b.mimeType) && <span class="muted"> · {str(b.mimeType)}</span>}
        {str(b.description) && <div class="muted">{str(b.description)}</div>}
      </div>
    );
  } else if (type === 'resource') body = <ResourceContents value={b.resource} />;
  else body = <JsonView value={props.block} label={`content block ${props.index + 1}`} />;
  return (
    <li class={`content-block content-${type}`} data-testid="content-block" data-type={type}>
      <div class="block-type">{type}</div>
      {body}
    </li>
  );
}

function OutputCheck(props: { check: Extract<CallOutcome, { kind: 'tool' }>['outputCheck'] }) {
  const { check } = props;
  if (check.status === 'none') return null;
  if (check.status === 'pass') {
    return <p class="output-check pass" data-testid="output-check"><span class="codicon codicon-pass" aria-hidden="true" /> output matches outputSchema</p>;
  }
  return (
    <div class="output-check fail" data-testid="output-check">
      <p><span class="codicon codicon-warning" aria-hidden="true" /> output does not match outputSchema</p>
      <ul class="problems">
        {check.problems.map((p) => <li class="problem"><code>{p.pointer || '/'}</code> {p.message}</li>)}
      </ul>
    </div>
  );
}

export function Result(props: { durationMs: number; outcome: CallOutcome }) {
  const { outcome } = props;
  const duration = <span class="duration" data-testid="duration">{formatDuration(props.durationMs)}</span>;
  let body;
  let heading: string;
  let cls = 'ok';
  if (outcome.kind === 'tool') {
    heading = outcome.isError ? 'The tool answered with an error' : 'Result';
    if (outcome.isError) cls = 'error';
    body = (
      <>
        {outcome.isError && (
          <p class="error-line"><span class="codicon codicon-error" aria-hidden="true" /> isError <code class="error-code" data-testid="error-code">{outcome.errorCode ?? 'TOOL_ERROR'}</code></p>
        )}
        <OutputCheck check={outcome.outputCheck} />
        {outcome.structuredContent !== undefined && (
          <section class="structured" data-testid="structured-content">
            <h3>structuredContent</h3>
            <JsonView value={outcome.structuredContent} label="structuredContent" />
          </section>
        )}
        <section>
          <h3>content ({outcome.content.length} {outcome.content.length === 1 ? 'block' : 'blocks'})</h3>
          <ol class="content-blocks">{outcome.content.map((b, i) => <ContentBlock block={b} index={i} />)}</ol>
        </section>
      </>
    );
  } else if (outcome.kind === 'prompt') {
    heading = 'Prompt messages';
    body = (
      <>
        {outcome.description && <p class="description">{outcome.description}</p>}
        <ol class="messages">
          {outcome.messages.map((m) => {
            const c = isRec(m.content) ? m.content : {};
            return (
              <li class={`message role-${m.role}`} data-testid="prompt-message">
                <div class="role">{m.role}</div>
                {c.type === 'text' ? <pre class="mono block">{str(c.text) ?? ''}</pre> : <ol class="content-blocks"><ContentBlock block={m.content} index={0} /></ol>}
              </li>
            );
          })}
        </ol>
      </>
    );
  } else if (outcome.kind === 'resource') {
    heading = `Contents (${outcome.contents.length})`;
    body = <ol class="content-blocks">{outcome.contents.map((c) => <li class="content-block" data-testid="resource-contents"><ResourceContents value={c} /></li>)}</ol>;
  } else {
    heading = 'The request failed';
    cls = 'error';
    body = (
      <p class="error-line"><span class="codicon codicon-error" aria-hidden="true" /> <code class="error-code" data-testid="error-code">{outcome.code}</code> {outcome.message}</p>
    );
  }
  return (
    <section class={`result result-${cls}`} data-testid="result" aria-labelledby="result-heading">
      <h2 id="result-heading">{heading} {duration}</h2>
      {body}
    </section>
  );
}

