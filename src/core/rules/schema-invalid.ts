// schema/invalid: a tool's input or output schema that is not a valid JSON Schema. A client that validates
// arguments with it (or an SDK that compiles it) fails before the tool ever runs.
import type { ErrorObject } from 'ajv';
import { replaceFix, type Rule } from './rule';
import { closest } from './util';
import { ajvFor, checkableSchemas, show } from './schema-walk';
import { spanAtPointer } from './spans';
import { valueAtPointer } from '../json/json-doc';

function describe(error: ErrorObject, draft: string): { message: string; suggestion?: string } {
  const where = error.instancePath || 'the schema root';
  if (error.keyword === 'enum') {
    const allowed = (error.params as { allowedValues: unknown[] }).allowedValues;
    return { message: `${where} must be one of ${allowed.map(show).join(', ')} (JSON Schema ${draft})`, suggestion: allowed.filter((a) => typeof a === 'string').join('\n') };
  }
  if (error.keyword === 'type') return { message: `${where} must be of type ${(error.params as { type: string }).type} in JSON Schema ${draft}; change the value's type` };
  return { message: `${where} ${error.message ?? 'is invalid'} (JSON Schema ${draft}); change it to match the meta-schema` };
}

export const schemaInvalid: Rule = {
  id: 'schema/invalid',
  severity: 'error',
  scope: 'file',
  description: 'A tool input or output schema that fails JSON Schema meta-validation (draft 2020-12, or draft-07 when `$schema` says so), so clients cannot validate against it.',
  check(ctx, report) {
    for (const { tool, doc, which, file } of checkableSchemas(ctx)) {
      const ajv = ajvFor(doc.value);
      const declared = (doc.value as { $schema?: unknown } | null)?.$schema;
      if (!ajv) {
        report({ file, span: spanAtPointer(doc, '/$schema'), severity: 'warning', message: `The ${which} schema of \`${tool.name}\` declares $schema ${show(declared)}, which the checker does not know; use "https://json-schema.org/draft/2020-12/schema" (MCP's default) or draft-07.` });
        continue;
      }
      const draft = typeof declared === 'string' && declared.includes('draft-07') ? 'draft-07' : '2020-12';
      let valid: boolean;
      try {
        valid = ajv.validateSchema(doc.value as object) as boolean;
      } catch {
        continue;
      }
      if (valid) continue;
      // ajv reports every failed branch of the meta-schema; the first error at each member is the most specific.
      const seen = new Set<string>();
      for (const error of ajv.errors ?? []) {
        if (seen.has(error.instancePath)) continue;
        seen.add(error.instancePath);
        const { message, suggestion } = describe(error, draft);
        const span = spanAtPointer(doc, error.instancePath);
        const value = doc.locations[error.instancePath] ? valueAtPointer(doc.value, error.instancePath) : undefined;
        const best = typeof value === 'string' && suggestion ? closest(value, suggestion.split('\n')) : undefined;
        report({
          file,
          span,
          message: `Invalid ${which} schema of \`${tool.name}\`: ${message}.${best ? ` Did you mean ${show(best)}?` : ''}`,
          ...(best ? { fixes: [replaceFix(`Change to ${show(best)}`, file, span, show(best))] } : {}),
        });
      }
    }
  },
};
