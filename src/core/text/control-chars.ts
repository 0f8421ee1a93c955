// Text a server sends may hold terminal control sequences (ANSI CSI, OSC window titles, a carriage return that
// redraws a line, 8-bit C1 controls). Before such text reaches a terminal (or a panel that renders it), every
// control character is replaced by a visible escape such as \x1b, so it is shown, never obeyed.

// C0 controls except tab and newline, DEL, and the C1 range.
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f\x80-\x9f]/g;
const CONTROL_OR_NEWLINE = /[\x00-\x08\x0a-\x1f\x7f\x80-\x9f]/g;

const visible = (c: string): string => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;

/** The text with its control characters made visible; newlines are kept unless `oneLine`. */
export function neutralizeControls(text: string, oneLine = false): string {
  const pattern = oneLine ? CONTROL_OR_NEWLINE : CONTROL;
  pattern.lastIndex = 0;
  return pattern.test(text) ? text.replace(pattern, (c) => (oneLine && c === '\n' ? '\\n' : visible(c))) : text;
}

/** A JSON value with every string in it (keys too) passed through neutralizeControls, as one line each. */
export function neutralizeDeep<T>(value: T): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return neutralizeControls(v, true);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [neutralizeControls(k, true), walk(x)]));
    return v;
  };
  return walk(value) as T;
}

/**
 * JSON text for a terminal: JSON.stringify escapes C0 controls but leaves DEL and the C1 range (an 8-bit CSI to
 * many terminals) raw; they are escaped too, so the text parses to exactly the same value.
 */
export function terminalJson(value: unknown, space?: number): string {
  return (JSON.stringify(value, null, space) ?? 'null').replace(/[\x7f-\x9f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
