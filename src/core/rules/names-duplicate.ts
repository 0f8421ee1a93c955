// names/duplicate: two tools (or two prompts) with the same name on one server. The client sees one of them, or the
// server refuses to start; either way a workflow calls the wrong thing. Judged per server: per program (project,
// language, Cargo target) and, where the source shows it, per server instance (the `const` a registration is called
// on, a builder chain). Declarations whose instance the source does not show (registered on a helper's parameter)
// are compared with each other within their program, as the modules of one server split over files are.
import type { PromptDef, ToolDef } from '../model';
import type { Rule } from './rule';

function byPosition(a: PromptDef | ToolDef, b: PromptDef | ToolDef): number {
  return a.file.localeCompare(b.file) || a.nameSpan.start - b.nameSpan.start;
}

export const namesDuplicate: Rule = {
  id: 'names/duplicate',
  severity: 'error',
  description: 'Two tools or two prompts with the same name on one server, so a client can reach only one of them.',
  check(ctx, report) {
    for (const [kind, defs] of [['tool', ctx.tools], ['prompt', ctx.prompts]] as const) {
      const groups = new Map<string, (PromptDef | ToolDef)[]>();
      for (const def of defs) {
        const key = `${ctx.programOf(def.file)}\u0000${def.server === undefined ? '' : `${def.file}\u0000${def.server}`}\u0000${def.name}`;
        groups.set(key, [...(groups.get(key) ?? []), def]);
      }
      for (const group of groups.values()) {
        if (group.length < 2) continue;
        const [first, ...rest] = [...group].sort(byPosition);
        for (const def of rest) {
          report({
            file: def.file,
            span: def.nameSpan,
            message: `Another ${kind} on this server is already named \`${def.name}\`; rename one of them (clients address ${kind}s by name, so only one can be reached).`,
            related: [{ file: first!.file, range: first!.nameSpan.range, message: `\`${def.name}\` is first declared here` }],
          });
        }
      }
    }
  },
};
