// A pmcp workflow step whose ToolHandle names no tool fails when the prompt runs.
import { encodeForLiteral } from '../text/encode';
import { replaceFix, type Rule } from './rule';
import { closest } from './util';

export const workflowUnknownTool: Rule = {
  id: 'workflow/unknown-tool',
  severity: 'error',
  description: 'A workflow step whose ToolHandle names a tool that no server declares.',
  check(ctx, report) {
    for (const prompt of ctx.prompts) {
      for (const step of prompt.steps ?? []) {
        if (ctx.toolsByName.has(step.tool)) continue;
        const suggestion = closest(step.tool, ctx.toolsByName.keys());
        report({
          file: prompt.file, span: step.toolSpan,
          message: `Step "${step.name}" of workflow "${prompt.name}" calls "${step.tool}", which no tool declares. ${suggestion ? `Did you mean "${suggestion}"?` : 'Declare the tool or fix the ToolHandle.'}`,
          fixes: suggestion ? [replaceFix(`Change to ${suggestion}`, prompt.file, step.toolSpan, `"${encodeForLiteral('"', suggestion)}"`)] : [],
        });
      }
    }
  },
};
