// schema/object-without-properties: an input schema `{ "type": "object" }` that declares no properties. The
// client sees a tool that takes "any object" and has to guess the argument names.
import type { JsonDoc } from '../model';
import type { Fix } from '../diagnostic';
import type { Rule } from './rule';
import { checkableSchemas } from './schema-walk';
import { spanAtPointer } from './spans';

/** An edit inserting `"key": value,` right after the opening brace of the schema root, when the root is a literal. */
export function insertAtRootFix(title: string, file: string, doc: JsonDoc, member: string): Fix[] {
  const root = doc.locations['']?.value;
  if (!root || doc.origin === 'zod') return [];
  const at = { line: root.range.start.line, character: root.range.start.character + 1 };
  return [{ title, edits: [{ file, range: { start: at, end: at }, newText: ` ${member},` }] }];
}

export const schemaObjectWithoutProperties: Rule = {
  id: 'schema/object-without-properties',
  severity: 'warning',
  scope: 'file',
  description: 'An input schema of type "object" with no `properties`, so the client has to guess the argument names.',
  check(ctx, report) {
    for (const { tool, doc, which, file } of checkableSchemas(ctx)) {
      if (which !== 'input') continue;
      const schema = doc.value as Record<string, unknown> | null;
      if (!schema || typeof schema !== 'object' || schema['type'] !== 'object' || 'properties' in schema) continue;
      // These keywords describe the arguments in another way; the client is not left guessing.
      if (['patternProperties', 'additionalProperties', '$ref', 'allOf', 'anyOf', 'oneOf'].some((k) => k in schema)) continue;
      const key = doc.origin === 'json' ? '"properties": {}' : 'properties: {}';
      report({
        file,
        span: spanAtPointer(doc, '/type'),
        message: `The input schema of \`${tool.name}\` is an object with no \`properties\`: declare each argument under \`properties\` (write \`properties: {}\` if the tool takes none).`,
        fixes: insertAtRootFix('Declare an empty `properties`', file, doc, key),
      });
    }
  },
};
