// schema/enum-invalid: an `enum` member that fails the rest of its schema (the client can never send it), or an
// `enum` listing the same value twice (a slip that often hides a missing value).
import type { Rule } from './rule';
import { checkableSchemas, show, subSchemas, validatorFor } from './schema-walk';
import { spanAtPointer } from './spans';

export const schemaEnumInvalid: Rule = {
  id: 'schema/enum-invalid',
  severity: 'error',
  scope: 'file',
  description: 'An `enum` value that fails its own schema (e.g. a number in a string enum) or appears twice.',
  check(ctx, report) {
    for (const { tool, doc, which, file } of checkableSchemas(ctx)) {
      subSchemas(doc).forEach(({ schema, pointer }) => {
        const values = schema['enum'];
        if (!Array.isArray(values)) return;
        const { enum: _enum, ...rest } = schema;
        const validate = validatorFor(doc.value, rest);
        const seen = new Map<string, number>();
        values.forEach((value, index) => {
          const key = JSON.stringify(value);
          const span = () => spanAtPointer(doc, `${pointer}/enum/${index}`);
          const first = seen.get(key);
          if (first !== undefined) {
            report({ file, span: span(), message: `The enum in the ${which} schema of \`${tool.name}\` lists ${show(value)} twice (first at position ${first + 1}); remove the duplicate or correct it to the value you meant.` });
            return;
          }
          seen.set(key, index);
          if (validate && !validate(value)) {
            const type = rest['type'] !== undefined ? ` (type ${show(rest['type'])})` : '';
            report({ file, span: span(), message: `The enum value ${show(value)} in the ${which} schema of \`${tool.name}\` fails its own schema${type}; change the value or the schema so they agree.` });
          }
        });
      });
    }
  },
};
