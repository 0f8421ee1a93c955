// One walk per tree: every node of the types its grammar's extractor looks for, sorted by offset, so "all calls
// inside this handler" is a binary search instead of another walk of the subtree (walks dominate extraction time).
import { grammarOf, type GrammarName, type SyntaxNode, type SyntaxTree } from './tree-sitter';

// Per grammar, the types its extractor asks for (a type indexed and never asked for costs a node object per node).
const RUST = [
  'call_expression', 'struct_expression', 'macro_invocation', 'let_declaration', 'const_item', 'static_item', 'function_item', 'attribute_item',
  'impl_item', 'mod_item', 'struct_item', 'enum_item',
];
const TYPESCRIPT = ['call_expression', 'variable_declarator', 'pair', 'shorthand_property_identifier', 'function_declaration'];
const PYTHON = ['decorated_definition', 'function_definition', 'class_definition', 'assignment', 'augmented_assignment', 'call', 'return_statement'];
const GO = [
  'call_expression', 'composite_literal', 'func_literal', 'type_spec', 'type_alias', 'import_spec', 'short_var_declaration', 'var_spec',
  'const_spec', 'assignment_statement', 'index_expression', 'selector_expression',
];
/** The node types indexed per grammar (exported for the test that holds the index equal to a walk). */
export const INDEXED: Record<GrammarName, readonly string[]> = { rust: RUST, typescript: TYPESCRIPT, tsx: TYPESCRIPT, python: PYTHON, go: GO };

class NodeIndex {
  private readonly byType = new Map<string, SyntaxNode[]>();

  constructor(root: SyntaxNode, types: readonly string[]) {
    for (const node of root.descendantsOfType([...types])) {
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
  const grammar = grammarOf(node.tree);
  const indexed = grammar ? INDEXED[grammar] : [];
  if (!types.every((t) => indexed.includes(t))) return node.descendantsOfType(types).filter((n): n is SyntaxNode => !!n);
  let index = indexes.get(node.tree);
  if (!index) {
    index = new NodeIndex(node.tree.rootNode, indexed);
    indexes.set(node.tree, index);
  }
  if (types.length === 1) return index.within(node, types[0]!);
  // In a walk's order: by offset, and a node before the nodes it holds that start where it does.
  return types.flatMap((t) => index.within(node, t)).sort((a, b) => a.startIndex - b.startIndex || b.endIndex - a.endIndex);
}
