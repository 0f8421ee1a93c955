// A Python function as FastMCP reads it: its parameters (the tool's input or the prompt's arguments, leaving out
// `self`, the `Context` and injected dependencies), its return statements, and its simple locals.
import type { SyntaxNode } from '../tree-sitter';
import type { Member } from './hints';
import { descendantsOf, lastName, named, unwrap } from './syntax';

export interface Parameters {
  members: Member[];
  /** True when it takes `**kwargs`: any argument may be read through it. */
  catchAll: boolean;
}

/** Hints FastMCP fills in itself, never arguments. */
const INJECTED = /^(?:Context|CurrentContext|Request|RequestContext|ServerSession)$/;

function injected(hint: SyntaxNode | undefined, value: SyntaxNode | undefined): boolean {
  const h = unwrap(hint);
  const head = h?.type === 'generic_type' || h?.type === 'subscript' ? lastName(named(h)[0] ?? h) : lastName(h);
  const v = unwrap(value);
  const dependency = v?.type === 'call' && /^(?:Depends|CurrentContext|CurrentRequest|Inject)$/.test(lastName(v.childForFieldName('function')));
  return INJECTED.test(head) || dependency;
}

/** The parameters a FastMCP tool or prompt exposes. */
export function functionParameters(fn: SyntaxNode): Parameters {
  const members: Member[] = [];
  let catchAll = false;
  named(fn.childForFieldName('parameters')).forEach((p, index) => {
    if (p.type === 'dictionary_splat_pattern') catchAll = true;
    const name = p.type === 'identifier' ? p : p.type === 'typed_parameter' ? named(p).find((c) => c.type === 'identifier') : p.childForFieldName('name');
    if (!name || name.type !== 'identifier' || !/^(?:typed_|default_|typed_default_)?parameter$|^identifier$/.test(p.type)) return;
    if (index === 0 && (name.text === 'self' || name.text === 'cls')) return;
    const hint = p.childForFieldName('type') ?? undefined;
    const value = p.childForFieldName('value') ?? undefined;
    if (injected(hint, value)) return;
    members.push({ name, ...(hint ? { hint } : {}), ...(value ? { default: value } : {}) });
  });
  return { members, catchAll };
}

/** Nodes of a type inside a function's own body (not inside nested functions, lambdas or classes). */
export function ownDescendants(fn: SyntaxNode, types: string[]): SyntaxNode[] {
  const body = fn.childForFieldName('body');
  if (!body) return [];
  return descendantsOf(body, types).filter((n) => {
    for (let p = n.parent; p && p.startIndex >= body.startIndex; p = p.parent) {
      if (p === body || p.id === body.id) return true;
      if (p.type === 'function_definition' || p.type === 'lambda' || p.type === 'class_definition') return false;
    }
    return true;
  });
}

/** Locals assigned exactly once in the function (`text = f"…"`), which texts may be followed through. */
export function singleAssignments(fn: SyntaxNode): Map<string, SyntaxNode> {
  const seen = new Map<string, SyntaxNode | null>();
  for (const a of ownDescendants(fn, ['assignment', 'augmented_assignment'])) {
    const left = a.childForFieldName('left');
    if (left?.type !== 'identifier') continue;
    const right = a.childForFieldName('right');
    seen.set(left.text, seen.has(left.text) || a.type === 'augmented_assignment' || !right ? null : right);
  }
  const out = new Map<string, SyntaxNode>();
  for (const [k, v] of seen) if (v) out.set(k, v);
  return out;
}
