// annotations/contradiction: annotations that say a tool is read-only while its name or description says it
// writes, or that say read-only and destructive at once. A client trusts readOnlyHint to call the tool without asking;
// the user then finds records changed that nobody approved.
import type { JsonDoc } from '../model';
import { replaceFix, type Rule } from './rule';
import { spanAtPointer } from './spans';
import { annotationsOf, writeWord } from './tool-effects';

export const annotationsContradiction: Rule = {
  id: 'annotations/contradiction',
  severity: 'warning',
  scope: 'file',
  description: 'readOnlyHint: true on a tool whose name or description says it writes, or together with destructiveHint: true.',
  check(ctx, report) {
    for (const tool of ctx.tools) {
      const a = annotationsOf(tool);
      if (!a || a['readOnlyHint'] !== true) continue;
      const doc = tool.annotations as JsonDoc;
      const span = spanAtPointer(doc, '/readOnlyHint');
      // The hint's value is replaced where it is a written `true` (four characters); a pmcp shorthand such as
      // `.read_only()` stands for it without one, and zod's are calls.
      const written = doc.origin !== 'zod' && span.end - span.start === 4;
      const fixes = written ? [replaceFix('Set readOnlyHint: false', tool.file, span, tool.file.endsWith('.py') ? 'False' : 'false')] : [];
      if (a['destructiveHint'] === true) {
        report({ file: tool.file, span, message: `\`${tool.name}\` is annotated both readOnlyHint: true and destructiveHint: true; a read-only tool destroys nothing (clients then ignore destructiveHint): set readOnlyHint: false if it changes anything, else remove destructiveHint.`, fixes });
        continue;
      }
      const word = writeWord(tool);
      if (!word) continue;
      report({
        file: tool.file,
        span,
        message: `\`${tool.name}\` is annotated readOnlyHint: true, but its ${word.where} says it does "${word.verb}": a client calls a read-only tool without asking the user; set readOnlyHint: false (and destructiveHint to say whether it destroys), or rename it if it only reads.`,
        fixes,
      });
    }
  },
};
