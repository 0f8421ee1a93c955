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

/** A description's content words, stemmed (a near-duplicate is judged on these). */
function contentWords(t: string | undefined): Set<string> {
  return new Set(descriptionWords(t ?? '').filter((w) => !STOPWORDS.has(w)).map(stem));
}

/** How alike two word sets are: shared words over all words (Jaccard), 0 when either is short. */
function likeness(x: Set<string>, y: Set<string>): number {
  if (x.size < 4 || y.size < 4) return 0;
  let shared = 0;
  for (const w of x) if (y.has(w)) shared++;
  return shared / (x.size + y.size - shared);
}

const NEAR_IDENTICAL = 0.85;

export interface Facts { tool: ToolDef; name: ReturnType<typeof verbAndNoun>; words: Set<string>; prefix: string[] }

/**
 * The pairs of one server's tools that may overlap, each once (earlier tool first), without comparing every pair:
 * names overlap only within one verb group and noun, and two descriptions can share 85% of their words only if the
 * rarest words of each (a prefix of |x| - ceil(0.85·|x|) + 1 of them, the prefix filter of set-similarity joins)
 * share one.
 */
export function toolFacts(tools: ToolDef[]): Facts[] {
  return tools.map((tool) => ({ tool, name: verbAndNoun(tool.name), words: contentWords(tool.description?.value), prefix: [] }));
}

export function candidatePairs(tools: ToolDef[]): [Facts, Facts][] {
  const facts = toolFacts(tools);
  const frequency = new Map<string, number>();
  for (const f of facts) for (const w of f.words) frequency.set(w, (frequency.get(w) ?? 0) + 1);
  const pairs = new Set<number>();
  const byKey = new Map<string, number[]>();
  const add = (key: string, i: number) => {
    const seen = byKey.get(key);
    if (seen) { for (const j of seen) pairs.add(j * facts.length + i); seen.push(i); } else byKey.set(key, [i]);
  };
  facts.forEach((f, i) => {
    if (f.name) add(`n\u0000${f.name.group}\u0000${f.name.noun}`, i);
    if (f.words.size >= 4) {
      const ordered = [...f.words].sort((a, b) => frequency.get(a)! - frequency.get(b)! || (a < b ? -1 : 1));
      f.prefix = ordered.slice(0, f.words.size - Math.ceil(NEAR_IDENTICAL * f.words.size) + 1);
      for (const w of f.prefix) add(`w\u0000${w}`, i);
    }
  });
  return [...pairs].sort((p, q) => p - q).map((p) => [facts[Math.floor(p / facts.length)]!, facts[p % facts.length]!]);
}

/** Why two tools overlap, or undefined. */
export function overlap(a: Facts, b: Facts): string | undefined {
  const [x, y] = [a.name, b.name];
  if (x && y && x.group === y.group && x.verb !== y.verb && x.noun === y.noun) return `their names use synonym verbs ("${x.verb}", "${y.verb}") on the same "${x.noun}"`;
  const score = likeness(a.words, b.words);
  return score >= NEAR_IDENTICAL ? `their descriptions are near-identical (${Math.round(score * 100)}% of their words shared)` : undefined;
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
    for (const t of ctx.tools) {
      if (t.style === 'registration') continue;
      const program = ctx.programOf(t.file);
      const tools = byProgram.get(program);
      if (tools) tools.push(t); else byProgram.set(program, [t]);
    }
    const together = namedTogether(ctx);
    for (const tools of byProgram.values()) {
      for (const [fa, fb] of candidatePairs(tools)) {
        const [a, b] = [fa.tool, fb.tool];
        if (a.name === b.name) continue;
        const why = overlap(fa, fb);
        if (!why) continue;
        const both = together.has(`${ctx.projectOf(b.file)}\u0000${a.name}\u0000${b.name}`);
        report({
          file: b.file, span: b.nameSpan, ...(both ? { severity: 'warning' as const } : {}),
          message: `\`${b.name}\` and \`${a.name}\` look like one tool to the client: ${why}${both ? ', and a prompt names both' : ''}. Merge them, or name and describe each by what sets it apart (what it returns, when to use it).`,
          related: [{ file: a.file, range: a.nameSpan.range, message: `\`${a.name}\` is declared here` }],
        });
      }
    }
  },
};
