// annotations/missing: a tool whose name or description says it deletes, overwrites, sends or pays, declared with
// no annotations. Clients decide from `destructiveHint`/`readOnlyHint` whether to ask the user before a call; a tool
// without them is guessed at (the spec says to assume the worst, so every call of a read-only tool is confirmed
// too, and users learn to click through).
import type { Fix } from '../diagnostic';
import type { ToolDef } from '../model';
import type { Rule } from './rule';
import { destructiveWord } from './tool-effects';

const MEMBER = 'annotations: { readOnlyHint: false, destructiveHint: true }';

/** The annotations to add, as the tool's own SDK writes them. */
function annotationsText(tool: ToolDef): string {
  switch (tool.style) {
    case 'rmcp-macro': return 'annotations(read_only_hint = false, destructive_hint = true)';
    case 'pmcp-macro': return 'annotations(read_only = false, destructive = true)';
    case 'pmcp': return '.with_annotations(ToolAnnotations::new().with_read_only(false).with_destructive(true))';
    case 'seed': return '.annotate(ToolAnnotations::new().read_only(false).destructive(true))';
    case 'fastmcp': case 'python-lowlevel': return 'annotations={"readOnlyHint": False, "destructiveHint": True}';
    default: return MEMBER;
  }
}

/** The edit adding the annotations after the description, where the description is written inside the config
 * object of the call (a registerTool config, a tools/list entry) or inside the `#[tool(…)]` / `#[mcp_tool(…)]`
 * attribute; none for positional, constant or doc-comment descriptions. */
function addAnnotationsFix(tool: ToolDef): Fix[] {
  const d = tool.description;
  const attribute = tool.style === 'rmcp-macro' || tool.style === 'pmcp-macro';
  if (!d || (tool.style !== 'sdk' && tool.style !== 'sdk-lowlevel' && !attribute)) return [];
  if (d.opening === '///' || d.file) return [];
  // rmcp's method span starts at `fn`, after its attribute: a description written there is the attribute's.
  if (!attribute && (d.span.start < tool.span.start || d.span.end > tool.span.end)) return [];
  if (attribute && d.span.end > tool.span.end) return [];
  const at = d.span.range.end;
  return [{ title: 'Annotate it as destructive', edits: [{ file: tool.file, range: { start: at, end: at }, newText: `, ${attribute ? annotationsText(tool) : MEMBER}` }] }];
}

export const annotationsMissing: Rule = {
  id: 'annotations/missing',
  severity: 'warning',
  scope: 'file',
  description: 'A tool whose name or description says it deletes, overwrites, sends or pays, with no annotations: clients cannot tell it from a read-only tool.',
  check(ctx, report) {
    for (const tool of ctx.tools) {
      if (tool.annotations !== null) continue;
      const word = destructiveWord(tool);
      if (!word) continue;
      report({
        file: tool.file,
        span: tool.nameSpan,
        message: `\`${tool.name}\` has no annotations, though its ${word.where} says it does "${word.verb}": add \`${annotationsText(tool)}\` (or a false destructive hint if it only adds), so clients ask the user before calling it and not before every read-only tool.`,
        fixes: addAnnotationsFix(tool),
      });
    }
  },
};
