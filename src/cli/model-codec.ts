// A compact JSON form of a model for the cache's model store. Most of a model's JSON is spans (offsets with their
// line/character range) and offset maps (one offset per character of a decoded string); they are written as
// tuples and runs, tagged with keys no model holds (a NUL first), and read back as the very same values, key order
// included. An object that does have such a key is written escaped, so any JSON value goes through unchanged.

const INTS = '\u0000i';
const SPAN = '\u0000s';
const ESCAPED = '\u0000o';
const SPAN_KEYS = 'start,end,range';
const RANGE_KEYS = 'start,end';
const POSITION_KEYS = 'line,character';
/** Shorter integer arrays are left as they are: a run would not be shorter. */
const MIN_RUN_ARRAY = 8;

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const keysOf = (o: object) => Object.keys(o).join(',');
const isIntArray = (a: unknown[]) => {
  if (a.length < MIN_RUN_ARRAY) return false;
  for (let i = 0; i < a.length; i++) if (!Number.isInteger(a[i])) return false;
  return true;
};
/** Sets a key as an own property, `__proto__` too (as JSON.parse does). */
function setOwn(o: { [key: string]: unknown }, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
  else o[key] = value;
}
const isPosition = (p: unknown): p is { line: number; character: number } =>
  typeof p === 'object' && p !== null && keysOf(p) === POSITION_KEYS && Number.isInteger((p as { line: unknown }).line) && Number.isInteger((p as { character: unknown }).character);

/** The span tuple [start, end, line, character, line, character] of a span object in its usual key order. */
function spanTuple(o: { [key: string]: unknown }): number[] | undefined {
  if (keysOf(o) !== SPAN_KEYS || !Number.isInteger(o['start']) || !Number.isInteger(o['end'])) return undefined;
  const range = o['range'] as { start?: unknown; end?: unknown } | null;
  if (typeof range !== 'object' || range === null || keysOf(range) !== RANGE_KEYS || !isPosition(range.start) || !isPosition(range.end)) return undefined;
  return [o['start'] as number, o['end'] as number, range.start.line, range.start.character, range.end.line, range.end.character];
}

/** [first, step, count, step, count, …]: the differences of an integer array, in runs. */
function runsOf(values: number[]): number[] {
  const out = [values[0]!];
  for (let i = 1; i < values.length; ) {
    const step = values[i]! - values[i - 1]!;
    let count = 1;
    while (i + count < values.length && values[i + count]! - values[i + count - 1]! === step) count++;
    out.push(step, count);
    i += count;
  }
  return out;
}

function valuesOf(runs: number[]): number[] {
  const out = [runs[0]!];
  for (let i = 1; i + 1 < runs.length; i += 2) for (let n = 0; n < runs[i + 1]!; n++) out.push(out[out.length - 1]! + runs[i]!);
  return out;
}

/** The compact form of a JSON value. */
export function encodeModel(value: unknown): Json {
  if (Array.isArray(value)) {
    if (isIntArray(value)) return { [INTS]: runsOf(value as number[]) };
    return value.map(encodeModel);
  }
  if (typeof value !== 'object' || value === null) return value as Json;
  const o = value as { [key: string]: unknown };
  const span = spanTuple(o);
  if (span) return { [SPAN]: span };
  const out: { [key: string]: Json } = {};
  let escape = false;
  for (const key of Object.keys(o)) {
    if (o[key] === undefined) continue;
    escape ||= key.startsWith('\u0000');
    setOwn(out, key, encodeModel(o[key]));
  }
  return escape ? { [ESCAPED]: out } : out;
}

/** The value a compact form was made from. */
export function decodeModel(value: Json): unknown {
  if (Array.isArray(value)) return value.map(decodeModel);
  if (typeof value !== 'object' || value === null) return value;
  const ints = value[INTS];
  if (ints !== undefined) return valuesOf(ints as number[]);
  const span = value[SPAN] as number[] | undefined;
  if (span !== undefined) return { start: span[0], end: span[1], range: { start: { line: span[2], character: span[3] }, end: { line: span[4], character: span[5] } } };
  const fields = (value[ESCAPED] ?? value) as { [key: string]: Json };
  const out: { [key: string]: unknown } = {};
  for (const key of Object.keys(fields)) setOwn(out, key, decodeModel(fields[key]!));
  return out;
}
