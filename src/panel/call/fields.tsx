// One form field per schema node: the control of its kind, its label (bound with for/id), required mark,
// help text and hints, and the problems placed at its pointer (aria-describedby and aria-invalid).
import type { ComponentChildren } from 'preact';
import { childPointer, getIn, newItem, type FieldNode, type FormValue, type Path } from './form-model';
import type { ValidationProblem } from '../../shared/panel-protocol';

export interface FieldContext {
  problems: Map<string, ValidationProblem[]>;
  onEdit: (path: Path, value: FormValue) => void;
  disabled: boolean;
}

/** An element id for a pointer (ids are case-sensitive and may not contain spaces). */
export const idFor = (pointer: string, suffix = ''): string => `f${encodeURIComponent(pointer).replace(/%/g, '_')}${suffix}`;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function hints(node: FieldNode): string[] {
  const out: string[] = [];
  if (node.kind === 'string') {
    if (node.format) out.push(`format: ${node.format}`);
    if (node.minLength !== undefined && node.maxLength !== undefined) out.push(`${node.minLength}–${node.maxLength} characters`);
    else if (node.minLength !== undefined) out.push(`at least ${plural(node.minLength, 'character')}`);
    else if (node.maxLength !== undefined) out.push(`at most ${plural(node.maxLength, 'character')}`);
    if (node.pattern) out.push(`pattern: ${node.pattern}`);
  }
  if (node.kind === 'number' || node.kind === 'integer') {
    out.push(node.kind === 'integer' ? 'integer' : 'number');
    if (node.minimum !== undefined) out.push(`≥ ${node.minimum}`);
    if (node.maximum !== undefined) out.push(`≤ ${node.maximum}`);
  }
  if (node.kind === 'array') {
    if (node.minItems !== undefined) out.push(`at least ${plural(node.minItems, 'item')}`);
    if (node.maxItems !== undefined) out.push(`at most ${plural(node.maxItems, 'item')}`);
  }
  if (node.kind === 'json') out.push(`JSON (${node.reason})`);
  if (node.nullable) out.push('may be null');
  return out;
}

const optionLabel = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

function Label(props: { node: FieldNode; id: string; text: string }) {
  return (
    <label for={props.id} class="field-label">
      {props.text}
      {props.node.required && <span class="required" title="required" aria-hidden="true">*</span>}
      {props.node.required && <span class="sr-only"> (required)</span>}
    </label>
  );
}

function Messages(props: { node: FieldNode; pointer: string; problems: ValidationProblem[] | undefined }) {
  const { node, pointer, problems } = props;
  const h = hints(node);
  return (
    <>
      {node.description && <div class="help" id={idFor(pointer, '-help')}>{node.description}</div>}
      {h.length > 0 && <div class="hints" id={idFor(pointer, '-hints')}>{h.join(' · ')}</div>}
      {problems && problems.length > 0 && (
        <ul class="problems" id={idFor(pointer, '-err')} data-testid="field-problems">
          {problems.map((p) => (
            <li class="problem"><span class="codicon codicon-error" aria-hidden="true" /> {p.pointer !== pointer ? `${p.pointer.slice(pointer.length)} ` : ''}{p.message}</li>
          ))}
        </ul>
      )}
    </>
  );
}

function describedBy(node: FieldNode, pointer: string, problems: ValidationProblem[] | undefined): string | undefined {
  const ids = [node.description ? idFor(pointer, '-help') : '', hints(node).length ? idFor(pointer, '-hints') : '', problems?.length ? idFor(pointer, '-err') : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

export function Field(props: { node: FieldNode; path: Path; pointer: string; value: FormValue; ctx: FieldContext; label?: string; actions?: ComponentChildren }) {
  const { node, path, pointer, value, ctx } = props;
  const id = idFor(pointer);
  const problems = ctx.problems.get(pointer);
  const invalid = problems && problems.length > 0 ? true : undefined;
  const common = { id, 'aria-describedby': describedBy(node, pointer, problems), 'aria-invalid': invalid, 'aria-required': node.required ? true : undefined, disabled: ctx.disabled };
  const label = props.label ?? (node.label || node.key);
  const edit = (v: FormValue) => ctx.onEdit(path, v);
  const text = typeof value === 'string' ? value : '';

  if (node.kind === 'object') {
    return (
      <fieldset class="field field-object" data-field={pointer} data-kind="object" aria-describedby={common['aria-describedby']} aria-invalid={invalid}>
        <legend class="field-label">{label}{node.required && <span class="required" aria-hidden="true">*</span>}{props.actions}</legend>
        <Messages node={node} pointer={pointer} problems={problems} />
        {node.fields.map((f) => (
          <Field node={f} path={[...path, f.key]} pointer={childPointer(pointer, f.key)} value={getIn(value, [f.key])} ctx={ctx} />
        ))}
      </fieldset>
    );
  }
  if (node.kind === 'array') {
    const items = Array.isArray(value) ? value : [];
    const full = node.maxItems !== undefined && items.length >= node.maxItems;
    return (
      <fieldset class="field field-array" data-field={pointer} data-kind="array" aria-describedby={common['aria-describedby']} aria-invalid={invalid}>
        <legend class="field-label">{label}{node.required && <span class="required" aria-hidden="true">*</span>}{props.actions}</legend>
        <Messages node={node} pointer={pointer} problems={problems} />
        <ol class="array-items">
          {items.map((item, i) => {
            const remove = (
              <button type="button" class="icon-button" aria-label={`Remove ${label} item ${i + 1}`} title="Remove" disabled={ctx.disabled} data-testid="remove-item" onClick={() => edit(items.filter((_, j) => j !== i))}>
                <span class="codicon codicon-trash" aria-hidden="true" />
              </button>
            );
            const composite = node.item.kind === 'object' || node.item.kind === 'array';
            return (
              <li class="array-item">
                <Field node={node.item} path={[...path, i]} pointer={childPointer(pointer, i)} value={item} ctx={ctx} label={`${label} ${i + 1}`} actions={composite ? remove : undefined} />
                {!composite && remove}
              </li>
            );
          })}
        </ol>
        <button type="button" class="secondary add-item" data-testid="add-item" disabled={ctx.disabled || full} onClick={() => edit([...items, newItem(node)])}>
          <span class="codicon codicon-add" aria-hidden="true" /> Add {label} item
        </button>
      </fieldset>
    );
  }
  if (node.kind === 'boolean') {
    return (
      <div class="field field-boolean" data-field={pointer} data-kind="boolean">
        <div class="checkbox-row">
          <input type="checkbox" {...common} checked={value === true} onChange={(e) => edit((e.currentTarget as HTMLInputElement).checked)} />
          <Label node={node} id={id} text={label} />
          {value === undefined && !node.required && <span class="unset">(not sent)</span>}
        </div>
        <Messages node={node} pointer={pointer} problems={problems} />
      </div>
    );
  }
  let control;
  if (node.kind === 'enum') {
    control = (
      <select {...common} value={text} onChange={(e) => edit((e.currentTarget as HTMLSelectElement).value)}>
        {(text === '' || !node.required) && <option value="">{node.required ? '— choose —' : '— not set —'}</option>}
        {node.options.map((o, i) => <option value={String(i)} selected={text === String(i)}>{optionLabel(o)}</option>)}
      </select>
    );
  } else if (node.kind === 'json' || (node.kind === 'string' && node.multiline)) {
    control = <textarea {...common} class={node.kind === 'json' ? 'mono' : undefined} rows={node.kind === 'json' ? 4 : 3} spellcheck={node.kind !== 'json'} value={text} onInput={(e) => edit((e.currentTarget as HTMLTextAreaElement).value)} />;
  } else if (node.kind === 'string') {
    control = (
      <input type={node.inputType as 'text'} {...common} value={text} placeholder={node.placeholder} minLength={node.minLength} maxLength={node.maxLength}
        onInput={(e) => edit((e.currentTarget as HTMLInputElement).value)} />
    );
  } else {
    // Text, not type=number: a browser hides what a number input holds when it is not a number, and the host's
    // validator should see it and say "must be number". Arrow keys step by 1 as a number input's would.
    const step = (e: KeyboardEvent) => {
      if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
      const n = Number(text === '' ? (node.minimum ?? 0) - (e.key === 'ArrowUp' ? 1 : -1) : text);
      if (!Number.isFinite(n)) return;
      e.preventDefault();
      let next = n + (e.key === 'ArrowUp' ? 1 : -1);
      if (node.minimum !== undefined) next = Math.max(node.minimum, next);
      if (node.maximum !== undefined) next = Math.min(node.maximum, next);
      edit(String(node.kind === 'integer' ? Math.round(next) : next));
    };
    control = (
      <input type="text" inputMode={node.kind === 'integer' ? 'numeric' : 'decimal'} data-step="1" {...common} value={text} class="number"
        onInput={(e) => edit((e.currentTarget as HTMLInputElement).value)} onKeyDown={step} />
    );
  }
  return (
    <div class={`field field-${node.kind}`} data-field={pointer} data-kind={node.kind}>
      <Label node={node} id={id} text={label} />
      {props.actions}
      {control}
      <Messages node={node} pointer={pointer} problems={problems} />
    </div>
  );
}
