// A workflow input typed by a person (a CLI flag, a terminal prompt, an editor input box) as the value of
// its declared type, or why the text is not one.
import type { WorkflowInput } from './types';

/** The text as the input's type: a number, an integer, a boolean, or the text itself. */
export function inputValue(text: string, type: WorkflowInput['type']): { ok: true; value: unknown } | { ok: false; expected: string } {
  if (type === 'number' || type === 'integer') {
    const n = Number(text);
    if (text.trim() === '' || Number.isNaN(n) || (type === 'integer' && !Number.isInteger(n))) return { ok: false, expected: type === 'integer' ? 'an integer' : 'a number' };
    return { ok: true, value: n };
  }
  if (type === 'boolean') {
    if (text !== 'true' && text !== 'false') return { ok: false, expected: 'true or false' };
    return { ok: true, value: text === 'true' };
  }
  return { ok: true, value: text };
}
