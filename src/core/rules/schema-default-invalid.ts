// schema/default-invalid: a `default` that fails its own schema. A client that fills in the default sends an
// argument the tool rejects (or documents an output the tool never produces).
import type { Rule } from './rule';
import { checkableSchemas, show, subSchemas, validatorFor } from './schema-walk';
import { spanAtPointer } from './spans';

export const schemaDefaultInvalid: Rule = {
  id: 'schema/default-invalid',
  severity: 'error',
  scope: 'file',
  description: 'A `default` value that does not validate against the schema it belongs to, so a client that uses it sends an invalid argument.',
  check(ctx, report) {
    for (const { tool, doc, which, file } of checkableSchemas(ctx)) {
      subSchemas(doc).forEach(({ schema, pointer }) => {
        if (!('default' in schema)) return;
        const { default: value, ...rest } = schema;
        const validate = validatorFor(doc.value, rest);
        if (!validate || validate(value)) return;
        const type = rest['type'] !== undefined ? ` (type ${show(rest['type'])})` : '';
        report({
          file,
          span: spanAtPointer(doc, `${pointer}/default`),
          message: `The default ${show(value)} in the ${which} schema of \`${tool.name}\` fails its own schema${type}; change the default to a value the schema accepts, or fix the schema.`,
        });
      });
    }
  },
};
