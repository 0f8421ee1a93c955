// Checks a value against a tool's input schema with the validator the runner uses, and says where each
// problem is as a JSON Pointer into the value, so a form can show it under the field it belongs to.
import type { ErrorObject } from 'ajv';
import { pointerSegment } from './json-doc';
import { schemaValidator } from './schema-validator';

/** One problem: where (a JSON Pointer; '' is the whole value) and what, in ajv's words. */
export interface ArgumentProblem {
  pointer: string;
  message: string;
}

/** The problems of `value` against `schema`; empty when it is valid, one problem when ajv cannot compile the schema. */
export function validateArguments(schema: unknown, value: unknown): ArgumentProblem[] {
  if (schema === null || typeof schema !== 'object') return [];
  const validate = schemaValidator(schema);
  if (!validate) return [{ pointer: '', message: 'the input schema cannot be compiled, so these arguments cannot be checked' }];
  if (validate(value)) return [];
  return problemsOf(validate.errors ?? []);
}

/** Ajv's errors as problems at JSON pointers, once each (also for a validator compiled elsewhere). */
export function problemsOf(errors: readonly ErrorObject[]): ArgumentProblem[] {
  return dedupe(errors.map(problemOf));
}

function problemOf(error: ErrorObject): ArgumentProblem {
  const params = error.params as { missingProperty?: string; additionalProperty?: string; allowedValues?: unknown[] };
  if (error.keyword === 'required' && params.missingProperty !== undefined) {
    return { pointer: `${error.instancePath}/${pointerSegment(params.missingProperty)}`, message: 'is required' };
  }
  if (error.keyword === 'additionalProperties' && params.additionalProperty !== undefined) {
    return { pointer: `${error.instancePath}/${pointerSegment(params.additionalProperty)}`, message: 'is not a property the schema allows' };
  }
  if (error.keyword === 'enum' && Array.isArray(params.allowedValues)) {
    return { pointer: error.instancePath, message: `must be one of ${params.allowedValues.map((v) => JSON.stringify(v)).join(', ')}` };
  }
  return { pointer: error.instancePath, message: error.message ?? 'is invalid' };
}

function dedupe(problems: ArgumentProblem[]): ArgumentProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.pointer}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
