// descriptions/prompt-argument-missing: a prompt argument with no description. A client shows a prompt's arguments
// to the user as a form to fill in before the prompt runs; with no description the user sees only the name
// (`scope`, `mode`) and has to guess what to type, or what format the prompt expects.
import type { Rule } from './rule';

export const descriptionsPromptArgumentMissing: Rule = {
  id: 'descriptions/prompt-argument-missing',
  // A hint: many real prompts have self-explaining argument names (`city`, `language`), and a user can still type
  // something; the name alone fails only for names that say little.
  severity: 'hint',
  scope: 'file',
  description: 'A prompt argument with no description: the user filling in the prompt sees only its name.',
  check(ctx, report) {
    for (const prompt of ctx.prompts) {
      // Arguments declared in a way not read (an imported schema) are not judged, nor a bare registration's.
      if (prompt.argumentsUnknown || prompt.style === 'registration') continue;
      for (const arg of prompt.arguments) {
        if (arg.description?.value.trim() || arg.descriptionUnknown) continue;
        const schema = arg.schema as { description?: unknown; title?: unknown } | undefined;
        if (typeof schema?.description === 'string' && schema.description.trim()) continue;
        if (typeof schema?.title === 'string' && schema.title.trim()) continue;
        report({
          file: arg.file ?? prompt.file,
          span: arg.nameSpan,
          message: `Argument \`${arg.name}\` of prompt \`${prompt.name}\` has no description: the client asks the user to fill it in and shows only its name; say what to enter and in what format (e.g. "ISO date, e.g. 2026-01-31").`,
        });
      }
    }
  },
};
