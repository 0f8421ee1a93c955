// ids/parallel-dependency: prompt text says some steps can run in parallel, but one of those steps takes an ID
// that another step of the same group returns ("ID from X output"). A client that follows the prompt starts both
// at once and has no ID to pass to the second; that step belongs after the parallel group.
import type { ToolMention } from '../model';
import { workspaceArguments } from './id-sources';
import { perContext } from './memo';
import { subjectsOf, type CheckContext, type Rule } from './rule';
import { fileOfText, promptMessages } from './util';

const PARALLEL = /\b(?:in parallel|concurrently|simultaneously|at the same time)\b/i;
const NEGATED = /\b(?:not|never|don't|do not|cannot|can't)\b[^.\n]*\b(?:in parallel|concurrently|simultaneously|at the same time)\b/i;
const HEADING = /^\s*(?:#|\*\*)/;

/**
 * The decoded ranges of the parallel groups of a text: the lines after a line that says its steps run in
 * parallel, up to a blank line or the next heading (`#…` or `**…**`).
 */
export function parallelSections(text: string): [number, number][] {
  const lines: [number, string][] = [];
  let at = 0;
  for (const line of text.split('\n')) {
    lines.push([at, line]);
    at += line.length + 1;
  }
  const out: [number, number][] = [];
  lines.forEach(([, line], i) => {
    if (!PARALLEL.test(line) || NEGATED.test(line)) return;
    let j = i + 1;
    while (j < lines.length && lines[j]![1].trim() !== '' && !HEADING.test(lines[j]![1])) j++;
    const start = lines[i + 1]?.[0];
    const end = j < lines.length ? lines[j]![0] : text.length;
    if (start !== undefined && end > start) out.push([start, end]);
  });
  return out;
}

/** Which tools each tool takes an ID from, by its input descriptions: needs[B] = [[A, argument], …] (once per context). */
const needsOf = perContext((ctx: CheckContext): Map<string, [string, string][]> => {
  const needs = new Map<string, [string, string][]>();
  for (const argument of workspaceArguments(ctx)) {
    if (argument.ownerKind !== 'tool') continue;
    for (const m of argument.mentions) needs.set(argument.owner, [...(needs.get(argument.owner) ?? []), [m.name, argument.name]]);
  }
  return needs;
});

export const idsParallelDependency: Rule = {
  id: 'ids/parallel-dependency',
  severity: 'warning',
  scope: 'names',
  description: 'Prompt text that lists two steps to run in parallel where one takes an ID the other returns ("ID from X output"), so the client has no ID to pass when it starts both at once.',
  check(ctx, report) {
    const needs = needsOf(ctx);
    if (needs.size === 0) return;
    for (const prompt of subjectsOf(ctx).prompts) {
      for (const message of promptMessages(prompt)) {
        const sections = parallelSections(message.text.value);
        if (sections.length === 0) continue;
        // Where each mention stands in the decoded text (the parts of a joined text need not be in source order).
        const at = new Map(message.template.mentions.map((m) => [m, message.text.decoded.starts.indexOf(m.span.start)]));
        for (const [from, to] of sections) {
          const group = new Map<string, ToolMention>();
          for (const m of message.template.mentions) {
            const index = at.get(m) ?? -1;
            if (!m.templated && index >= from && index < to && !group.has(m.name)) group.set(m.name, m);
          }
          for (const [name, mention] of group) {
            const source = (needs.get(name) ?? []).find(([tool]) => tool !== name && group.has(tool));
            if (!source) continue;
            const [tool, argument] = source;
            report({
              file: fileOfText(message.text, prompt.file),
              span: mention.span,
              message: `"${prompt.name}" lists \`${name}\` to run in parallel with \`${tool}\`, but \`${name}\` takes \`${argument}\` from the output of \`${tool}\`, so \`${tool}\` must finish first: move \`${name}\` after the parallel steps.`,
              related: [{ file: fileOfText(message.text, prompt.file), range: group.get(tool)!.span.range, message: `\`${tool}\`, in the same parallel group` }],
            });
          }
        }
      }
    }
  },
};
