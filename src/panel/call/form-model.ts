// The form of a call panel without a DOM: a tool's input schema (JSON Schema as servers produce it, zod-to-json-
// schema output included: $ref/$defs, anyOf with null, type arrays) becomes a tree of fields; the values a
// person typed become the arguments object (empty optional fields left out, text that is not a number sent as
// text so the host's validator says "must be number"); arguments become values again (a re-run, raw JSON).

import { childPointer, pointerWithin } from './paths';

export * from './paths';

/** How a string field is typed into. */
export type InputType = 'text' | 'email' | 'url' | 'date';

interface Base {
  /** The property name (objects) or '' (array items and the root). */
  key: string;
  label: string;
  description?: string;
  required: boolean;
  /** The schema allows null (anyOf with {type:'null'}, or type ['x','null']). */
  nullable: boolean;
  default?: unknown;
}

export type FieldNode =
  | (Base & { kind: 'string'; inputType: InputType; placeholder?: string; format?: string; minLength?: number; maxLength?: number; pattern?: string; multiline: boolean })
  | (Base & { kind: 'number' | 'integer'; minimum?: number; maximum?: number })
  | (Base & { kind: 'boolean' })
  | (Base & { kind: 'enum'; options: unknown[] })
  | (Base & { kind: 'object'; fields: FieldNode[] })
  | (Base & { kind: 'array'; item: FieldNode; minItems?: number; maxItems?: number })
  | (Base & { kind: 'json'; reason: string });

export type FieldKind = FieldNode['kind'];
export type ObjectNode = Extract<FieldNode, { kind: 'object' }>;

/** What a field holds while it is edited: text for strings, numbers, enums (the option's index) and JSON; a
 * boolean or undefined (never touched) for a checkbox; records and lists for objects and arrays. */
export type FormValue = string | boolean | undefined | FormRecord | FormValue[];
export interface FormRecord {
  [key: string]: FormValue;
}

type Schema = Record<string, unknown>;
const isObj = (v: unknown): v is Schema => v !== null && typeof v === 'object' && !Array.isArray(v);

const MAX_DEPTH = 12;

const FORMATS: Record<string, { inputType: InputType; placeholder: string }> = {
  'date-time': { inputType: 'text', placeholder: '2025-01-31T09:30:00Z' },
  date: { inputType: 'date', placeholder: '2025-01-31' },
  time: { inputType: 'text', placeholder: '09:30:00Z' },
  email: { inputType: 'email', placeholder: 'name@example.com' },
  uri: { inputType: 'url', placeholder: 'https://example.com/' },
  url: { inputType: 'url', placeholder: 'https://example.com/' },
  'uri-reference': { inputType: 'text', placeholder: '/path or https://…' },
  uuid: { inputType: 'text', placeholder: '123e4567-e89b-12d3-a456-426614174000' },
};

/** The root form of a tool's input schema: always an object node (a schema that is no object is one JSON field). */
export function buildForm(inputSchema: unknown): ObjectNode {
  const root = isObj(inputSchema) ? inputSchema : {};
  const node = buildNode(root, root, '', true, 0, new Set());
  if (node.kind === 'object') return node;
  return { kind: 'object', key: '', label: '', required: true, nullable: false, fields: [{ ...node, key: 'value', label: 'value' }] };
}

/** A form of string arguments (a prompt's arguments, a resource template's variables). */
export function stringForm(args: { name: string; description?: string; required?: boolean }[]): ObjectNode {
  return {
    kind: 'object', key: '', label: '', required: true, nullable: false,
    fields: args.map((a) => ({ kind: 'string', key: a.name, label: a.name, description: a.description, required: a.required === true, nullable: false, inputType: 'text', multiline: false })),
  };
}

function resolveRef(root: Schema, ref: string): Schema | undefined {
  if (!ref.startsWith('#')) return undefined;
  let at: unknown = root;
  for (const raw of ref.slice(1).split('/').slice(1)) {
    const seg = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    at = isObj(at) || Array.isArray(at) ? (at as Record<string, unknown>)[seg] : undefined;
  }
  return isObj(at) ? at : undefined;
}

/** Follows $ref and folds anyOf/oneOf with null and type arrays into one schema plus "nullable". */
function normalise(root: Schema, schema: Schema, seen: Set<string>): { schema: Schema; nullable: boolean; reason?: string; seen: Set<string> } {
  let s = schema;
  let nullable = false;
  for (let i = 0; i < MAX_DEPTH; i++) {
    if (typeof s.$ref === 'string') {
      if (seen.has(s.$ref)) return { seen, schema: s, nullable, reason: `recursive $ref ${s.$ref}` };
      const target = resolveRef(root, s.$ref);
      if (!target) return { seen, schema: s, nullable, reason: `unresolved $ref ${s.$ref}` };
      seen = new Set(seen).add(s.$ref);
      const { $ref: _ref, ...rest } = s;
      s = { ...target, ...rest };
      continue;
    }
    const union = Array.isArray(s.anyOf) ? s.anyOf : Array.isArray(s.oneOf) ? s.oneOf : undefined;
    if (union) {
      const members = union.filter(isObj);
      const rest = members.filter((m) => m.type !== 'null' && !(m.const === null) && !(Array.isArray(m.enum) && m.enum.length === 1 && m.enum[0] === null));
      if (rest.length < members.length) nullable = true;
      const { anyOf: _a, oneOf: _o, ...outer } = s;
      if (rest.length === 1) {
        s = { ...outer, ...rest[0] };
        continue;
      }
      const literals = rest.map((m) => ('const' in m ? [m.const] : Array.isArray(m.enum) ? m.enum : undefined));
      if (rest.length > 0 && literals.every((l) => l !== undefined)) {
        s = { ...outer, enum: literals.flat() };
        continue;
      }
      return { seen, schema: s, nullable, reason: 'a union of several shapes' };
    }
    if (Array.isArray(s.allOf)) {
      const parts = s.allOf.filter(isObj);
      const { allOf: _all, ...outer } = s;
      if (parts.length === 1) {
        s = { ...outer, ...parts[0] };
        continue;
      }
      return { seen, schema: s, nullable, reason: 'an allOf of several schemas' };
    }
    if (Array.isArray(s.type)) {
      const types = s.type.filter((t) => t !== 'null');
      if (types.length < s.type.length) nullable = true;
      if (types.length === 1) {
        s = { ...s, type: types[0] };
        continue;
      }
      return { seen, schema: s, nullable, reason: `one of several types (${types.join(', ')})` };
    }
    if (Array.isArray(s.enum)) {
      const values = s.enum.filter((v) => v !== null);
      if (values.length < s.enum.length) nullable = true;
      if (values.length !== s.enum.length) s = { ...s, enum: values };
    }
    return { seen, schema: s, nullable };
  }
  return { seen, schema: s, nullable, reason: 'too deeply nested' };
}

function buildNode(root: Schema, raw: Schema, key: string, required: boolean, depth: number, seen: Set<string>): FieldNode {
  const normal = normalise(root, raw, seen);
  const { schema: s, nullable, reason } = normal;
  seen = normal.seen;
  const base: Base = {
    key,
    label: typeof s.title === 'string' && s.title ? s.title : key,
    required,
    nullable,
    ...(typeof s.description === 'string' && s.description ? { description: s.description } : {}),
    ...('default' in s ? { default: s.default } : {}),
  };
  if (reason) return { ...base, kind: 'json', reason };
  if (depth > MAX_DEPTH) return { ...base, kind: 'json', reason: 'too deeply nested' };
  if ('const' in s) return { ...base, kind: 'enum', options: [s.const] };
  if (Array.isArray(s.enum) && s.enum.length > 0) return { ...base, kind: 'enum', options: s.enum };
  const type = s.type ?? (isObj(s.properties) ? 'object' : undefined);
  const num = (k: string) => (typeof s[k] === 'number' ? { [k]: s[k] as number } : {});
  switch (type) {
    case 'string': {
      const format = typeof s.format === 'string' ? s.format : undefined;
      const hint = format ? FORMATS[format] : undefined;
      const maxLength = typeof s.maxLength === 'number' ? s.maxLength : undefined;
      return {
        ...base, kind: 'string', inputType: hint?.inputType ?? 'text', multiline: maxLength === undefined || maxLength > 200 ? !format && !s.pattern && !s.enum && /\b(text|body|content|markdown|description|notes?|query|sql|script|message)\b/i.test(key) : false,
        ...(hint ? { placeholder: hint.placeholder } : {}), ...(format ? { format } : {}),
        ...num('minLength'), ...num('maxLength'), ...(typeof s.pattern === 'string' ? { pattern: s.pattern } : {}),
      };
    }
    case 'number':
    case 'integer': {
      const exclusive = (k: 'minimum' | 'maximum', ex: string) => (typeof s[k] === 'number' ? { [k]: s[k] as number } : typeof s[ex] === 'number' ? { [k]: s[ex] as number } : {});
      return { ...base, kind: type as "number" | "integer", ...exclusive('minimum', 'exclusiveMinimum'), ...exclusive('maximum', 'exclusiveMaximum') };
    }
    case 'boolean':
      return { ...base, kind: 'boolean' };
    case 'array': {
      if (!isObj(s.items)) return { ...base, kind: 'json', reason: Array.isArray(s.items) || Array.isArray(s.prefixItems) ? 'a tuple' : 'an array of any value' };
      const item = buildNode(root, s.items, '', false, depth + 1, seen);
      return { ...base, kind: 'array', item, ...num('minItems'), ...num('maxItems') };
    }
    case 'object': {
      const props = isObj(s.properties) ? s.properties : {};
      const names = Object.keys(props);
      if (names.length === 0) return { ...base, kind: 'json', reason: 'an object with free-form keys' };
      const req = new Set(Array.isArray(s.required) ? s.required.filter((r): r is string => typeof r === 'string') : []);
      const fields = names.map((name) => buildNode(root, isObj(props[name]) ? props[name] : {}, name, req.has(name), depth + 1, seen));
      return { ...base, kind: 'object', fields };
    }
    default:
      return { ...base, kind: 'json', reason: type === undefined ? 'any JSON value' : `type ${JSON.stringify(type)}` };
  }
}

// --- values --------------------------------------------------------------------------------------------------

/** The value a field starts from: `given` (arguments from a re-run or the raw JSON) or the schema's default. */
export function valueOf(node: FieldNode, given?: unknown): FormValue {
  const v = given !== undefined ? given : node.default;
  switch (node.kind) {
    case 'string':
      return typeof v === 'string' ? v : v === undefined || v === null ? '' : JSON.stringify(v);
    case 'number':
    case 'integer':
      return typeof v === 'number' ? String(v) : typeof v === 'string' ? v : '';
    case 'boolean':
      return typeof v === 'boolean' ? v : undefined;
    case 'enum': {
      const i = node.options.findIndex((o) => sameJson(o, v));
      return i >= 0 ? String(i) : '';
    }
    case 'object': {
      const record: FormRecord = {};
      const src = isObj(v) ? v : {};
      for (const f of node.fields) record[f.key] = valueOf(f, src[f.key]);
      return record;
    }
    case 'array':
      return Array.isArray(v) ? v.map((item) => valueOf(node.item, item)) : [];
    case 'json':
      return v === undefined ? '' : JSON.stringify(v, null, 2);
  }
}

/** The value of a fresh array item. */
export const newItem = (node: Extract<FieldNode, { kind: 'array' }>): FormValue => valueOf(node.item);

function sameJson(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === 'object' && typeof b === 'object' && JSON.stringify(a) === JSON.stringify(b));
}

export interface Arguments {
  args: Record<string, unknown>;
  /** Problems found without the host: JSON text that does not parse. */
  local: { pointer: string; message: string }[];
}

/** The arguments object the values make. */
export function toArguments(root: ObjectNode, values: FormValue): Arguments {
  const local: Arguments['local'] = [];
  const out = convert(root, values, '', false, local);
  return { args: isObj(out) ? out : {}, local };
}

/** undefined means "leave the property out". Array items are never left out (pointers must keep their index). */
function convert(node: FieldNode, v: FormValue, pointer: string, inArray: boolean, local: Arguments['local']): unknown {
  const empty = (): unknown => (inArray ? (node.kind === 'string' ? '' : null) : node.required && node.nullable ? null : undefined);
  switch (node.kind) {
    case 'string':
      return typeof v === 'string' && v !== '' ? v : empty();
    case 'number':
    case 'integer': {
      const text = typeof v === 'string' ? v.trim() : '';
      if (text === '') return inArray ? '' : empty();
      const n = Number(text);
      return Number.isFinite(n) && /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text) ? n : text;
    }
    case 'boolean':
      return typeof v === 'boolean' ? v : inArray ? false : undefined;
    case 'enum': {
      const i = typeof v === 'string' && v !== '' ? Number(v) : -1;
      return i >= 0 && i < node.options.length ? node.options[i] : empty();
    }
    case 'object': {
      const record = isObj(v) ? (v as FormRecord) : {};
      const out: Record<string, unknown> = {};
      for (const f of node.fields) {
        const c = convert(f, record[f.key], childPointer(pointer, f.key), false, local);
        if (c !== undefined) out[f.key] = c;
      }
      if (!node.required && !inArray && pointer !== '') {
        // An optional object the person left as it came (empty, or only its properties' defaults) is not sent:
        // its defaults alone would make it present, and then its own required properties missing.
        if (Object.keys(out).length === 0 || JSON.stringify(record) === JSON.stringify(valueOf(node))) return undefined;
      }
      return out;
    }
    case 'array': {
      const items = Array.isArray(v) ? v : [];
      if (items.length === 0 && !node.required && !inArray) return undefined;
      return items.map((item, i) => convert(node.item, item, childPointer(pointer, i), true, local));
    }
    case 'json': {
      const text = typeof v === 'string' ? v.trim() : '';
      if (text === '') return empty();
      try {
        return JSON.parse(text) as unknown;
      } catch (error) {
        local.push({ pointer, message: `is not valid JSON: ${(error as Error).message}` });
        return text;
      }
    }
  }
}

/** Every pointer the form shows a field at, for these values (array items included). */
export function fieldPointers(root: ObjectNode, values: FormValue): string[] {
  const out: string[] = [];
  const walk = (node: FieldNode, v: FormValue, pointer: string) => {
    if (pointer !== '') out.push(pointer);
    if (node.kind === 'object') for (const f of node.fields) walk(f, isObj(v) ? (v as FormRecord)[f.key] : undefined, childPointer(pointer, f.key));
    if (node.kind === 'array' && Array.isArray(v)) v.forEach((item, i) => walk(node.item, item, childPointer(pointer, i)));
  };
  walk(root, values, '');
  return out;
}

/** Sorts problems to the deepest field that holds their pointer; '' collects the rest (shown atop the form). */
export function placeProblems(pointers: string[], problems: { pointer: string; message: string }[]): Map<string, { pointer: string; message: string }[]> {
  const placed = new Map<string, { pointer: string; message: string }[]>();
  for (const p of problems) {
    let best = '';
    for (const f of pointers) if (pointerWithin(p.pointer, f) && f.length > best.length) best = f;
    placed.set(best, [...(placed.get(best) ?? []), p]);
  }
  return placed;
}

/** Problems the panel finds itself where the host does not validate: required string arguments left empty. */
export function requiredProblems(root: ObjectNode, args: Record<string, unknown>): { pointer: string; message: string }[] {
  return root.fields.filter((f) => f.required && (args[f.key] === undefined || args[f.key] === '')).map((f) => ({ pointer: childPointer('', f.key), message: 'is required' }));
}

/** JSON text that must be an object (the raw-JSON editors); the syntax error as a message otherwise. */
export function parseObject(text: string, what = 'the arguments'): { ok: true; value: Record<string, unknown> } | { ok: false; message: string } {
  try {
    const value = JSON.parse(text) as unknown;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return { ok: false, message: `${what} must be a JSON object` };
    return { ok: true, value: value as Record<string, unknown> };
  } catch (error) {
    return { ok: false, message: `JSON syntax error: ${(error as Error).message}` };
  }
}
