// A prompt template Handlebars cannot parse fails at render time: the client gets an error instead of guidance.
import { encodeForLiteral } from '../text/encode';
import { replaceFix, type Rule } from './rule';
import { fileOfText, promptMessages } from './util';

/** `{{#if a == 'b'}}` (not Handlebars) -> `{{#if (eq a "b")}}`, when the text has that shape. */
export function comparisonFix(source: string): string | undefined {
  const m = /^\{\{\s*#(if|unless)\s+([\w.]+)\s*(==|===|!=|!==)\s*(?:'([^']*)'|"([^"]*)"|([\w.]+))\s*\}\}$/.exec(source);
  if (!m) return undefined;
  const [, helper, left, op, single, double, bare] = m;
  const right = single ?? double;
  const value = right !== undefined ? JSON.stringify(right) : bare;
  return `{{#${helper} (${op?.startsWith('!') ? 'ne' : 'eq'} ${left} ${value})}}`;
}

export const handlebarsSyntax: Rule = {
  id: 'template/handlebars-syntax',
  severity: 'error',
  scope: 'file',
  description: 'A prompt template that Handlebars cannot parse fails when the prompt is rendered.',
  check(ctx, report) {
    for (const prompt of ctx.prompts) {
      for (const message of promptMessages(prompt)) {
        const file = fileOfText(message.text, prompt.file);
        for (const error of message.template.errors) {
          const fixed = error.snippet ? comparisonFix(error.snippet) : undefined;
          const fixes = fixed ? [replaceFix(`Rewrite as ${fixed}`, file, error.span, encodeForLiteral(message.text.opening, fixed))] : [];
          const advice = fixed
            ? ` Handlebars has no \`==\` operator: write ${fixed} and register an \`eq\` helper on the server (the Rust \`handlebars\` crate has one built in; in JavaScript call Handlebars.registerHelper('eq', (a, b) => a === b)).`
            : ' Fix the expression so the template parses.';
          report({ file, span: error.span, message: `${error.message.split('\n')[0]}.${advice}`, fixes });
        }
      }
    }
  },
};
