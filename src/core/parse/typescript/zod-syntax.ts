// Which TypeScript expressions are zod schemas, without running them: chains on `z` (or `z.coerce`), consts and
// helper functions that are one, `completable(zod, …)`, and object literals of them (the SDK's raw shapes).
import type { SyntaxNode } from '../tree-sitter';
import { descendantsOf, findConst, named, unwrap } from './syntax';

/** The calls of a chain from the bottom: `z.string().min(1).describe("x")` -> [string(), min(1), describe("x")],
 * and what the chain starts from (`z`, `z.coerce`, a const, a helper call). */
export function chain(node: SyntaxNode): { calls: { method: string; args: SyntaxNode[] }[]; bottom: SyntaxNode | undefined } {
  const calls: { method: string; args: SyntaxNode[] }[] = [];
  let current: SyntaxNode | undefined = unwrap(node);
  while (current?.type === 'call_expression') {
    const fn = current.childForFieldName('function');
    if (fn?.type !== 'member_expression') break;
    calls.unshift({ method: fn.childForFieldName('property')?.text ?? '', args: named(current.childForFieldName('arguments')) });
    current = unwrap(fn.childForFieldName('object') ?? undefined);
  }
  return { calls, bottom: current };
}

/** `z` or `z.coerce`: the namespace a zod chain's constructor is called on. */
export const isZodNamespace = (n: SyntaxNode | undefined) => n?.type === 'identifier' ? n.text === 'z' : n?.type === 'member_expression' && /^z\s*\.\s*coerce$/.test(n.text);

/** The expression a helper function declared in the file returns (`function idField() { return z.string() }`). */
function returnedBy(name: string, root: SyntaxNode): SyntaxNode | undefined {
  const fn = descendantsOf(root, ['function_declaration']).find((f) => f.childForFieldName('name')?.text === name) ?? unwrap(findConst(name, root));
  const body = fn && ['function_declaration', 'arrow_function', 'function_expression'].includes(fn.type) ? fn.childForFieldName('body') : undefined;
  if (!body) return undefined;
  if (body.type !== 'statement_block') return body;
  return named(named(body).find((st) => st.type === 'return_statement'))[0];
}

/** What a call that is not a zod method stands for: `completable(schema, …)`'s schema, a helper's returned value. */
export function calledSchema(call: SyntaxNode, root: SyntaxNode): SyntaxNode | undefined {
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'identifier') return undefined;
  if (fn.text === 'completable') return named(call.childForFieldName('arguments'))[0];
  return returnedBy(fn.text, root);
}

/** True when an expression is a zod schema: a chain on `z`, a const or helper that is one, `completable(zod, …)`. */
export function isZodExpression(node: SyntaxNode | undefined, root?: SyntaxNode, depth = 0): boolean {
  const n = unwrap(node);
  if (!n || depth > 8) return false;
  // Most zod expressions start with `z.`: no need to walk their chain.
  if (/^\s*z\s*\.\s*\w+/.test(n.text) || !root) return /^\s*z\s*\.\s*\w+/.test(n.text);
  const { calls, bottom } = chain(n);
  if (isZodNamespace(bottom)) return calls.length > 0;
  if (bottom?.type === 'identifier') { const value = findConst(bottom.text, root); return !!value && isZodExpression(value, root, depth + 1); }
  if (bottom?.type === 'call_expression') { const inner = calledSchema(bottom, root); return !!inner && isZodExpression(inner, root, depth + 1); }
  return false;
}

const LITERALS = new Set(['string', 'template_string', 'number', 'true', 'false', 'null', 'array', 'object']);

/** True for an object literal of zod schemas (the SDK's `inputSchema`/`argsSchema` shape): some member is one, and
 * none is a JSON literal (which would make it a JSON Schema); a member that is neither is unknown within it. */
export function isZodShape(node: SyntaxNode | undefined, root?: SyntaxNode): boolean {
  const n = unwrap(node);
  if (n?.type !== 'object') return false;
  const values = named(n).filter((p) => p.type === 'pair').map((p) => p.childForFieldName('value') ?? undefined);
  return values.some((v) => isZodExpression(v, root)) && !values.some((v) => LITERALS.has(unwrap(v)?.type ?? ''));
}
