// Compiled JSON Schema validators for tool schemas (workflow argument checks, structuredContent checks), with
// the formats (date-time, email, uri, …, and schemars' uint8, int64, …) a tool's schema may use. One ajv, memoised by schema object: the
// language server re-checks on every edit and a runner lists tools more than once. Ajv's own registry is
// emptied right after each compile, so a schema with an `$id` compiles again from a later tools/list instead of
// failing as "already exists", and an edited-away schema can be collected.
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { addSchemarsFormats } from './schemars-formats';

const validators = new WeakMap<object, ValidateFunction | null>();
let ajv: Ajv | undefined;

/** The validator of a schema, or undefined when ajv cannot compile it (the schema rules report that). */
export function schemaValidator(schema: object): ValidateFunction | undefined {
  let validate = validators.get(schema);
  if (validate === undefined) {
    ajv ??= addSchemarsFormats(addFormats(new Ajv({ allErrors: true, strict: false, validateSchema: false })));
    try {
      validate = ajv.compile(schema);
    } catch {
      validate = null;
    }
    ajv.removeSchema(schema);
    validators.set(schema, validate);
  }
  return validate ?? undefined;
}
