// names/duplicate: two tools (or two prompts) with the same name on one server. The client sees one of them, or the
// server refuses to start; either way a workflow calls the wrong thing. Judged per server: per program (project,
// language, Cargo target) and, where the source shows it, per server instance (the `const` a registration is called
// on, a builder chain). Declarations whose instance the source does not show (registered on a helper's parameter)
// are compared with each other within their program, as the modules of one server split over files are. A server
// kept from a local factory also holds what the factory registered; declarations in different arms of one
// `if`/`switch`/`match` are never both made. Resources clash by URI (a client reads a URI as one resource, so every
// SDK serves one of the two), and by name where the SDK keys them so: the TS SDK's templates (it throws), the
// fastmcp npm package's resources and templates (the later one replaces the earlier).
import type { FileModel, PromptDef, ResourceDef, ToolDef } from '../model';
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

type Declaration = PromptDef | ToolDef | ResourceDef;

function byPosition(a: Declaration, b: Declaration): number {
  return a.file.localeCompare(b.file) || a.nameSpan.start - b.nameSpan.start;
}

interface Clash {
  /** The declarations of one name on one server, in source order. */
  sorted: Declaration[];
  /** What the factory the server is made by registers under that name. */
  made: Declaration[];
  /** The finding's message for a later declaration, and the related one's for the first. */
  message: (def: Declaration) => string;
  first: (def: Declaration) => string;
  /** Where a finding on a declaration stands: its name, or its URI when that is what clashes (in its own file). */
  at?: (def: Declaration) => Declaration['nameSpan'];
  /** True for two declarations that do not clash after all (added together, where the SDK keeps both). */
  together?: (a: Declaration, b: Declaration) => boolean;
}

type ClashWords = Pick<Clash, 'message' | 'first' | 'at' | 'together'>;

const nameClash = (kind: 'tool' | 'prompt') => ({
  message: (def: Declaration) => `Another ${kind} on this server is already named \`${def.name}\`; rename one of them (clients address ${kind}s by name, so only one can be reached).`,
  first: (def: Declaration) => `\`${def.name}\` is first declared here`,
});

const TOOL_CLASH = nameClash('tool');
const PROMPT_CLASH = nameClash('prompt');

/** What a resource clashes by (one key each): its URI, and its name where its SDK keys resources by name. */
function resourceKeys(model: FileModel, def: ResourceDef): [key: string, clash: ClashWords][] {
  const out: [string, ClashWords][] = [];
  const uri = def.uri?.value;
  if (uri !== undefined && !def.uriPartial) {
    const sdkThrows = model.language === 'typescript' && def.style !== 'fastmcp' && !def.template;
    out.push([`uri\u0000${uri}`, {
      message: () => `Another resource on this server already has the URI \`${uri}\`; a client reads a URI as one resource, so only one of the two is served${sdkThrows ? ` (the SDK throws "Resource ${uri} is already registered" at start-up)` : ''}: give one of them its own URI.`,
      first: () => `\`${uri}\` is first registered here`,
      at: (d) => (d.kind === 'resource' && d.uri && !d.uri.file ? d.uri.span : d.nameSpan),
    }]);
  }
  const byName = model.language === 'typescript' && (def.style === 'fastmcp' || def.template);
  if (byName) {
    const fastmcp = def.style === 'fastmcp';
    out.push([`name\u0000${fastmcp && def.template ? 'template' : fastmcp ? 'resource' : 'template'}\u0000${def.name}`, {
      message: () => fastmcp
        ? `Another resource${def.template ? ' template' : ''} on this server is already named \`${def.name}\`; fastmcp keeps only the last one added under a name, so the earlier one is never served: rename one of them.`
        : `Another resource template on this server is already named \`${def.name}\`; the SDK throws "Resource template ${def.name} is already registered" at start-up: rename one of them.`,
      first: () => `\`${def.name}\` is first registered here`,
      // fastmcp drops the earlier resources of a name before it adds a call's list, so two of one `addResources`
      // list both stay (a session keys resources by URI); templates it keys by name everywhere.
      together: (a, b) => fastmcp && !def.template && a.kind === 'resource' && b.kind === 'resource' && a.addedWith !== undefined && a.addedWith === b.addedWith && a.file === b.file,
    }]);
  }
  return out;
}

/** Every name declared twice or more on a server, worked out once per context (clashes are few). */
const clashesOf = perContext((ctx: CheckContext): Clash[] => {
  const factoryOf = new Map(ctx.files.flatMap((m) => Object.entries(m.serverFactories ?? {}).map(([server, factory]) => [`${m.file}\u0000${server}`, factory] as const)));
  const out: Clash[] = [];
  const resources = ctx.files.flatMap((m) => (m.resources ?? []).flatMap((def) => resourceKeys(m, def).map(([name, clash]) => ({ def, name, clash }))));
  const kinds = [
    ['tool', ctx.tools.map((def) => ({ def, name: def.name, clash: TOOL_CLASH }))],
    ['prompt', ctx.prompts.map((def) => ({ def, name: def.name, clash: PROMPT_CLASH }))],
    ['resource', resources],
  ] as const;
  for (const [kind, entries] of kinds) {
    const groups = new Map<string, { defs: Declaration[]; name: string; clash: ClashWords }>();
    const keyOf = (def: Declaration, name: string, server = def.server) => `${ctx.programOf(def.file)}\u0000${server === undefined ? '' : `${def.file}\u0000${server}`}\u0000${kind}\u0000${name}`;
    for (const { def, name, clash } of entries) {
      const key = keyOf(def, name);
      const group = groups.get(key);
      if (group) group.defs.push(def);
      else groups.set(key, { defs: [def], name, clash });
    }
    for (const { defs: group, name, clash } of groups.values()) {
      // A server made by a factory of the file also has what that factory registered on it (checked with it here;
      // the factory's own clashes are its group's).
      const factory = group[0]!.server === undefined ? undefined : factoryOf.get(`${group[0]!.file}\u0000${group[0]!.server}`);
      const made = factory === undefined ? [] : (groups.get(keyOf(group[0]!, name, factory))?.defs ?? []);
      if (group.length + made.length >= 2) out.push({ sorted: [...group].sort(byPosition), made, ...clash });
    }
  }
  return out;
});

export const namesDuplicate: Rule = {
  id: 'names/duplicate',
  severity: 'error',
  scope: 'names',
  description: 'Two tools or two prompts with the same name on one server, or two resources with the same URI (or, where the SDK keys them so, name), so a client can reach only one of them.',
  check(ctx, report) {
    // Clashes are found in the whole workspace; only the subjects' declarations are reported.
    const reported = new Set(subjectsOf(ctx).files.map((m) => m.file));
    for (const { sorted, made, message, first: firstMessage, at = (d: Declaration) => d.nameSpan, together = () => false } of clashesOf(ctx)) {
      sorted.forEach((def, i) => {
        if (!reported.has(def.file)) return;
        // Declarations in different arms of one `if`/`switch`/`match` are never both made.
        const first = [...made, ...sorted.slice(0, i)].find((d) => (d.file !== def.file || !exclusive(d.branches, def.branches)) && !together(d, def));
        if (!first) return;
        report({
          file: def.file,
          span: at(def),
          message: message(def),
          related: [{ file: first.file, range: at(first).range, message: firstMessage(first) }],
        });
      });
    }
  },
};
