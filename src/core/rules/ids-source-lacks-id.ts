// ids/source-lacks-id: a description says an ID comes from tool X, and X exists, but X's output schema has no
// field that could carry an ID. The client has nothing to copy. Tools without an output schema are skipped:
// their result is free text, so there is nothing to check against.
import type { Rule } from './rule';
import { isIdName, subjectArguments } from './id-sources';
import { propertyNamesOf } from './util';

export const idsSourceLacksId: Rule = {
  id: 'ids/source-lacks-id',
  severity: 'warning',
  scope: 'names',
  description: 'A description that says an ID comes from tool X, where X\'s output schema has no id-like field (`id`, `*_id`, `*Id`) to take it from.',
  check(ctx, report) {
    for (const argument of subjectArguments(ctx)) {
      for (const mention of argument.mentions) {
        const schemas = (ctx.toolsByName.get(mention.name) ?? []).flatMap((t) => (t.outputSchema ? [t.outputSchema] : []));
        // A schema with unreadable parts (Rust expressions in `json!`) may hold the field where we cannot see it.
        if (schemas.length === 0 || schemas.some((s) => s.errors.length > 0)) continue;
        const names = new Set<string>();
        for (const s of schemas) for (const n of propertyNamesOf(s)) names.add(n);
        const ids = [...names].filter(isIdName);
        if (ids.length > 0) continue;
        const suggested = isIdName(argument.name) ? argument.name : 'id';
        report({
          file: argument.file,
          span: argument.spanOf(mention.index, mention.index + mention.name.length) ?? argument.nameSpan,
          message: `\`${argument.name}\` of ${argument.ownerKind} \`${argument.owner}\` comes from \`${mention.name}\`, but the output schema of \`${mention.name}\` has no id-like field (it has ${names.size ? [...names].map((n) => `\`${n}\``).join(', ') : 'no properties'}); add \`${suggested}\` to that output schema, or name the tool that does return it.`,
        });
      }
    }
  },
};
