// names/duplicate: two tools (or two prompts) with the same name in one server project. The client sees one of
// them, or the server refuses to start; either way a workflow calls the wrong thing.
import type { PromptDef, ToolDef } from '../model';
import type { Rule } from './rule';

function byPosition(a: PromptDef | ToolDef, b: PromptDef | ToolDef): number {
  return a.file.localeCompare(b.file) || a.nameSpan.start - b.nameSpan.start;
}

export const namesDuplicate: Rule = {
  id: 'names/duplicate',
  severity: 'error',
  description: 'Two tools or two prompts with the same name in one project, so a client can reach only one of them.',
  check(ctx, report) {
    for (const [kind, defs] of [['tool', ctx.tools], ['prompt', ctx.prompts]] as const) {
      const groups = new Map<string, (PromptDef | ToolDef)[]>();
      for (const def of defs) {
        const key = `${ctx.projectOf(def.file)}\u0000${def.name}`;
        groups.set(key, [...(groups.get(key) ?? []), def]);
      }
      for (const group of groups.values()) {
        if (group.length < 2) continue;
        const [first, ...rest] = [...group].sort(byPosition);
        for (const def of rest) {
          report({
            file: def.file,
            span: def.nameSpan,
            message: `Another ${kind} in this project is already named \`${def.name}\`; rename one of them (clients address ${kind}s by name, so only one can be reached).`,
            related: [{ file: first!.file, range: first!.nameSpan.range, message: `\`${def.name}\` is first declared here` }],
          });
        }
      }
    }
  },
};
