// The smallest helpers over tree-sitter's TypeScript nodes, shared by the readers that follow names (syntax.ts)
// and imports (imports.ts) without either importing the other's module.
import { decodeTsString } from '../../text/ts-string';
import type { SyntaxNode } from '../tree-sitter';

/** The named children of a node, comments left out. */
export const named = (node: SyntaxNode | null | undefined): SyntaxNode[] =>
  (node?.namedChildren ?? []).filter((n): n is SyntaxNode => !!n && n.type !== 'comment');

/** The name an object key stands for: a quoted key decoded (escapes and all), any other key as written. */
export function keyName(key: SyntaxNode): string {
  return key.type === 'string' ? decodeTsString(key.text, key.startIndex).text : key.text;
}
