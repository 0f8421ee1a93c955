// names/duplicate: two tools (or two prompts) with the same name on one server. The client sees one of them, or the
// server refuses to start; either way a workflow calls the wrong thing. Judged per server: per program (project,
// language, Cargo target) and, where the source shows it, per server instance (the `const` a registration is called
// on, a builder chain). Declarations whose instance the source does not show (registered on a helper's parameter)
// are compared with each other within their program, as the modules of one server split over files are. A server
// kept from a local factory also holds what the factory registered; declarations in different arms of one
// `if`/`switch`/`match` are never both made.
import type { PromptDef, ToolDef } from '../model';
import { perContext } from './memo';
import { subjectsOf, type CheckContext, type Rule } from './rule';

/** True when two declarations stand in different arms of one branching: only one of them is ever made. */
function exclusive(a: string[] | undefined, b: string[] | undefined): boolean {
  if (!a || !b) return false;
  const armsOfB = new Map(b.map((arm) => [arm.slice(0, arm.lastIndexOf(':')), arm]));
  return a.some((arm) => {
    const other = armsOfB.get(arm.slice(0, arm.lastIndexOf(':')));
    return other !== undefined && other !== arm;
  });
}

function byPosition(a: PromptDef | ToolDef, b: PromptDef | ToolDef): number {
  return a.file.localeCompare(b.file) || a.nameSpan.start - b.nameSpan.start;
}

interface Clash {
  kind: 'tool' | 'prompt';
  /** The declarations of one name on one server, in source order. */
  sorted: (PromptDef | ToolDef)[];
  /** What the factory the server is made by registers under that name. */
  made: (PromptDef | ToolDef)[];
}

/** Every name declared twice or more on a server, worked out once per context (clashes are few). */
const clashesOf = perContext((ctx: CheckContext): Clash[] => {
  const factoryOf = new Map(ctx.files.flatMap((m) => Object.entries(m.serverFactories ?? {}).map(([server, factory]) => [`${m.file}\u0000${server}`, factory] as const)));
  const out: Clash[] = [];
  for (const [kind, defs] of [['tool', ctx.tools], ['prompt', ctx.prompts]] as const) {
    const groups = new Map<string, (PromptDef | ToolDef)[]>();
    const keyOf = (def: PromptDef | ToolDef, server = def.server) => `${ctx.programOf(def.file)}\u0000${server === undefined ? '' : `${def.file}\u0000${server}`}\u0000${def.name}`;
    for (const def of defs) groups.set(keyOf(def), [...(groups.get(keyOf(def)) ?? []), def]);
    for (const group of groups.values()) {
      // A server made by a factory of the file also has what that factory registered on it (checked with it here;
      // the factory's own clashes are its group's).
      const factory = group[0]!.server === undefined ? undefined : factoryOf.get(`${group[0]!.file}\u0000${group[0]!.server}`);
      const made = factory === undefined ? [] : (groups.get(keyOf(group[0]!, factory)) ?? []);
      if (group.length + made.length >= 2) out.push({ kind, sorted: [...group].sort(byPosition), made });
    }
  }
  return out;
});

export const namesDuplicate: Rule = {
  id: 'names/duplicate',
  severity: 'error',
  scope: 'names',
  description: 'Two tools or two prompts with the same name on one server, so a client can reach only one of them.',
  check(ctx, report) {
    // Clashes are found in the whole workspace; only the subjects' declarations are reported.
    const reported = new Set(subjectsOf(ctx).files.map((m) => m.file));
    for (const { kind, sorted, made } of clashesOf(ctx)) {
      sorted.forEach((def, i) => {
        if (!reported.has(def.file)) return;
        // Declarations in different arms of one `if`/`switch`/`match` are never both made.
        const first = [...made, ...sorted.slice(0, i)].find((d) => d.file !== def.file || !exclusive(d.branches, def.branches));
        if (!first) return;
        report({
          file: def.file,
          span: def.nameSpan,
          message: `Another ${kind} on this server is already named \`${def.name}\`; rename one of them (clients address ${kind}s by name, so only one can be reached).`,
          related: [{ file: first.file, range: first.nameSpan.range, message: `\`${def.name}\` is first declared here` }],
        });
      });
    }
  },
};
