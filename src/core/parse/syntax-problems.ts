// Turns tree-sitter ERROR and MISSING nodes into problems with positions, so a broken file still yields the
// items that parse and says where it is broken.
import type { SourceSpan } from '../model';
import type { SourceContext } from '../source-context';
import type { SyntaxNode } from './tree-sitter';

const MAX_PROBLEMS = 20;

export function readSyntaxProblems(root: SyntaxNode, ctx: SourceContext): { message: string; span: SourceSpan }[] {
  if (!root.hasError) return [];
  const problems: { message: string; span: SourceSpan }[] = [];
  const visit = (node: SyntaxNode): void => {
    if (problems.length >= MAX_PROBLEMS) return;
    if (node.isMissing) {
      problems.push({ message: `syntax error: missing ${node.type}`, span: ctx.span(node.startIndex, node.endIndex) });
      return;
    }
    if (node.isError) {
      problems.push({ message: 'syntax error: this part does not parse; items in it are skipped', span: ctx.span(node.startIndex, Math.min(node.endIndex, node.startIndex + 200)) });
      return;
    }
    if (!node.hasError) return;
    for (const child of node.children) if (child) visit(child);
  };
  visit(root);
  return problems;
}
