// A `{{variable}}` no prompt argument declares renders as nothing (or fails in strict mode): the AI gets a
// sentence with a hole where the ID should be.
import type { PromptDef } from '../model';
import { replaceFix, type Rule } from './rule';
import { closest, fileOfText, promptMessages } from './util';

/** Blocks that change the context: a variable inside them may be a field of the current item. */
const CONTEXT_BLOCKS = new Set(['each', 'with']);

export const undeclaredVariable: Rule = {
  id: 'template/undeclared-variable',
  severity: 'error',
  scope: 'file',
  description: 'A template variable that no prompt argument declares renders empty, so the AI never sees the value.',
  check(ctx, report) {
    for (const prompt of ctx.prompts) {
      if (prompt.style === 'pmcp-macro' || prompt.argumentsUnknown) continue;
      const declared = new Set(prompt.arguments.map((a) => a.name));
      for (const message of promptMessages(prompt)) {
        const rendered = message.template.syntax === 'handlebars' || message.template.syntax === 'guidance';
        for (const v of message.template.variables) {
          // `${args.x}` reads the handler's argument in any text; an expression not read is a hole, never judged.
          if (v.interpolation === 'unknown' || (!v.interpolation && !rendered)) continue;
          if (declared.has(v.name) || v.blocks.some((b) => CONTEXT_BLOCKS.has(b)) || v.name === 'root') continue;
          const kind = v.interpolation ? 'code' : message.template.syntax === 'guidance' ? 'guidance' : 'handlebars';
          const file = fileOfText(message.text, prompt.file);
          report({ file, span: v.span, message: undeclaredMessage(prompt, v.name, kind), fixes: fixesFor(prompt, file, v.name, v.span) });
        }
      }
    }
  },
};

function undeclaredMessage(prompt: PromptDef, name: string, form: 'handlebars' | 'guidance' | 'code'): string {
  const guidance = form === 'guidance';
  const kind = guidance ? `Workflow guidance uses {${name}}` : form === 'code' ? `The text reads the argument ${name}` : `The template uses {{${name}}}`;
  const where = guidance ? 'with .argument(…)' : 'as a prompt argument';
  const suggestion = closest(name, prompt.arguments.map((a) => a.name));
  const renders = form !== 'code' ? 'so it renders empty' : prompt.file.endsWith('.py') ? 'so getting the prompt fails with a NameError' : prompt.file.endsWith('.go') ? 'so the map read gives the empty string and the text has a hole there' : 'so the text says "undefined" there';
  return `${kind}, but "${prompt.name}" declares no argument "${name}", ${renders}. ${suggestion ? `Did you mean "${suggestion}"? ` : ''}Declare "${name}" ${where}, or use a declared argument.`;
}

function fixesFor(prompt: PromptDef, file: string, name: string, span: PromptDef['nameSpan']) {
  const suggestion = closest(name, prompt.arguments.map((a) => a.name));
  return suggestion ? [replaceFix(`Change to ${suggestion}`, file, { ...span, range: { start: span.range.start, end: { line: span.range.start.line, character: span.range.start.character + name.length } } }, suggestion)] : [];
}
