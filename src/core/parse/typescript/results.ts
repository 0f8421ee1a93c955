// What a TypeScript tool handler returns, read from its return object literals: for each result, where it is
// written, its `structuredContent` member and whether it is an error result. Undefined when any return is not an
// object literal read whole (a call, a variable, a spread), so the rules judge only results that were read.
import type { SourceContext } from '../../source-context';
import type { SourceSpan, ToolResultDef } from '../../model';
import { keyName, named } from './nodes';
import { localValue, returnsOf } from './receiver';
import { unwrap } from './syntax';
import type { SyntaxNode } from '../tree-sitter';

const FUNCTIONS = new Set(['arrow_function', 'function_expression', 'function', 'function_declaration', 'method_definition', 'generator_function', 'generator_function_declaration']);

/** The results a handler returns, or undefined when one of them is not read. */
export function handlerResults(handler: SyntaxNode | undefined, root: SyntaxNode, ctx: SourceContext): ToolResultDef[] | undefined {
  let fn = unwrap(handler);
  if (fn?.type === 'identifier') fn = unwrap(localValue(fn, root)) ?? functionDeclaration(fn.text, root);
  if (!fn || !FUNCTIONS.has(fn.type)) return undefined;
  const body = fn.childForFieldName('body');
  if (!body) return undefined;
  const returned = body.type === 'statement_block' ? returnValues(body) : [body];
  if (!returned || returned.length === 0) return undefined;
  const results: ToolResultDef[] = [];
  for (const value of returned) {
    const read = resultsOf(value, ctx);
    if (!read) return undefined;
    results.push(...read);
  }
  return results;
}

function functionDeclaration(name: string, root: SyntaxNode): SyntaxNode | undefined {
  return named(root).find((n) => n.type === 'function_declaration' && n.childForFieldName('name')?.text === name)
    ?? named(root).map((n) => (n.type === 'export_statement' ? named(n).find((c) => c.type === 'function_declaration') : undefined)).find((n) => n?.childForFieldName('name')?.text === name);
}

/** The values of a body's `return` statements, not those of functions nested in it; undefined for a bare `return;`. */
function returnValues(body: SyntaxNode): SyntaxNode[] | undefined {
  const returned = returnsOf(body);
  return returned.every((v): v is SyntaxNode => v !== undefined) ? returned : undefined;
}

/** The results an expression stands for: an object literal, either arm of `a ? b : c`. */
function resultsOf(expression: SyntaxNode, ctx: SourceContext): ToolResultDef[] | undefined {
  const n = unwrap(expression);
  if (n?.type === 'ternary_expression') {
    const a = resultsOf(n.childForFieldName('consequence')!, ctx);
    const b = resultsOf(n.childForFieldName('alternative')!, ctx);
    return a && b ? [...a, ...b] : undefined;
  }
  if (n?.type !== 'object') return undefined;
  // A result is marked at its first key (`content`), so a finding does not underline a whole multi-line object.
  const first = named(n)[0];
  const firstKey = first?.type === 'pair' ? first.childForFieldName('key') : first;
  const result: ToolResultDef = { span: spanOf(firstKey ?? n, ctx) };
  for (const member of named(n)) {
    if (member.type === 'spread_element') return undefined;
    const key = member.type === 'pair' ? member.childForFieldName('key') : member.type === 'shorthand_property_identifier' ? member : undefined;
    const name = key ? keyName(key) : undefined;
    if (name === 'structuredContent' && key) result.structuredContent = spanOf(key, ctx);
    if (name === 'isError') {
      const value = member.type === 'pair' ? unwrap(member.childForFieldName('value') ?? undefined) : undefined;
      if (value?.type !== 'false') result.isError = true;
    }
  }
  return [result];
}

const spanOf = (n: SyntaxNode, ctx: SourceContext): SourceSpan => ctx.span(n.startIndex, n.endIndex);
