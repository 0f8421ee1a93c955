// The arguments form: the problems that belong to no field atop, then one field per property, or (raw-JSON
// mode) one editor for the whole arguments object with the same problems listed by pointer.
import { childPointer, fieldPointers, getIn, placeProblems, type FormValue, type Path } from './form-model';
import { Field, type FieldContext } from './fields';
import type { State } from './state';
import type { ValidationProblem } from '../../shared/panel-protocol';

export interface FormProps {
  state: State;
  problems: ValidationProblem[];
  onEdit: (path: Path, value: FormValue) => void;
  onRawText: (text: string) => void;
  onToggleRaw: () => void;
  /** Top-level properties not shown (a state machine's `state` and `input`, which its own section sends). */
  hide?: string[];
  heading?: string;
}

export function ArgumentsForm(props: FormProps) {
  const { state, problems } = props;
  const form = state.form;
  if (!form) return null;
  const raw = state.raw.on;
  const placed = raw ? new Map([['', problems]]) : placeProblems(fieldPointers(form, state.values), problems);
  const top = placed.get('') ?? [];
  const ctx: FieldContext = { problems: placed, onEdit: props.onEdit, disabled: state.call !== undefined };
  const item = state.item;
  const noun = props.heading ?? (item?.kind === 'resource' ? 'Template variables' : 'Arguments');
  const fields = form.fields.filter((f) => !props.hide?.includes(f.key));
  const hasFields = fields.length > 0;
  if (!hasFields && item?.kind !== 'tool') {
    return <div class="form" data-testid="form"><p class="muted">{item?.kind === 'resource' ? 'This resource takes no variables.' : 'This prompt takes no arguments.'}</p></div>;
  }
  return (
    <form class="form" data-testid="form" onSubmit={(e) => e.preventDefault()} aria-label={noun} noValidate>
      <div class="form-head">
        <h2>{noun}</h2>
        {item?.kind === 'tool' && (
          <button type="button" class="secondary toggle" data-testid="raw-toggle" aria-pressed={raw} onClick={props.onToggleRaw}
            title={raw ? 'Edit with the form (the JSON must parse)' : 'Edit the whole arguments object as JSON'}>
            <span class={`codicon ${raw ? 'codicon-list-flat' : 'codicon-json'}`} aria-hidden="true" /> {raw ? 'Form' : 'Raw JSON'}
          </button>
        )}
      </div>
      {top.length > 0 && (
        <ul class="problems top-problems" data-testid="form-problems" id="form-problems">
          {top.map((p) => (
            <li class="problem"><span class="codicon codicon-error" aria-hidden="true" /> <span>{p.pointer && <><code>{p.pointer}</code>{' '}</>}{p.message}</span></li>
          ))}
        </ul>
      )}
      {raw ? (
        <div class="field field-raw" data-field="" data-kind="raw">
          <label for="raw-json" class="field-label">Arguments as JSON</label>
          <textarea id="raw-json" class="mono raw" rows={12} spellcheck={false} value={state.raw.text} aria-invalid={top.length > 0 ? true : undefined}
            aria-describedby={top.length > 0 ? 'form-problems' : undefined} disabled={ctx.disabled} onInput={(e) => props.onRawText((e.currentTarget as HTMLTextAreaElement).value)} />
        </div>
      ) : hasFields ? (
        fields.map((f) => <Field node={f} path={[f.key]} pointer={childPointer('', f.key)} value={getIn(state.values, [f.key])} ctx={ctx} />)
      ) : (
        <p class="muted">{form.fields.length > 0 ? 'No arguments besides the state machine\'s own.' : 'This tool takes no arguments.'}</p>
      )}
    </form>
  );
}
