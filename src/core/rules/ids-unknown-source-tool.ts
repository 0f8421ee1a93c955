// ids/unknown-source-tool: a description says an ID comes "from X output" but no tool is called X. The client
// looks for X, finds nothing, and invents the ID or asks the user.
import type { Rule } from './rule';
import { closest } from './util';
import { renameFix, subjectArguments } from './id-sources';

export const idsUnknownSourceTool: Rule = {
  id: 'ids/unknown-source-tool',
  severity: 'warning',
  scope: 'names',
  description: 'A description that says an ID comes from a tool ("ID from X output", "returned by X") where no tool X exists.',
  check(ctx, report) {
    const isTool = (name: string) => ctx.toolsByName.has(name);
    for (const argument of subjectArguments(ctx)) {
      for (const mention of argument.mentions) {
        if (isTool(mention.name)) continue;
        const exact = argument.spanOf(mention.index, mention.index + mention.name.length);
        const best = closest(mention.name, ctx.toolsByName.keys());
        report({
          file: argument.file,
          span: exact ?? argument.nameSpan,
          message: `\`${argument.name}\` of ${argument.ownerKind} \`${argument.owner}\` says its value comes from \`${mention.name}\`, but no tool is named \`${mention.name}\`; ${best ? `did you mean \`${best}\`?` : 'name the tool that returns it, or declare that tool.'}`,
          fixes: best ? renameFix(argument.file, exact, mention.name, best) : [],
        });
      }
    }
  },
};
