// One walk per tree: every node of the types extractors look for, sorted by offset, so "all calls inside this
// handler" is a binary search instead of another walk of the subtree (walks dominate extraction time).
import type { SyntaxNode, SyntaxTree } from './tree-sitter';

const INDEXED = [
  'call_expression', 'struct_expression', 'macro_invocation', 'let_declaration', 'const_item', 'static_item', 'function_item', 'attribute_item',
  'variable_declarator', 'pair', 'shorthand_property_identifier', 'object', 'function_declaration', 'template_substitution',
  // Python (names no other grammar uses, so the other trees pay nothing for them).
  'decorated_definition', 'function_definition', 'class_definition', 'assignment', 'augmented_assignment', 'call',
];

class NodeIndex {
  private readonly byType = new Map<string, SyntaxNode[]>();

  constructor(root: SyntaxNode) {
    for (const node of root.descendantsOfType(INDEXED)) {
      if (!node) continue;
      const list = this.byType.get(node.type);
      if (list) list.push(node);
      else this.byType.set(node.type, [node]);
    }
  }

  within(node: SyntaxNode, type: string): SyntaxNode[] {
    const list = this.byType.get(type) ?? [];
    // startIndex is a plain field; endIndex is a call into the parser, so the bound is read once.
    const start = node.startIndex;
    const end = node.endIndex;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((list[mid]?.startIndex ?? 0) < start) lo = mid + 1;
      else hi = mid;
    }
    const out: SyntaxNode[] = [];
    for (let i = lo; i < list.length; i++) {
      const n = list[i]!;
      if (n.startIndex >= end) break;
      if (n.endIndex <= end) out.push(n);
    }
    return out;
  }
}

const indexes = new WeakMap<SyntaxTree, NodeIndex>();

/** Nodes of the given types inside `node` (itself included), in source order, from its tree's index. */
export function nodesWithin(node: SyntaxNode, types: string[]): SyntaxNode[] {
  if (!types.every((t) => INDEXED.includes(t))) return node.descendantsOfType(types).filter((n): n is SyntaxNode => !!n);
  let index = indexes.get(node.tree);
  if (!index) {
    index = new NodeIndex(node.tree.rootNode);
    indexes.set(node.tree, index);
  }
  if (types.length === 1) return index.within(node, types[0]!);
  return types.flatMap((t) => index.within(node, t)).sort((a, b) => a.startIndex - b.startIndex);
}
