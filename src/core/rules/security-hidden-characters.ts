// security/hidden-characters: invisible characters in a name, a description or prompt text. The model reads them
// and the person reviewing the server does not: tag characters spell out hidden instructions (ASCII smuggling),
// bidi controls reorder what the reviewer sees (Trojan Source), zero-width characters split or disguise words.
import type { Severity } from '../diagnostic';
import { replaceFix, type Rule } from './rule';
import { modelTexts } from './text-values';

/** Each kind of invisible character, the pattern that finds it, and how bad it is. */
const KINDS: { name: string; pattern: RegExp; severity: Severity }[] = [
  { name: 'Unicode tag characters (invisible text the model reads)', pattern: /(?:\uDB40[\uDC00-\uDC7F])+/g, severity: 'error' },
  { name: 'a bidirectional control character (reorders what a reader sees)', pattern: /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g, severity: 'error' },
  // A zero-width joiner between two emoji is part of the emoji (👩‍💻); anywhere else it hides.
  { name: 'a zero-width or invisible character', pattern: /[\u200B\u200C\u2060-\u2064\uFEFF\u00AD\u180E\u034F\u115F\u1160\u3164\uFFA0]|(?<![\uDC00-\uDFFF\u2600-\u27BF\uFE0F])\u200D|\u200D(?![\uD83C-\uD83E\u2600-\u27BF])/g, severity: 'warning' },
];

/** Any character one of the kinds can start with: most texts hold none, and one test settles them. */
const ANY_HIDDEN = /[\u00AD\u034F\u061C\u115F\u1160\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2069\u3164\uFEFF\uFFA0\uDB40]/;

const codePoints = (s: string) => [...s].map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);

/** The hidden text tag characters spell (each is an ASCII character plus 0xE0000). */
const spelled = (s: string) => [...s].map((c) => String.fromCharCode(c.codePointAt(0)! - 0xe0000)).join('');

export const securityHiddenCharacters: Rule = {
  id: 'security/hidden-characters',
  severity: 'warning',
  scope: 'file',
  description: 'An invisible character (tag, bidi control, zero-width) in a name, description or prompt text: the model reads what a reviewer cannot see.',
  check(ctx, report) {
    for (const text of modelTexts(ctx)) {
      if (!ANY_HIDDEN.test(text.value)) continue;
      for (const kind of KINDS) {
        for (const match of text.value.matchAll(kind.pattern)) {
          const from = match.index ?? 0;
          const exact = text.spanOf(from, from + match[0].length);
          const points = codePoints(match[0]);
          const shown = kind.severity === 'error' && match[0].startsWith('\uDB40') ? ` spelling "${spelled(match[0]).slice(0, 80)}"` : ` (${points.slice(0, 3).join(' ')}${points.length > 3 ? ' …' : ''})`;
          report({
            file: text.file, span: exact ?? text.whole, severity: kind.severity,
            message: `${text.what.charAt(0).toUpperCase()}${text.what.slice(1)} holds ${kind.name}${shown} at character ${from + 1}: the model reads it, a reviewer does not see it. Remove it${exact ? ' (the quick fix does)' : ''}, or write what it should say in plain text.`,
            fixes: exact ? [replaceFix('Remove the hidden characters', text.file, exact, '')] : [],
          });
        }
      }
    }
  },
};
