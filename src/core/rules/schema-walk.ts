// Walks a tool's JSON Schemas: which schemas a workspace holds, and every sub-schema of one with its JSON pointer.
import Ajv from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { FileModel, JsonDoc, ToolDef } from '../model';
import { pointerSegment } from '../json/json-doc';
import { perContext, perObject } from './memo';
import type { CheckContext, Subjects } from './rule';

export interface ToolSchema {
  tool: ToolDef;
  doc: JsonDoc;
  which: 'input' | 'output';
  /** The file the schema is written in (its tool's, or the sibling module it is imported from). */
  file: string;
}

/** Every input and output schema of the workspace's tools that parsed cleanly (a `json!` with Rust expressions
 * in it is not JSON, so it is not checked). */
export const checkableSchemas = perContext((ctx): ToolSchema[] => schemasOf(ctx.files));

function schemasOf(files: FileModel[]): ToolSchema[] {
  const out: ToolSchema[] = [];
  for (const model of files) {
    for (const tool of model.tools) {
      for (const [which, doc] of [['input', tool.inputSchema], ['output', tool.outputSchema]] as const) {
        if (doc && doc.errors.length === 0 && doc.value !== undefined) out.push({ tool, doc, which, file: doc.file ?? tool.file });
      }
    }
  }
  return out;
}

/** The schemas a rule reports on: those of the context's subjects (see subjectsOf), else every checkable one. */
export function subjectSchemas(ctx: CheckContext): ToolSchema[] {
  return ctx.subjects ? schemasOfSubjects(ctx.subjects) : checkableSchemas(ctx);
}

const schemasOfSubjects = perObject((subjects: Subjects) => schemasOf(subjects.files));

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

const SINGLE = ['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains', 'propertyNames', 'unevaluatedItems', 'unevaluatedProperties', 'additionalItems'];
const LISTS = ['anyOf', 'oneOf', 'allOf', 'prefixItems'];
const MAPS = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'];

/** A schema and every sub-schema in it, with its JSON pointer, walked once per parsed schema. */
export const subSchemas = perObject((doc: JsonDoc): { schema: Record<string, unknown>; pointer: string }[] => {
  const out: { schema: Record<string, unknown>; pointer: string }[] = [];
  walkSchema(doc.value, (schema, pointer) => out.push({ schema, pointer }));
  return out;
});

/** Each keyword holding sub-schemas, by its place in the walk's order (single schemas, then lists, then maps). */
const WALKED = new Map<string, { at: number; form: 'single' | 'list' | 'map' }>([
  ...SINGLE.map((k) => [k, 'single'] as const),
  ...LISTS.map((k) => [k, 'list'] as const),
  ...MAPS.map((k) => [k, 'map'] as const),
].map(([k, form], at) => [k, { at, form }]));

/**
 * Calls `visit` for the schema and every sub-schema in it, with its JSON pointer. Only the keys a schema has are
 * looked at (a schema holds a few of the twenty keywords, and a lookup of each missing one is most of a walk), in
 * the keywords' order whatever order the schema writes them in.
 */
function walkSchema(schema: unknown, visit: (schema: Record<string, unknown>, pointer: string) => void, pointer = ''): void {
  if (!isObject(schema)) return;
  visit(schema, pointer);
  let present: string[] | undefined;
  for (const key in schema) if (WALKED.has(key)) (present ??= []).push(key);
  if (!present) return;
  if (present.length > 1) present.sort((a, b) => WALKED.get(a)!.at - WALKED.get(b)!.at);
  for (const key of present) {
    const sub = schema[key];
    const form = WALKED.get(key)!.form;
    if (form === 'map') {
      if (isObject(sub)) for (const [name, s] of Object.entries(sub)) walkSchema(s, visit, `${pointer}/${key}/${pointerSegment(name)}`);
    } else if (Array.isArray(sub)) sub.forEach((s, i) => walkSchema(s, visit, `${pointer}/${key}/${i}`));
    else if (form === 'single') walkSchema(sub, visit, `${pointer}/${key}`);
  }
}

export const DRAFT_07 = /^https?:\/\/json-schema\.org\/draft-07\/schema#?$/;
export const DRAFT_2020 = /^https?:\/\/json-schema\.org\/draft\/2020-12\/schema#?$/;

let validators: { draft2020: Ajv2020; draft07: Ajv } | undefined;

/** The two ajv instances (built once): draft 2020-12, the default, and draft-07 for schemas that ask for it. */
export function ajvFor(root: unknown): Ajv | Ajv2020 | undefined {
  validators ??= {
    draft2020: addFormats(new Ajv2020({ strict: false, allErrors: true, validateSchema: false, addUsedSchema: false })),
    draft07: addFormats(new Ajv({ strict: false, allErrors: true, validateSchema: false, addUsedSchema: false })),
  };
  const declared = isObject(root) ? root['$schema'] : undefined;
  if (declared === undefined || (typeof declared === 'string' && DRAFT_2020.test(declared))) return validators.draft2020;
  if (typeof declared === 'string' && DRAFT_07.test(declared)) return validators.draft07;
  return undefined;
}

// Keywords that never fail a value; a schema of these plus `type`, primitive `enum` and `const` is checked here
// directly, as ajv would, without compiling it (most `default`s and `enum`s sit in such schemas).
const ANNOTATIONS = new Set(['title', 'description', 'default', 'examples', '$comment', 'deprecated', 'readOnly', 'writeOnly']);
const TYPES: Record<string, (v: unknown) => boolean> = {
  string: (v) => typeof v === 'string',
  number: (v) => typeof v === 'number',
  integer: (v) => typeof v === 'number' && Number.isInteger(v),
  boolean: (v) => typeof v === 'boolean',
  null: (v) => v === null,
  array: (v) => Array.isArray(v),
  object: (v) => isObject(v),
};
const isPrimitive = (v: unknown) => v === null || typeof v !== 'object';

/** A validator for a schema made only of `type`, primitive `enum`/`const` and annotations; undefined otherwise. */
export function simpleValidator(schema: Record<string, unknown>): ((value: unknown) => boolean) | undefined {
  const checks: ((v: unknown) => boolean)[] = [];
  for (const [key, value] of Object.entries(schema)) {
    if (ANNOTATIONS.has(key)) continue;
    if (key === 'type') {
      const names = Array.isArray(value) ? value : [value];
      const tests = names.map((n) => (typeof n === 'string' ? TYPES[n] : undefined));
      if (tests.length === 0 || tests.some((t) => !t)) return undefined;
      checks.push((v) => tests.some((t) => t!(v)));
    } else if (key === 'enum') {
      if (!Array.isArray(value) || !value.every(isPrimitive)) return undefined;
      checks.push((v) => value.includes(v));
    } else if (key === 'const') {
      if (!isPrimitive(value)) return undefined;
      checks.push((v) => v === value);
    } else return undefined;
  }
  return (v) => checks.every((check) => check(v));
}

const compiled = new Map<string, ((value: unknown) => boolean) | null>();

/** A validator for a sub-schema (with the root's `$defs`/`definitions` so local `$ref`s resolve), or undefined when
 * ajv cannot compile it (an invalid schema is reported by schema/invalid, not here). Cached by content. */
export function validatorFor(root: unknown, sub: Record<string, unknown>): ((value: unknown) => boolean) | undefined {
  const ajv = ajvFor(root);
  if (!ajv) return undefined;
  const simple = simpleValidator(sub);
  if (simple) return simple;
  const schema: Record<string, unknown> = { ...sub };
  if (isObject(root)) {
    if (root['$schema']) schema['$schema'] = root['$schema'];
    for (const key of ['$defs', 'definitions']) if (root[key] !== undefined && schema[key] === undefined) schema[key] = root[key];
  }
  const key = JSON.stringify(schema);
  let validate = compiled.get(key);
  if (validate === undefined) {
    try {
      const fn = ajv.compile(schema);
      validate = (value: unknown) => fn(value) as boolean;
    } catch {
      validate = null;
    }
    // The cache lives as long as the process (the language server), so it is bounded.
    if (compiled.size > 5000) compiled.clear();
    compiled.set(key, validate);
  }
  return validate ?? undefined;
}

/** A JSON value as the author would write it, for messages. */
export const show = (value: unknown): string => JSON.stringify(value) ?? String(value);
