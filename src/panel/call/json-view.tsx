// A JSON value as a collapsible tree: each object and array is a <details> (keyboard-usable by its <summary>),
// the first levels open; scalars coloured by type.

const MAX_CHILDREN = 500;

function Scalar(props: { value: unknown }) {
  const v = props.value;
  if (v === null) return <span class="json-null">null</span>;
  if (typeof v === 'string') return <span class="json-string">{JSON.stringify(v)}</span>;
  if (typeof v === 'number') return <span class="json-number">{String(v)}</span>;
  if (typeof v === 'boolean') return <span class="json-boolean">{String(v)}</span>;
  return <span class="json-other">{String(v)}</span>;
}

function Node(props: { name?: string; value: unknown; depth: number }) {
  const { name, value, depth } = props;
  const key = name !== undefined ? <span class="json-key">{name}: </span> : null;
  if (value === null || typeof value !== 'object') {
    return <li class="json-leaf">{key}<Scalar value={value} /></li>;
  }
  const isArray = Array.isArray(value);
  const entries: [string, unknown][] = isArray ? value.map((v, i) => [String(i), v]) : Object.entries(value as Record<string, unknown>);
  const summary = isArray ? `[${entries.length}]` : `{${entries.length}}`;
  if (entries.length === 0) return <li class="json-leaf">{key}<span class="json-punct">{isArray ? '[]' : '{}'}</span></li>;
  return (
    <li class="json-branch">
      <details open={depth < 3}>
        <summary><span class="codicon codicon-chevron-right chevron" aria-hidden="true" />{key}<span class="json-punct">{summary}</span></summary>
        <ul class="json-children">
          {entries.slice(0, MAX_CHILDREN).map(([k, v]) => <Node name={k} value={v} depth={depth + 1} />)}
          {entries.length > MAX_CHILDREN && <li class="muted">… {entries.length - MAX_CHILDREN} more</li>}
        </ul>
      </details>
    </li>
  );
}

export function JsonView(props: { value: unknown; label: string; testid?: string }) {
  return (
    <ul class="json-tree" role="group" aria-label={props.label} data-testid={props.testid}>
      <Node value={props.value} depth={0} />
    </ul>
  );
}
