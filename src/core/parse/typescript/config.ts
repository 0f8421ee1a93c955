// The config objects of TypeScript registrations (`registerTool(name, config, handler)`): their members by name,
// followed through a local `const` or into the sibling module it is imported from, and whether they were read whole.
import type { SyntaxNode } from '../tree-sitter';
import { importedValueOf, type ModuleFile } from './imports';
import { localValue } from './receiver';
import { keyName, named, unwrap } from './syntax';

/** Properties of an object literal by name; an identifier is followed to the `const` it names, when a root is given. */
export function properties(node: SyntaxNode | undefined, root?: SyntaxNode): Map<string, SyntaxNode> {
  const out = new Map<string, SyntaxNode>();
  let n = unwrap(node);
  if (n?.type === 'identifier' && root) n = unwrap(localValue(n, root));
  for (const pair of n?.type === 'object' ? named(n) : []) {
    const key = pair.childForFieldName('key');
    const value = pair.childForFieldName('value');
    if (pair.type === 'pair' && key && value) out.set(keyName(key), value);
  }
  return out;
}

/** A registration's config object, its members by name; `at` is the sibling module it is written in, if not here. */
export interface RegistrationConfig {
  node: SyntaxNode | undefined;
  props: Map<string, SyntaxNode>;
  /** True when every member it may have was read (an object literal that spreads nothing in). */
  whole: boolean;
  at?: ModuleFile;
}

/** True when a config object may hold a description that was not read: it is not an object literal the source
 * shows (an imported or computed config), it spreads another object in, or its `description` is computed. */
export function descriptionUnread(config: SyntaxNode | undefined, root: SyntaxNode, read: boolean): boolean {
  if (read || !config) return false;
  let n = unwrap(config);
  if (n?.type === 'identifier') n = unwrap(localValue(n, root));
  if (n?.type !== 'object') return true;
  return named(n).some((m) => m.type === 'spread_element' || (m.type === 'pair' && m.childForFieldName('key')?.text === 'description') || (m.type === 'shorthand_property_identifier' && m.text === 'description'));
}

/** `toolName || "web_search_exa"`, `name ?? "x"`: the literal default a name falls back to. */
export function defaultOf(node: SyntaxNode | undefined): SyntaxNode | undefined {
  const n = unwrap(node);
  if (n?.type !== 'binary_expression' || !['||', '??'].includes(n.childForFieldName('operator')?.text ?? '')) return undefined;
  const right = unwrap(n.childForFieldName('right') ?? undefined);
  return right?.type === 'string' ? right : undefined;
}

/** A registration's config object: written here, or a const imported from a sibling module (read there). */
export function configOf(node: SyntaxNode | undefined, root: SyntaxNode): RegistrationConfig {
  const n = unwrap(node);
  const imported = n?.type === 'identifier' && !localValue(n, root) ? importedValueOf(n.text, root) : undefined;
  const [value, home] = imported ? [imported.node, imported.root] : [node, root];
  let object = unwrap(value);
  if (object?.type === 'identifier') object = unwrap(localValue(object, home));
  // Read whole: an object literal the source shows, spreading in nothing that could hold more members.
  const whole = object?.type === 'object' && !named(object).some((m) => m.type === 'spread_element');
  return { node: value, props: properties(value, home), whole: !node || whole, ...(imported ? { at: imported } : {}) };
}
