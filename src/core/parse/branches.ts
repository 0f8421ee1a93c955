// The exclusive branches a declaration stands in: the arm of each `if`/`else`, `switch` case, ternary or Rust
// `match` around it. Two registrations of one name in different arms of the same branching are never both made
// (a read-only replica registers `search` one way, the primary another), so they are no duplicate.
import type { FileModel } from '../model';
import type { SyntaxNode } from './tree-sitter';

/** The arm of a branching a child stands in, as `branching@offset:arm`, or undefined when it is no arm. */
function armOf(parent: SyntaxNode, child: SyntaxNode): string | undefined {
  const at = (arm: string | number) => `${parent.type}@${parent.startIndex}:${arm}`;
  switch (parent.type) {
    case 'if_statement':
    case 'if_expression':
    case 'ternary_expression':
      if (parent.childForFieldName('consequence')?.startIndex === child.startIndex) return at('then');
      if (parent.childForFieldName('alternative')?.startIndex === child.startIndex) return at('else');
      return undefined;
    case 'switch_body':
    case 'match_block':
      return child.type === 'switch_case' || child.type === 'switch_default' || child.type === 'match_arm' ? at(child.startIndex) : undefined;
    default:
      return undefined;
  }
}

/** Every arm the node at an offset stands in, innermost first (`branches` of a tool or prompt). */
export function branchesAt(root: SyntaxNode, offset: number): string[] | undefined {
  const arms: string[] = [];
  let child: SyntaxNode | null = root.descendantForIndex(offset);
  for (let parent = child?.parent ?? null; child && parent; child = parent, parent = parent.parent) {
    const arm = armOf(parent, child);
    if (arm) arms.push(arm);
  }
  return arms.length ? arms : undefined;
}

/** Records on each tool, prompt and resource of a file the arms it is declared in. */
export function recordBranches(model: FileModel, root: SyntaxNode): void {
  for (const def of [...model.tools, ...model.prompts, ...(model.resources ?? [])]) {
    const arms = branchesAt(root, def.nameSpan.start);
    if (arms) def.branches = arms;
  }
}
