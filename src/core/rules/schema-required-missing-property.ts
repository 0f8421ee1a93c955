// schema/required-missing-property: `required` names a property the schema never declares. Clients that build
// arguments from `properties` cannot satisfy it, so every call fails validation.
import { replaceFix, type Rule } from './rule';
import { closest } from './util';
import { checkableSchemas } from './schema-walk';
import { subSchemas } from './schema-walk';
import { spanAtPointer } from './spans';

export const schemaRequiredMissingProperty: Rule = {
  id: 'schema/required-missing-property',
  severity: 'error',
  scope: 'file',
  description: '`required` names a property that `properties` does not declare, so no argument object the client builds can be valid.',
  check(ctx, report) {
    for (const { tool, doc, which, file } of checkableSchemas(ctx)) {
      subSchemas(doc).forEach(({ schema, pointer }) => {
        const required = schema['required'];
        const properties = schema['properties'];
        if (!Array.isArray(required) || !properties || typeof properties !== 'object') return;
        // Other keywords can admit the property (patterns, combinators); only a plain `properties` list is certain.
        if (['patternProperties', 'allOf', 'anyOf', 'oneOf', '$ref', 'dependentSchemas'].some((k) => k in schema)) return;
        const declared = Object.keys(properties);
        required.forEach((name, index) => {
          if (typeof name !== 'string' || declared.includes(name)) return;
          const span = spanAtPointer(doc, `${pointer}/required/${index}`);
          const best = closest(name, declared.filter((d) => !required.includes(d)));
          report({
            file,
            span,
            message: `The ${which} schema of \`${tool.name}\` requires "${name}", but declares no such property; ${best ? `did you mean "${best}"?` : `add "${name}" to \`properties\` or remove it from \`required\`.`}`,
            ...(best ? { fixes: [replaceFix(`Require "${best}" instead`, file, span, JSON.stringify(best))] } : {}),
          });
        });
      });
    }
  },
};
