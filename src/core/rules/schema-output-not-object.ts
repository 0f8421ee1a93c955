// schema/output-not-object: MCP requires a tool's `outputSchema` to describe an object (`"type": "object"`);
// clients reject the tool list or cannot validate `structuredContent` otherwise.
import type { Rule } from './rule';
import { checkableSchemas, show } from './schema-walk';
import { insertAtRootFix } from './schema-object-without-properties';
import { openingSpan, spanAtPointer } from './spans';

export const schemaOutputNotObject: Rule = {
  id: 'schema/output-not-object',
  severity: 'error',
  description: 'An output schema whose `type` is not "object"; MCP requires structured results to be objects.',
  check(ctx, report) {
    for (const { tool, doc, which } of checkableSchemas(ctx)) {
      if (which !== 'output') continue;
      const schema = doc.value;
      if (!schema || typeof schema !== 'object' || Array.isArray(schema)) {
        report({ file: tool.file, span: doc.span, message: `The output schema of \`${tool.name}\` is not a schema object; MCP requires { "type": "object", "properties": { … } }.` });
        continue;
      }
      const type = (schema as Record<string, unknown>)['type'];
      if (type === 'object') continue;
      if (type === undefined) {
        const member = doc.origin === 'json' ? '"type": "object"' : "type: 'object'";
        report({
          file: tool.file,
          span: openingSpan(doc),
          message: `The output schema of \`${tool.name}\` has no "type"; MCP requires "type": "object" on an output schema. Add it.`,
          fixes: insertAtRootFix('Add "type": "object"', tool.file, doc, member),
        });
        continue;
      }
      report({
        file: tool.file,
        span: spanAtPointer(doc, '/type'),
        message: `The output schema of \`${tool.name}\` has type ${show(type)}, but MCP requires "object": wrap the result in an object property, e.g. { "type": "object", "properties": { "items": <this schema> } }.`,
      });
    }
  },
};
