// descriptions/vague: a description made only of words that fit any tool ("Gets data", "Handles the request",
// "Utility tool"). The client picks tools by their descriptions; one that says nothing specific is picked by its
// name alone, or confused with its neighbours.
import type { Rule } from './rule';
import { GENERIC, STOPWORDS, descriptionWords } from './description-words';

export const descriptionsVague: Rule = {
  id: 'descriptions/vague',
  severity: 'hint',
  scope: 'file',
  description: 'A tool or prompt description made only of words that fit any tool ("Gets data", "Handles requests").',
  check(ctx, report) {
    for (const def of [...ctx.tools.filter((t) => t.style !== 'registration'), ...ctx.prompts]) {
      const text = def.description?.value ?? '';
      const words = descriptionWords(text);
      // No words, or one, is descriptions/missing's.
      if (words.length < 2 || !words.every((w) => GENERIC.has(w) || STOPWORDS.has(w))) continue;
      report({
        file: def.file,
        span: def.description!.span,
        message: `The description of ${def.kind} \`${def.name}\` (${JSON.stringify(text.trim())}) fits any ${def.kind}: say what it works on, what it returns and when to use it rather than its neighbours.`,
      });
    }
  },
};
