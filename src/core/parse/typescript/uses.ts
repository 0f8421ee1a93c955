// Where a TypeScript prompt handler uses its arguments: `${args.city}` and `${city}` (a destructured parameter) in
// a template literal, through a local (`const location = `${args.city}…``), in a conditional, or in a content
// field that is not text (`data: imageBase64`). Only references to the handler's own parameter are read, so an
// expression whose value is unknown is a hole in the text, never a variable.
import type { SourceSpan } from '../../model';
import type { SourceContext } from '../../source-context';
import type { SyntaxNode } from '../tree-sitter';
import { descendantsOf, keyName, named, unwrap } from './syntax';
import { localValue } from './receiver';

/** How a handler receives its arguments: `(args) =>`, `({ city, state: st }) =>`. */
export interface HandlerParams {
  /** The parameter holding the arguments object, if it is a plain identifier. */
  object?: string;
  /** Destructured names: local name → argument name. */
  names: Map<string, string>;
}

/** The first parameter of a handler function, or undefined when it has none that can be read. */
export function handlerParams(fn: SyntaxNode): HandlerParams | undefined {
  const params = fn.childForFieldName('parameters') ?? fn.childForFieldName('parameter');
  const first = params?.type === 'identifier' ? params : named(params)[0];
  const pattern = unwrap(first?.childForFieldName('pattern') ?? first);
  if (!pattern) return undefined;
  if (pattern.type === 'identifier') return pattern.text.startsWith('_') ? undefined : { object: pattern.text, names: new Map() };
  if (pattern.type !== 'object_pattern') return undefined;
  const names = new Map<string, string>();
  for (const p of named(pattern)) {
    if (p.type === 'shorthand_property_identifier_pattern') names.set(p.text, p.text);
    else if (p.type === 'object_assignment_pattern') {
      const left = p.childForFieldName('left');
      if (left) names.set(left.text, left.text);
    } else if (p.type === 'pair_pattern') {
      const key = p.childForFieldName('key');
      const value = unwrap(p.childForFieldName('value') ?? undefined);
      const local = value?.type === 'assignment_pattern' ? value.childForFieldName('left') : value;
      if (key && local?.type === 'identifier') names.set(local.text, keyName(key));
    }
  }
  return { names };
}

/** An argument a handler's code refers to, at the name as written. */
export interface ArgumentUse {
  name: string;
  span: SourceSpan;
}

/** Every argument an expression refers to, following locals of the handler (a const built from arguments). */
export function argumentUses(expr: SyntaxNode, params: HandlerParams, root: SyntaxNode, ctx: SourceContext, depth = 0): ArgumentUse[] {
  const uses: ArgumentUse[] = [];
  const found = descendantsOf(expr, ['identifier', 'member_expression', 'subscript_expression', 'shorthand_property_identifier']);
  const nodes = found.some((n) => n.startIndex === expr.startIndex && n.endIndex === expr.endIndex) ? found : [expr, ...found];
  for (const n of nodes) {
    if (n.type === 'member_expression' || n.type === 'subscript_expression') {
      const object = unwrap(n.childForFieldName('object') ?? undefined);
      if (!params.object || object?.type !== 'identifier' || object.text !== params.object) continue;
      const key = n.type === 'member_expression' ? n.childForFieldName('property') : n.childForFieldName('index');
      if (key?.type === 'property_identifier') uses.push({ name: key.text, span: ctx.span(key.startIndex, key.endIndex) });
      else if (key?.type === 'string') uses.push({ name: keyName(key), span: ctx.span(key.startIndex + 1, key.endIndex - 1) });
    } else if (n.type === 'identifier' || n.type === 'shorthand_property_identifier') {
      // The object of `args.city` is not itself a use; a member's property is never an identifier node.
      if (n.parent?.type === 'member_expression' && n.parent.childForFieldName('object')?.startIndex === n.startIndex) continue;
      const argument = params.names.get(n.text);
      if (argument !== undefined) {
        uses.push({ name: argument, span: ctx.span(n.startIndex, n.endIndex) });
        continue;
      }
      const value = depth < 4 && n.text !== params.object ? localValue(n, root) : undefined;
      if (value) uses.push(...argumentUses(value, params, root, ctx, depth + 1));
    }
  }
  return uses;
}
