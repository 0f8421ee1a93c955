// descriptions/missing: a tool or prompt with no description, or a one-word one. The description is all the
// client knows about when to call a tool or use a prompt; without it the AI guesses from the name.
import type { Rule } from './rule';
import { fileOfText } from './util';

export const descriptionsMissing: Rule = {
  id: 'descriptions/missing',
  severity: 'warning',
  scope: 'file',
  description: 'A tool or prompt with no description or a one-word description, so the AI has to guess when to use it.',
  check(ctx, report) {
    // A bare registration (`.tool("x", handler)`, `.prompt("x", handler)`) carries no metadata: its declaration is
    // elsewhere or unseen, or its SDK has no place for one (pmcp 1.x lists a prompt by its name alone).
    for (const def of [...ctx.tools, ...ctx.prompts]) {
      if (def.style === 'registration') continue;
      // A description given in a way not read is unknown, not missing.
      if (def.descriptionUnknown) continue;
      const text = def.description?.value.trim() ?? '';
      if (/\S\s+\S/.test(text)) continue;
      const words = text ? 1 : 0;
      report({
        file: def.description && words === 1 ? fileOfText(def.description, def.file) : def.file,
        span: def.description && words === 1 ? def.description.span : def.nameSpan,
        message: words === 0
          ? `The ${def.kind} \`${def.name}\` has no description; add one that says what it does, what it returns and when to use it (the AI chooses ${def.kind}s by their descriptions).`
          : `The description of ${def.kind} \`${def.name}\` is one word (${JSON.stringify(text)}); say what it does, what it returns and when to use it.`,
      });
    }
  },
};
