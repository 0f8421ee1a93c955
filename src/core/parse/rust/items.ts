// The syntax rmcp's attribute macros are written in: an item's outer attributes and `///` doc comments, and an
// attribute's `key = value` / `key(…)` arguments, as tree-sitter's Rust grammar lays them out.
import type { TextValue } from '../../model';
import type { SourceContext } from '../../source-context';
import { emptyDecoded, joinDecoded, pushVerbatim, type DecodedText } from '../../text/decoded-text';
import type { SyntaxNode } from '../tree-sitter';

/** One attribute: its path (`tool`, `rmcp::tool`, `serde`) and its token tree of arguments, if any. */
export interface RustAttribute {
  path: string;
  node: SyntaxNode;
  args: SyntaxNode | undefined;
}

/** What stands before an item: its attributes and its doc comment lines, in source order. */
export interface ItemPrefix {
  attributes: RustAttribute[];
  docs: SyntaxNode[];
}

/** The attributes and `///` lines written right before an item (its preceding siblings). */
export function itemPrefix(item: SyntaxNode): ItemPrefix {
  const attributes: RustAttribute[] = [];
  const docs: SyntaxNode[] = [];
  let prev = item.previousNamedSibling;
  while (prev && (prev.type === 'attribute_item' || prev.type === 'line_comment' || prev.type === 'block_comment')) {
    if (prev.type === 'attribute_item') {
      const attribute = prev.namedChildren.find((n) => n?.type === 'attribute');
      if (attribute) attributes.unshift(readAttribute(attribute));
    } else {
      const doc = prev.namedChildren.find((n) => n?.type === 'doc_comment');
      if (doc && prev.namedChildren.some((n) => n?.type === 'outer_doc_comment_marker')) docs.unshift(doc);
    }
    prev = prev.previousNamedSibling;
  }
  return { attributes, docs };
}

function readAttribute(attribute: SyntaxNode): RustAttribute {
  const args = attribute.namedChildren.find((n) => n?.type === 'token_tree') ?? undefined;
  const path = attribute.namedChildren.find((n) => n && n.type !== 'token_tree')?.text ?? '';
  return { path, node: attribute, args };
}

/** The attribute with this last path segment (`tool` matches `#[tool]` and `#[rmcp::tool]`). */
export function findAttribute(prefix: ItemPrefix, name: string): RustAttribute | undefined {
  return prefix.attributes.find((a) => a.path === name || a.path.endsWith(`::${name}`));
}

/** An attribute argument: `key = value` (value node) or `key(…)` (nested token tree), or a bare `key`. */
export interface AttributeArg {
  key: SyntaxNode;
  value?: SyntaxNode;
  nested?: SyntaxNode;
}

/** The top-level arguments of an attribute's token tree by key (`name = "x"`, `annotations(…)`, `default`). */
export function attributeArgs(tree: SyntaxNode | undefined): Map<string, AttributeArg> {
  const out = new Map<string, AttributeArg>();
  const children = (tree?.children ?? []).filter((c): c is SyntaxNode => !!c).slice(1, -1);
  for (let i = 0; i < children.length; i++) {
    const key = children[i]!;
    if (key.type === ',' || key.type === '=') continue;
    const next = children[i + 1];
    if (next?.type === '=' && children[i + 2]) {
      out.set(key.text, { key, value: children[i + 2]! });
      i += 2;
    } else if (next?.type === 'token_tree') {
      out.set(key.text, { key, nested: next });
      i += 1;
    } else out.set(key.text, { key });
  }
  return out;
}

/** The arguments of every attribute with this name (`#[serde(…)]` may be written more than once). */
export function argsOf(prefix: ItemPrefix, name: string): Map<string, AttributeArg> {
  const out = new Map<string, AttributeArg>();
  for (const a of prefix.attributes) if (a.path === name) for (const [k, v] of attributeArgs(a.args)) out.set(k, v);
  return out;
}

/** A string literal's value (no escapes: attribute values rarely have them), or undefined for anything else. */
export function literalString(node: SyntaxNode | undefined): string | undefined {
  if (node?.type !== 'string_literal') return undefined;
  const content = node.namedChildren.filter((n) => n?.type === 'string_content');
  return content.length === node.namedChildren.length ? content.map((c) => c!.text).join('') : undefined;
}

/**
 * The doc comment as the macros read it: each `///` line trimmed, empty lines dropped, joined with newlines
 * (rmcp's `extract_doc_line`); every unit maps back to the comment.
 */
export function docText(docs: SyntaxNode[], ctx: SourceContext): TextValue | undefined {
  const parts: DecodedText[] = [];
  for (const doc of docs) {
    const raw = doc.text;
    const trimmed = raw.trim();
    if (!trimmed) continue;
    const part = emptyDecoded();
    pushVerbatim(part, trimmed, doc.startIndex + raw.indexOf(trimmed));
    parts.push(part);
  }
  const first = docs[0];
  const last = docs.at(-1);
  if (parts.length === 0 || !first || !last) return undefined;
  const decoded = joinDecoded(parts, '\n');
  const value = ctx.textValue(decoded, decoded.starts[0] ?? first.startIndex, decoded.ends.at(-1) ?? last.endIndex);
  return { ...value, opening: '///' };
}
