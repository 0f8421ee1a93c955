// The keystrokes bench/lsp types: one character into the first `{{customer_id}}` of a prompt template, then
// deleted again, so each keystroke changes the file's diagnostics (template/undeclared-variable comes and goes)
// and the server has something to publish.

export interface Keystroke {
  change: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string };
}

function positionOf(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

/** `count` keystrokes alternating an insertion of `x` after `{{customer_id` and its deletion. */
export function keystrokes(text: string, count: number): Keystroke[] {
  const at = text.indexOf('{{customer_id}}');
  if (at < 0) throw new Error('no {{customer_id}} in the file to type into');
  const p = positionOf(text, at + '{{customer_id'.length);
  const after = { line: p.line, character: p.character + 1 };
  return Array.from({ length: count }, (_, i) => ({ change: i % 2 === 0 ? { range: { start: p, end: p }, text: 'x' } : { range: { start: p, end: after }, text: '' } }));
}
