// A required argument used only inside `{{#if}}`: either it is not really required, or the other branch forgets it.
import type { Rule } from './rule';
import { promptMessages } from './util';

export const requiredOnlyInConditional: Rule = {
  id: 'template/required-only-in-conditional',
  severity: 'warning',
  scope: 'file',
  description: 'A required argument used only inside {{#if}}/{{#unless}}: one branch never gives the AI its value.',
  check(ctx, report) {
    for (const prompt of ctx.prompts) {
      const vars = promptMessages(prompt).flatMap((m) => (m.template.syntax === 'handlebars' ? m.template.variables : []));
      for (const arg of prompt.arguments.filter((a) => a.required)) {
        const uses = vars.filter((v) => v.name === arg.name);
        if (uses.length === 0) continue;
        const unconditional = uses.some((v) => !v.asBlockParam && !v.blocks.some((b) => b === 'if' || b === 'unless'));
        if (unconditional) continue;
        report({ file: arg.file ?? prompt.file, span: arg.nameSpan, message: `Required argument "${arg.name}" is used only inside {{#if}}/{{#unless}} in "${prompt.name}": when the condition is false the AI never sees it. Make it optional, or use {{${arg.name}}} outside the condition too.` });
      }
    }
  },
};
