// A declared argument the text never uses: the client asks the user for a value that goes nowhere. A use is a
// template variable, a `${…}` reading the argument (directly, through a local or a conditional), or a non-text
// content field (`data`, `uri`) the handler fills from it.
import type { Rule } from './rule';
import { promptMessages } from './util';

export const unusedArgument: Rule = {
  id: 'template/unused-argument',
  severity: 'warning',
  scope: 'file',
  description: 'A prompt argument that no message uses: the client asks for a value the AI never sees.',
  check(ctx, report) {
    for (const prompt of ctx.prompts) {
      const messages = promptMessages(prompt);
      // Without message text (metadata only, or built at run time) there is nothing to compare with.
      if (messages.length === 0 || prompt.style === 'pmcp-macro') continue;
      // pmcp lists every argument of a workflow in the user-intent message it opens the prompt with.
      if (prompt.style === 'pmcp-workflow') continue;
      // A template that did not parse is reported by template/handlebars-syntax; its uses are read mustache by
      // mustache, so they are complete.
      // Arguments handed on in a way not read (a helper builds the text) may be used: nothing to judge.
      if (prompt.argumentUses?.some((u) => u.name === '*')) continue;
      const used = new Set([...messages.flatMap((m) => m.template.variables.map((v) => v.name)), ...(prompt.argumentUses ?? []).map((u) => u.name)]);
      const stepUses = new Set((prompt.steps ?? []).flatMap((s) => s.args.flatMap((a) => (a.source.kind === 'prompt_arg' ? [a.source.name] : []))));
      for (const arg of prompt.arguments) {
        if (used.has(arg.name) || stepUses.has(arg.name)) continue;
        const inCode = messages.every((m) => m.template.syntax === 'plain');
        const how = prompt.steps ? `{${arg.name}} in a step's guidance or prompt_arg("${arg.name}")` : prompt.file.endsWith('.py') ? `{${arg.name}} in an f-string of the message text` : prompt.file.endsWith('.go') ? `request.Params.Arguments["${arg.name}"] in the handler's text, through fmt.Sprintf` : prompt.style === 'rmcp-macro' ? `its field of the Parameters struct in a format! of the message text` : inCode && (prompt.style.startsWith('sdk') || prompt.style === 'fastmcp') ? `\${args.${arg.name}} in the message text` : `{{${arg.name}}} in the message text`;
        report({ file: arg.file ?? prompt.file, span: arg.nameSpan, message: `Argument "${arg.name}" of "${prompt.name}" is never used, so its value never reaches the AI. Use it (${how}) or remove the argument.` });
      }
    }
  },
};
