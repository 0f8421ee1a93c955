// annotations/missing: a tool whose name or description says it deletes, overwrites, sends or pays, declared with
// no annotations. Clients decide from `destructiveHint`/`readOnlyHint` whether to ask the user before a call; a tool
// without them is guessed at (the spec says to assume the worst, so every call of a read-only tool is confirmed
// too, and users learn to click through).
import type { Fix } from '../diagnostic';
import type { ToolDef } from '../model';
import type { Rule } from './rule';
import { destructiveWord } from './tool-effects';

const MEMBER = 'annotations: { readOnlyHint: false, destructiveHint: true }';

/** The edit adding the annotations after the description, where the description is written inside the config
 * object of the call (a registerTool config, a tools/list entry); none for positional or constant descriptions. */
function addAnnotationsFix(tool: ToolDef): Fix[] {
  const d = tool.description;
  if (!d || (tool.style !== 'sdk' && tool.style !== 'sdk-lowlevel')) return [];
  if (d.span.start < tool.span.start || d.span.end > tool.span.end) return [];
  const at = d.span.range.end;
  return [{ title: 'Annotate it as destructive', edits: [{ file: tool.file, range: { start: at, end: at }, newText: `, ${MEMBER}` }] }];
}

export const annotationsMissing: Rule = {
  id: 'annotations/missing',
  severity: 'warning',
  description: 'A tool whose name or description says it deletes, overwrites, sends or pays, with no annotations: clients cannot tell it from a read-only tool.',
  check(ctx, report) {
    for (const tool of ctx.tools) {
      if (tool.annotations !== null) continue;
      const word = destructiveWord(tool);
      if (!word) continue;
      report({
        file: tool.file,
        span: tool.nameSpan,
        message: `\`${tool.name}\` has no annotations, though its ${word.where} says it does "${word.verb}": add \`${MEMBER}\` (or \`destructiveHint: false\` if it only adds), so clients ask the user before calling it and not before every read-only tool.`,
        fixes: addAnnotationsFix(tool),
      });
    }
  },
};
