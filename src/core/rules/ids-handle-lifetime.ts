// ids/handle-lifetime: handles (SEP-2567). An ID a tool hands out for later calls (a session, job, task, cursor,
// backup) that another tool takes should say how long it lives, or the client keeps one across sessions and meets
// an error it cannot explain; and a tool whose errors mean such an ID expired should name the tool that makes a new
// one, or the client gives up where one more call would do.
import type { ToolDef } from '../model';
import { subjectsOf, type CheckContext, type Rule } from './rule';
import { subSchemas } from './schema-walk';
import { spanAtPointer, spanInText } from './spans';
import { projectTools, propertyNamesOf } from './util';

const HANDLE = /(?:session|handle|cursor|token|job|task|run|operation|upload|lease|lock|checkpoint|backup|snapshot|transaction|export)_?id$|(?:handle|cursor)$/i;
const LIFETIME = /\b(?:expir\w*|valid\s+(?:for|until|while)|lives?|lifetime|ttl|until|seconds?|minutes?|hours?|days?|permanent\w*|forever|persist\w*|stable|kept|as\s+long\s+as|while\s+the\s+server|restart\w*)\b/i;
const EXPIRED = /\b(?:expired|EXPIRED|no\s+longer\s+valid|stale)\b/;

/** Tools of the file's project (other than `tool`) that take a property of this name as input. */
function consumersOf(ctx: CheckContext, tool: ToolDef, name: string): string[] {
  return [...projectTools(ctx, tool.file).values()].flat().filter((t) => t !== tool && t.inputSchema && propertyNamesOf(t.inputSchema).has(name)).map((t) => t.name);
}

function checkLifetime(ctx: CheckContext, tool: ToolDef, report: Parameters<Rule['check']>[1]): void {
  const doc = tool.outputSchema;
  if (!doc || doc.errors.length > 0 || LIFETIME.test(tool.description?.value ?? '')) return;
  const inputs = tool.inputSchema ? propertyNamesOf(tool.inputSchema) : new Set<string>();
  for (const { schema, pointer } of subSchemas(doc)) {
    const name = /\/properties\/([^/]+)$/.exec(pointer)?.[1];
    if (!name || !HANDLE.test(name) || inputs.has(name) || LIFETIME.test(String(schema['description'] ?? ''))) continue;
    const consumers = consumersOf(ctx, tool, name);
    if (consumers.length === 0) continue;
    report({
      file: doc.file ?? tool.file, span: spanAtPointer(doc, pointer, 'key'),
      message: `\`${tool.name}\` hands out \`${name}\`, which ${consumers.slice(0, 3).map((c) => `\`${c}\``).join(', ')} take${consumers.length === 1 ? 's' : ''}, but says not how long it lives: say it in the description (e.g. "valid for 1 hour", "kept until the server restarts") so the client knows when to ask for a new one.`,
    });
  }
}

function checkExpiry(ctx: CheckContext, tool: ToolDef, report: Parameters<Rule['check']>[1]): void {
  const d = tool.description;
  const match = d ? EXPIRED.exec(d.value) : null;
  if (!d || !match || tool.mentions?.some((m) => !m.weak && ctx.toolsByName.has(m.name) && m.name !== tool.name)) return;
  report({
    file: tool.file, span: spanInText(ctx, tool.file, d, match.index, match.index + match[0].length) ?? d.span,
    message: `The description of \`${tool.name}\` says an ID can be ${match[0]} but names no tool that makes a new one: say which to call (e.g. "if the session expired, call open_session again") so the client recovers.`,
  });
}

export const idsHandleLifetime: Rule = {
  id: 'ids/handle-lifetime',
  severity: 'hint',
  // It reads other tools' input property names and which tool names exist (check-facts.ts records both).
  scope: 'names',
  description: 'A handle (session, job, task, cursor ID) another tool takes, with no word on how long it lives; or an expired-ID error that names no tool making a new one.',
  check(ctx, report) {
    for (const tool of subjectsOf(ctx).tools) {
      checkLifetime(ctx, tool, report);
      checkExpiry(ctx, tool, report);
    }
  },
};
