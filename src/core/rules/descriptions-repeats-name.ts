// descriptions/repeats-name: a description that only restates the name ("get_weather": "Get weather."). It tells
// the client nothing the name did not: not what is returned, not when to use it.
import type { Rule } from './rule';
import { STOPWORDS, descriptionWords, nameStems, stem } from './description-words';

export const descriptionsRepeatsName: Rule = {
  id: 'descriptions/repeats-name',
  severity: 'hint',
  scope: 'file',
  description: 'A tool or prompt description whose words are only its name\'s ("get_weather": "Get the weather").',
  check(ctx, report) {
    for (const def of [...ctx.tools.filter((t) => t.style !== 'registration'), ...ctx.prompts]) {
      const text = def.description?.value ?? '';
      const words = descriptionWords(text).filter((w) => !STOPWORDS.has(w) && w !== 'tool' && w !== 'prompt');
      // One word or none is descriptions/missing's.
      if (descriptionWords(text).length < 2 || words.length === 0) continue;
      const name = new Set(nameStems(def.name));
      if (!words.every((w) => name.has(stem(w)))) continue;
      report({
        file: def.file,
        span: def.description!.span,
        message: `The description of ${def.kind} \`${def.name}\` (${JSON.stringify(text.trim())}) only repeats its name: say what it returns, what it needs and when to use it.`,
      });
    }
  },
};
