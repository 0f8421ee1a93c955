// schema/output-not-object and schema/input-not-object: MCP requires a tool's `inputSchema` to describe an object
// (`"type": "object"`); the TypeScript SDK client rejects the whole tools/list otherwise. Up to revision 2025-11-25
// the `outputSchema` must too; from 2026-07-28 (SEP-2106) it may be any JSON Schema, so it is judged by the
// revision the tool's server targets.
import { FIRST_ANY_OUTPUT_SCHEMA_REVISION } from '../protocol-revision';
import type { Rule } from './rule';
import { checkableSchemas, show } from './schema-walk';
import { insertAtRootFix } from './schema-object-without-properties';
import { openingSpan, spanAtPointer } from './spans';

function notObjectRule(which: 'input' | 'output'): Rule {
  const label = which === 'input' ? 'input schema' : 'output schema';
  return {
    id: `schema/${which}-not-object`,
    severity: 'error',
    scope: 'file',
    description:
      which === 'input'
        ? 'An input schema without "type": "object"; MCP requires it, and SDK clients reject the whole tool list.'
        : 'An output schema whose `type` is not "object"; MCP requires structured results to be objects.',
    check(ctx, report) {
      for (const { tool, doc, which: kind, file } of checkableSchemas(ctx)) {
        if (kind !== which) continue;
        // The TypeScript SDK turns a zod root into what it sends: `{ "type": "object" }` for an input schema that is
        // no object, and no output schema at all for an output one (SDK 2 sends any output root, SEP-2106).
        if (doc.origin === 'zod') continue;
        const target = ctx.revisionOf(tool.file);
        if (which === 'output' && target.revision >= FIRST_ANY_OUTPUT_SCHEMA_REVISION) continue;
        const requires = which === 'output' ? `MCP ${target.revision} (the revision this server targets, ${target.reason}) requires` : 'MCP requires';
        const schema = doc.value;
        if (!schema || typeof schema !== 'object' || Array.isArray(schema)) {
          report({ file, span: doc.span, message: `The ${label} of \`${tool.name}\` is not a schema object; ${requires} { "type": "object", "properties": { … } }.` });
          continue;
        }
        const type = (schema as Record<string, unknown>)['type'];
        if (type === 'object') continue;
        if (type === undefined) {
          const member = doc.origin === 'json' ? '"type": "object"' : "type: 'object'";
          report({
            file,
            span: openingSpan(doc),
            message: `The ${label} of \`${tool.name}\` has no "type"; ${requires} "type": "object" on an ${label}${which === 'input' ? ' (the TypeScript SDK client rejects the whole tools/list without it)' : ''}. Add it.`,
            fixes: insertAtRootFix('Add "type": "object"', file, doc, member),
          });
          continue;
        }
        report({
          file,
          span: spanAtPointer(doc, '/type'),
          message: `The ${label} of \`${tool.name}\` has type ${show(type)}, but ${requires} "object": wrap it in an object property, e.g. { "type": "object", "properties": { "items": <this schema> } }${which === 'output' ? `, or target revision ${FIRST_ANY_OUTPUT_SCHEMA_REVISION}, which allows any output schema` : ''}.`,
        });
      }
    },
  };
}

export const schemaOutputNotObject = notObjectRule('output');
export const schemaInputNotObject = notObjectRule('input');
