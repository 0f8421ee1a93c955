// ids/unsourced-id: an ID argument whose description does not say where the ID comes from, while another tool
// returns a field of that very name. Saying "ID from <tool> output" tells the client which call comes first.
import { perContext } from './memo';
import type { CheckContext, Rule } from './rule';
import { isIdName, subjectArguments } from './id-sources';
import { propertyNamesOf } from './util';

/** Which tools output a field of each name, in declaration order (once per context). */
const producersOf = perContext((ctx: CheckContext): Map<string, Set<string>> => {
  const producers = new Map<string, Set<string>>();
  for (const tool of ctx.tools) {
    if (!tool.outputSchema) continue;
    // A tool that takes the ID as input and echoes it back is a consumer, not the place the ID comes from.
    const inputs = tool.inputSchema ? propertyNamesOf(tool.inputSchema) : new Set<string>();
    for (const name of propertyNamesOf(tool.outputSchema)) {
      if (inputs.has(name)) continue;
      const set = producers.get(name);
      if (set) set.add(tool.name);
      else producers.set(name, new Set([tool.name]));
    }
  }
  return producers;
});

export const idsUnsourcedId: Rule = {
  id: 'ids/unsourced-id',
  severity: 'hint',
  scope: 'names',
  description: 'A tool argument named like an ID (`*_id`) whose description names no source tool, while another tool (one that does not take it as input) outputs a field of that name.',
  check(ctx, report) {
    const producers = producersOf(ctx);
    for (const argument of subjectArguments(ctx)) {
      if (argument.ownerKind !== 'tool' || !isIdName(argument.name) || argument.name === 'id') continue;
      // An argument with no description at all is descriptions/parameter-missing's, which names the source too.
      if (!argument.description || argument.mentions.length > 0) continue;
      const sources = [...(producers.get(argument.name) ?? [])].filter((t) => t !== argument.owner);
      if (sources.length === 0) continue;
      const said = `"${argument.description}" does not say`;
      report({
        file: argument.file,
        span: argument.nameSpan,
        message: `\`${argument.name}\` of tool \`${argument.owner}\` ${said} where the ID comes from, but ${sources.slice(0, 3).map((s) => `\`${s}\``).join(', ')}${sources.length > 3 ? ` and ${sources.length - 3} more` : ''} output${sources.length === 1 ? 's' : ''} \`${argument.name}\`; describe it as "ID from ${sources[0]} output" so the client calls that tool first.`,
      });
    }
  },
};
