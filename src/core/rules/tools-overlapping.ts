// tools/overlapping: two tools of one server that are the same tool twice to the client: synonym verbs on the same
// noun (`get_data` / `fetch_data`) or near-identical descriptions. The client picks one at random, and a workflow
// that needs the other's output breaks. A hint, unless a prompt names both: then the model is asked to choose.
import type { ToolDef } from '../model';
import type { CheckContext, Rule } from './rule';
import { STOPWORDS, descriptionWords, nameStems, stem } from './description-words';
import { promptMessages } from './util';

/** Verbs that mean one thing to a client. */
const SYNONYMS: string[][] = [
  ['get', 'fetch', 'retrieve', 'read', 'load', 'lookup', 'show', 'view', 'obtain'],
  ['list', 'enumerate'],
  ['search', 'find', 'query'],
  ['create', 'add', 'new', 'insert', 'make'],
  ['update', 'edit', 'modify', 'change', 'patch'],
  ['delete', 'remove', 'destroy', 'erase'],
  ['run', 'execute', 'exec', 'invoke', 'trigger'],
];
const GROUP = new Map(SYNONYMS.flatMap((group, i) => group.map((verb) => [verb, i] as const)));

/** A name's verb group and the noun it acts on (`fetch_user_data` → get-group, "user data"), if it has one. */
function verbAndNoun(name: string): { group: number; verb: string; noun: string } | undefined {
  const stems = nameStems(name);
  for (const [verb, rest] of [[stems[0], stems.slice(1)], [stems.at(-1), stems.slice(0, -1)]] as const) {
    const group = verb === undefined ? undefined : GROUP.get(verb);
    if (group !== undefined && rest.length > 0) return { group, verb: verb!, noun: rest.join(' ') };
  }
  return undefined;
}

/** How alike two descriptions are: shared content words over all content words (Jaccard), 0 when either is short. */
function likeness(a: string | undefined, b: string | undefined): number {
  const words = (t: string | undefined) => new Set(descriptionWords(t ?? '').filter((w) => !STOPWORDS.has(w)).map(stem));
  const [x, y] = [words(a), words(b)];
  if (x.size < 4 || y.size < 4) return 0;
  const shared = [...x].filter((w) => y.has(w)).length;
  return shared / (x.size + y.size - shared);
}

/** Why two tools overlap, or undefined. */
function overlap(a: ToolDef, b: ToolDef): string | undefined {
  const [x, y] = [verbAndNoun(a.name), verbAndNoun(b.name)];
  if (x && y && x.group === y.group && x.verb !== y.verb && x.noun === y.noun) return `their names use synonym verbs ("${x.verb}", "${y.verb}") on the same "${x.noun}"`;
  const score = likeness(a.description?.value, b.description?.value);
  return score >= 0.85 ? `their descriptions are near-identical (${Math.round(score * 100)}% of their words shared)` : undefined;
}

/** Pairs of tool names some prompt of the project names together. */
function namedTogether(ctx: CheckContext): Set<string> {
  const out = new Set<string>();
  for (const prompt of ctx.prompts) {
    const names = [...new Set(promptMessages(prompt).flatMap((m) => m.template.mentions.map((x) => x.name)))];
    for (const a of names) for (const b of names) out.add(`${ctx.projectOf(prompt.file)}\u0000${a}\u0000${b}`);
  }
  return out;
}

export const toolsOverlapping: Rule = {
  id: 'tools/overlapping',
  severity: 'hint',
  description: 'Two tools of one server with synonym-verb names on one noun, or near-identical descriptions: the client cannot tell which to call.',
  check(ctx, report) {
    const byProgram = new Map<string, ToolDef[]>();
    for (const t of ctx.tools) if (t.style !== 'registration') byProgram.set(ctx.programOf(t.file), [...(byProgram.get(ctx.programOf(t.file)) ?? []), t]);
    const together = namedTogether(ctx);
    for (const tools of byProgram.values()) {
      tools.forEach((b, j) => tools.slice(0, j).forEach((a) => {
        if (a.name === b.name) return;
        const why = overlap(a, b);
        if (!why) return;
        const both = together.has(`${ctx.projectOf(b.file)}\u0000${a.name}\u0000${b.name}`);
        report({
          file: b.file, span: b.nameSpan, ...(both ? { severity: 'warning' as const } : {}),
          message: `\`${b.name}\` and \`${a.name}\` look like one tool to the client: ${why}${both ? ', and a prompt names both' : ''}. Merge them, or name and describe each by what sets it apart (what it returns, when to use it).`,
          related: [{ file: a.file, range: a.nameSpan.range, message: `\`${a.name}\` is declared here` }],
        });
      }));
    }
  },
};
