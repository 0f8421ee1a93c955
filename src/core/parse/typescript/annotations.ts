// A TypeScript tool's annotations (readOnlyHint, destructiveHint, …): the object written in its config, `null` when
// the config was read whole and has none, undefined when that cannot be known (a spread, a config not read).
import type { JsonDoc } from '../../model';
import type { SourceContext } from '../../source-context';
import { localValue } from './receiver';
import { named, unwrap } from './syntax';
import type { SyntaxNode } from '../tree-sitter';
import { readSchemaValue } from './zod';

/** The annotations of a config object (`{ description, inputSchema, annotations }`). */
export function annotationsOfConfig(config: SyntaxNode | undefined, root: SyntaxNode, ctx: SourceContext): JsonDoc | null | undefined {
  let n = unwrap(config);
  if (n?.type === 'identifier') n = unwrap(localValue(n, root));
  if (n?.type !== 'object') return undefined;
  const members = named(n).filter((c) => c.type !== 'comment');
  // A spread or a computed key may bring annotations in: which the tool has is unknown.
  if (members.some((c) => c.type !== 'pair' && c.type !== 'method_definition')) return undefined;
  const pair = members.find((c) => c.type === 'pair' && /^['"]?annotations['"]?$/.test(c.childForFieldName('key')?.text ?? ''));
  if (!pair) return null;
  return annotationsOf(pair.childForFieldName('value') ?? undefined, root, ctx);
}

/** An annotations value, read when it is an object literal (or a const of one); undefined otherwise. */
export function annotationsOf(node: SyntaxNode | undefined, root: SyntaxNode, ctx: SourceContext): JsonDoc | undefined {
  const doc = readSchemaValue(node, root, ctx);
  return doc && doc.errors.length === 0 && doc.value && typeof doc.value === 'object' && !Array.isArray(doc.value) ? doc : undefined;
}
