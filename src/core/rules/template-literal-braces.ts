// `{{arg}}` in text nothing renders with Handlebars reaches the AI as literal braces, and pmcp guidance only
// substitutes single-brace `{arg}`; in `format!`, `{{` is an escaped brace.
import { encodeForLiteral } from '../text/encode';
import { replaceFix, type Rule } from './rule';
import { fileOfText, promptMessages } from './util';

const WHY = {
  guidance: 'pmcp substitutes only single-brace {name} in workflow guidance',
  format: 'in format! `{{` is an escaped brace',
  plain: 'this text is not rendered by Handlebars',
  handlebars: '',
} as const;

export const literalBraces: Rule = {
  id: 'template/literal-braces',
  severity: 'warning',
  scope: 'file',
  description: 'Double braces in text that Handlebars never renders: the AI sees {{name}} literally instead of the value.',
  check(ctx, report) {
    for (const prompt of ctx.prompts) {
      for (const message of promptMessages(prompt)) {
        const syntax = message.template.syntax;
        const file = fileOfText(message.text, prompt.file);
        if (syntax === 'handlebars') continue;
        for (const b of message.template.literalBraces) {
          const declared = prompt.arguments.some((a) => a.name === b.name);
          const single = `{${b.name}}`;
          const fix = syntax === 'guidance' || (syntax === 'format' && declared) ? [replaceFix(`Use ${single}`, file, b.span, encodeForLiteral(message.text.opening, single))] : [];
          const python = file.endsWith('.py');
          const plainAdvice = python ? `Build the text as an f-string with ${single}.` : file.endsWith('.go') ? 'Build the text with fmt.Sprintf and %s, reading the argument from request.Params.Arguments.' : 'Render the text with the handlebars crate (render_template) or build it with format!.';
          const advice = syntax === 'plain' ? plainAdvice : `Write ${single} instead.`;
          report({ file, span: b.span, message: `The AI will see "{{${b.name}}}" literally: ${WHY[syntax]}. ${advice}`, fixes: fix });
        }
      }
    }
  },
};
