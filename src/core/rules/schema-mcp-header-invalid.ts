// schema/mcp-header-invalid: an `x-mcp-header` annotation (SEP-2243, revision 2026-07-28) that breaks the spec's
// constraints. A client MUST drop a tool whose annotation is invalid from its tool list, so the tool silently
// disappears: the value must be an HTTP token, unique (ignoring case) within the input schema, on a property of
// type string, integer or boolean, reached from the root through `properties` only.
import type { Rule } from './rule';
import { checkableSchemas, subSchemas } from './schema-walk';
import { spanAtPointer } from './spans';

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const PRIMITIVE = new Set(['string', 'integer', 'boolean']);

/** What is wrong with one annotated property, or undefined. */
function problemOf(schema: Record<string, unknown>, pointer: string, seen: Map<string, string>): string | undefined {
  const value = schema['x-mcp-header'];
  if (typeof value !== 'string' || !TOKEN.test(value)) return `its value ${JSON.stringify(value)} is not an HTTP header-name token (letters, digits and !#$%&'*+-.^_\`|~, no spaces)`;
  if (!/^(?:\/properties\/[^/]+)+$/.test(pointer)) return 'it is not on a property reached from the root through `properties` only (not under items, a combinator, $defs or the root)';
  if (typeof schema['type'] !== 'string' || !PRIMITIVE.has(schema['type'])) return `the property's type is ${JSON.stringify(schema['type'] ?? 'not given')}, not "string", "integer" or "boolean"${schema['type'] === 'number' ? ' (a number has no exact header form; use integer or string)' : ''}`;
  const combinator = ['$ref', 'oneOf', 'anyOf', 'allOf'].find((k) => k in schema);
  if (combinator) return `the property uses ${combinator}, so its type is not one primitive`;
  const earlier = seen.get(value.toLowerCase());
  if (earlier) return `${JSON.stringify(value)} is already used at ${earlier} (names are compared ignoring case)`;
  seen.set(value.toLowerCase(), pointer);
  return undefined;
}

export const schemaMcpHeaderInvalid: Rule = {
  id: 'schema/mcp-header-invalid',
  severity: 'error',
  scope: 'file',
  description: 'An `x-mcp-header` annotation that breaks SEP-2243\'s constraints, so clients drop the tool from its list.',
  check(ctx, report) {
    for (const { tool, doc, which } of checkableSchemas(ctx)) {
      if (which !== 'input') continue;
      const seen = new Map<string, string>();
      for (const { schema, pointer } of subSchemas(doc)) {
        if (!('x-mcp-header' in schema)) continue;
        const problem = problemOf(schema, pointer, seen);
        if (!problem) continue;
        report({
          file: tool.file,
          span: spanAtPointer(doc, `${pointer}/x-mcp-header`),
          message: `The x-mcp-header of \`${tool.name}\` at ${pointer || '/'} is invalid: ${problem}. Clients drop a tool with an invalid x-mcp-header from the tool list (SEP-2243); fix it or remove the annotation.`,
        });
      }
    }
  },
};
