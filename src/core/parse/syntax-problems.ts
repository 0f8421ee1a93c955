// Turns tree-sitter ERROR and MISSING nodes into problems with positions, so a broken file still yields the
// items that parse and says where it is broken.
import type { SourceSpan } from '../model';
import type { SourceContext } from '../source-context';
import type { SyntaxNode } from './tree-sitter';

const MAX_PROBLEMS = 20;

/** tree-sitter's TypeScript grammar does not parse an array of an import type (`import('./tools').Tool[]`), which
 * is valid TypeScript: a problem standing at the `[` after one is the grammar's, not the file's. */
const IMPORT_TYPE_BEFORE = /\bimport\(\s*(['"])[^'"]*\1\s*\)(?:\s*\.\s*[\w$]+)*(?:<[^<>]*>)?\s*$/;
const IMPORT_TYPE = /^import\(\s*(['"])[^'"]*\1\s*\)(?:\s*\.\s*[\w$]+)*\s*$/;
/** tree-sitter's Rust grammar does not parse a foreign type (`pub type JsError;` in an `extern "C"` block, as
 * wasm-bindgen writes it). */
const FOREIGN_TYPE = /^(?:pub(?:\([^)]*\))?\s+)?type\s+[A-Za-z_]\w*\s*$/;

function grammarGap(text: string, node: SyntaxNode): boolean {
  if (node.isError && node.parent?.type === 'declaration_list' && node.parent.parent?.type === 'foreign_mod_item' && FOREIGN_TYPE.test(text.slice(node.startIndex, node.endIndex))) return true;
  // A MISSING `;` at the `[`, or an ERROR that is exactly the import type before it.
  if (node.isMissing) return text.startsWith('[', node.startIndex) && IMPORT_TYPE_BEFORE.test(text.slice(Math.max(0, node.startIndex - 200), node.startIndex));
  return /^\s*\[/.test(text.slice(node.endIndex, node.endIndex + 10)) && IMPORT_TYPE.test(text.slice(node.startIndex, node.endIndex));
}

export function readSyntaxProblems(root: SyntaxNode, ctx: SourceContext): { message: string; span: SourceSpan }[] {
  if (!root.hasError) return [];
  const problems: { message: string; span: SourceSpan }[] = [];
  const visit = (node: SyntaxNode): void => {
    if (problems.length >= MAX_PROBLEMS) return;
    if ((node.isMissing || node.isError) && grammarGap(ctx.text, node)) return;
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
