// A pmcp workflow step whose ToolHandle names no tool of its server fails when the prompt runs. The server is the
// workflow's program (see toolsVisibleFrom): a program whose tools the sources do not show is not judged.
import { encodeForLiteral } from '../text/encode';
import { replaceFix, subjectsOf, type Rule } from './rule';
import { closest, toolsVisibleFrom } from './util';

export const workflowUnknownTool: Rule = {
  id: 'workflow/unknown-tool',
  severity: 'error',
  scope: 'names',
  description: 'A workflow step whose ToolHandle names a tool that its server does not declare.',
  check(ctx, report) {
    for (const prompt of subjectsOf(ctx).prompts) {
      if (!prompt.steps?.length) continue;
      const tools = toolsVisibleFrom(ctx, prompt.file);
      for (const step of tools ? prompt.steps : []) {
        if (tools!.has(step.tool)) continue;
        const suggestion = closest(step.tool, tools!.keys());
        report({
          file: prompt.file, span: step.toolSpan,
          message: `Step "${step.name}" of workflow "${prompt.name}" calls "${step.tool}", which no tool declares. ${suggestion ? `Did you mean "${suggestion}"?` : 'Declare the tool or fix the ToolHandle.'}`,
          fixes: suggestion ? [replaceFix(`Change to ${suggestion}`, prompt.file, step.toolSpan, `"${encodeForLiteral('"', suggestion)}"`)] : [],
        });
      }
    }
  },
};
