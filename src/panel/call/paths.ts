// JSON Pointers into the arguments (where a problem is, which field shows it) and immutable edits of the form's
// values by path.
import type { FormRecord, FormValue } from './form-model';

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

// --- JSON pointers -------------------------------------------------------------------------------------------

export const escapeSegment = (segment: string): string => segment.replace(/~/g, '~0').replace(/\//g, '~1');
export const childPointer = (parent: string, segment: string | number): string => `${parent}/${escapeSegment(String(segment))}`;

/** True when `pointer` is `prefix` or inside it. */
export function pointerWithin(pointer: string, prefix: string): boolean {
  return pointer === prefix || (prefix === '' ? pointer.startsWith('/') : pointer.startsWith(`${prefix}/`));
}

// --- immutable edits by path ---------------------------------------------------------------------------------

export type Path = (string | number)[];

export function getIn(v: FormValue, path: Path): FormValue {
  let at: FormValue = v;
  for (const seg of path) at = Array.isArray(at) ? at[seg as number] : isObj(at) ? (at as FormRecord)[seg as string] : undefined;
  return at;
}

export function setIn(v: FormValue, path: Path, value: FormValue): FormValue {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string | number, ...Path];
  if (typeof head === 'number') {
    const list = Array.isArray(v) ? [...v] : [];
    list[head] = setIn(list[head], rest, value);
    return list;
  }
  const record: FormRecord = isObj(v) ? { ...(v as FormRecord) } : {};
  record[head] = setIn(record[head], rest, value);
  return record;
}

export const pathPointer = (path: Path): string => path.reduce<string>((p, seg) => childPointer(p, seg), '');
