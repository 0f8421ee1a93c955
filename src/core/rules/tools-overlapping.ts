// tools/overlapping: two tools of one server that are the same tool twice to the client: synonym verbs on the same
// noun (`get_data` / `fetch_data`) or near-identical descriptions. The client picks one at random, and a workflow
// that needs the other's output breaks. A hint, unless a prompt names both: then the model is asked to choose.
import type { FileModel, ToolDef } from '../model';
import { perContext, perObject } from './memo';
import { subjectsOf, type CheckContext, type Rule } from './rule';
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

export interface Facts { tool: ToolDef; name: ReturnType<typeof verbAndNoun>; words: Set<string> }

/** A tool's name and description as compared, worked out once per tool (a tool lives until its file changes). */
const factsOfTool = perObject((tool: ToolDef): Facts => ({ tool, name: verbAndNoun(tool.name), words: contentWords(tool.description?.value) }));

export const toolFacts = (tools: ToolDef[]): Facts[] => tools.map(factsOfTool);

const nameKey = (f: Facts): string | undefined => (f.name ? `${f.name.group}\u0000${f.name.noun}` : undefined);

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * One server's tools, indexed so that the tools that may overlap with one are found without comparing every pair:
 * names overlap only within one verb group and noun, and two descriptions can share 85% of their words only if the
 * rarest words of each (a prefix of |x| - ceil(0.85·|x|) + 1 of them, the prefix filter of set-similarity joins)
 * share one, and only if the words after the first shared one are enough (PPJoin's positional filter: near-copies
 * that differ in a rare word share all their common words, and are not compared one by one).
 */
export class OverlapIndex {
  readonly facts: Facts[];
  private readonly frequency = new Map<string, number>();
  private readonly byName = new Map<string, number[]>();
  /** Each word, the tools with it in their prefix and where it stands there. */
  private readonly byPrefix = new Map<string, { at: number; position: number }[]>();
  private readonly at = new Map<ToolDef, number>();
  private readonly atPlace = new Map<string, number>();

  constructor(tools: ToolDef[]) {
    this.facts = toolFacts(tools);
    for (const f of this.facts) for (const w of f.words) this.frequency.set(w, (this.frequency.get(w) ?? 0) + 1);
    this.facts.forEach((f, i) => {
      this.at.set(f.tool, i);
      this.atPlace.set(placeOf(f.tool), i);
      const key = nameKey(f);
      if (key) push(this.byName, key, i);
      this.prefix(f.words).forEach((w, position) => push(this.byPrefix, w, { at: i, position }));
    });
  }

  /** Where a tool stands among the server's: its own place, or that of the tool it replaced with the same facts. */
  indexOf(tool: ToolDef): number | undefined {
    return this.at.get(tool) ?? this.atPlace.get(placeOf(tool));
  }

  /** The rarest words first (a word no tool here has is rarest), ties by the word: one order for every set. */
  private prefix(words: Set<string>): string[] {
    if (words.size < 4) return [];
    const ordered = [...words].sort((a, b) => (this.frequency.get(a) ?? 0) - (this.frequency.get(b) ?? 0) || (a < b ? -1 : 1));
    return ordered.slice(0, words.size - Math.ceil(NEAR_IDENTICAL * words.size) + 1);
  }

  /** The tools standing before `before` that may overlap with a tool of these facts, in their order. */
  candidates(f: Facts, before: number): Facts[] {
    const out = new Set<number>();
    const key = nameKey(f);
    for (const i of (key && this.byName.get(key)) || []) if (i < before) out.add(i);
    const seen = new Set<number>();
    this.prefix(f.words).forEach((w, position) => {
      for (const other of this.byPrefix.get(w) ?? []) {
        if (other.at >= before || seen.has(other.at)) continue;
        // The first shared word in the common order: no word before it in either set is in the other.
        seen.add(other.at);
        const a = this.facts[other.at]!;
        const needed = Math.ceil((NEAR_IDENTICAL / (1 + NEAR_IDENTICAL)) * (a.words.size + f.words.size) - 1e-9);
        if (1 + Math.min(a.words.size - other.position - 1, f.words.size - position - 1) >= needed) out.add(other.at);
      }
    });
    return [...out].sort((x, y) => x - y).map((i) => this.facts[i]!);
  }
}

const placeOf = (t: ToolDef) => `${t.file}\u0000${t.name}\u0000${t.nameSpan?.range.start.line}:${t.nameSpan?.range.start.character}`;

/** The pairs of one server's tools that may overlap, each once (earlier tool first). */
export function candidatePairs(tools: ToolDef[]): [Facts, Facts][] {
  const index = new OverlapIndex(tools);
  return index.facts.flatMap((b, j) => index.candidates(b, j).map((a): [Facts, Facts] => [a, b]));
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

/** Each server's tools (registrations aside: they carry no description), indexed. */
const indexByProgram = perContext((ctx: CheckContext): Map<string, OverlapIndex> => {
  const byProgram = new Map<string, ToolDef[]>();
  for (const t of ctx.tools) if (t.style !== 'registration') push(byProgram, ctx.programOf(t.file), t);
  return new Map([...byProgram].map(([program, tools]) => [program, new OverlapIndex(tools)]));
});

const namedTogetherOnce = perContext(namedTogether);

/** What another file's findings read of a model: each tool's description words and name (verb group and noun),
 * looked up by word; and the tools each prompt names (a prompt naming both makes the finding a warning). */
function* overlapFacts(model: FileModel): Generator<[string, string]> {
  for (const tool of model.tools) {
    if (tool.style === 'registration') continue;
    const f = factsOfTool(tool);
    // Every word's fact holds all the words, so a changed description re-judges the tools sharing any of them.
    const own = `${placeOf(tool)}\u0000${[...f.words].sort().join(' ')}`;
    for (const w of f.words) yield [`w\u0000${own}\u0000${w}`, `\u0001w:${w}`];
    const key = nameKey(f);
    if (key) yield [`n\u0000${placeOf(tool)}\u0000${key}`, `\u0001n:${key}`];
  }
  for (const prompt of model.prompts) {
    for (const m of promptMessages(prompt)) for (const x of m.template.mentions) yield [`m\u0000${prompt.name}\u0000${x.name}`, x.name];
  }
}

function* overlapWords(model: FileModel): Generator<string> {
  for (const tool of model.tools) {
    if (tool.style === 'registration') continue;
    const f = factsOfTool(tool);
    for (const w of f.words) yield `\u0001w:${w}`;
    const key = nameKey(f);
    if (key) yield `\u0001n:${key}`;
  }
}

export const toolsOverlapping: Rule = {
  id: 'tools/overlapping',
  severity: 'hint',
  // A finding on a tool reads the server's earlier tools: the words of their names and descriptions (its facts).
  scope: 'names',
  facts: overlapFacts,
  words: overlapWords,
  description: 'Two tools of one server with synonym-verb names on one noun, or near-identical descriptions: the client cannot tell which to call.',
  check(ctx, report) {
    const indexes = indexByProgram(ctx);
    const together = namedTogetherOnce(ctx);
    for (const b of subjectsOf(ctx).tools) {
      if (b.style === 'registration') continue;
      const index = indexes.get(ctx.programOf(b.file));
      const before = index?.indexOf(b);
      if (!index || before === undefined) continue;
      const fb = factsOfTool(b);
      for (const fa of index.candidates(fb, before)) {
        const a = fa.tool;
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
