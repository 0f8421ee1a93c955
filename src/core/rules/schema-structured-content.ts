// schema/structured-content-mismatch: a tool that declares an `outputSchema` must return `structuredContent` that
// conforms to it (MCP 2025-06-18 on): the TypeScript SDK's server fails such a call with "Output validation error",
// and its client rejects the result. A result with `structuredContent` and no `outputSchema` works, but clients
// cannot know or check its shape: a hint. Only handlers whose every return is an object literal are judged; error
// results (`isError`) need no structured content.
import type { Rule } from './rule';

export const schemaStructuredContent: Rule = {
  id: 'schema/structured-content-mismatch',
  severity: 'warning',
  scope: 'file',
  description: 'A tool with an outputSchema whose handler returns a result without structuredContent (clients reject it), or structuredContent with no outputSchema (a hint).',
  check(ctx, report) {
    for (const tool of ctx.tools) {
      if (!tool.results) continue;
      const output = tool.outputSchema;
      // The TypeScript SDK 1.x sends no output schema for a zod root that is no object (SDK 2 sends it): not judged.
      const zodNonObject = output?.origin === 'zod' && (output.value as { type?: unknown } | undefined)?.type !== 'object';
      if (output && zodNonObject) continue;
      // An output schema not read (another validator's, an imported one) may be one the SDK does not send.
      if (output && output.errors.length > 0) continue;
      if (output) {
        for (const result of tool.results) {
          if (result.structuredContent || result.isError) continue;
          report({
            file: tool.file,
            span: result.span,
            message: `\`${tool.name}\` declares an outputSchema, but this result has no structuredContent: the SDK fails the call with "Output validation error" and clients reject it; return structuredContent matching the schema (and its JSON as text content for older clients).`,
          });
        }
        continue;
      }
      for (const result of tool.results) {
        if (!result.structuredContent) continue;
        report({
          file: tool.file,
          span: result.structuredContent,
          severity: 'hint',
          message: `\`${tool.name}\` returns structuredContent but declares no outputSchema: clients cannot know its shape before the call, nor check it after; declare an outputSchema describing it.`,
        });
      }
    }
  },
};
