// A FastMCP tool's annotations: `annotations={"readOnlyHint": True}` or `annotations=ToolAnnotations(readOnlyHint=True)`
// (mcp.types' pydantic model), read as the JSON sent; `null` when the decorator is read whole and gives none,
// undefined when they are given in a way not read (a name bound at run time, a `**options`).
import type { JsonDoc, JsonLocation } from '../../model';
import type { SyntaxNode } from '../tree-sitter';
import type { PyFile } from './py-file';
import { callArguments, lastName, moduleValue, unwrap } from './syntax';
import { pyScalar, pyValueToJson } from './values';

/** The annotations of a decorator's (or an add_tool call's) keyword arguments. */
export function annotationsOf(file: PyFile, options: ReturnType<typeof callArguments>): JsonDoc | null | undefined {
  const given = options.keywords.get('annotations');
  if (!given) return options.splat ? undefined : null;
  return readAnnotations(file, unwrap(given), 0);
}

function readAnnotations(file: PyFile, node: SyntaxNode | undefined, depth: number): JsonDoc | undefined {
  if (!node || depth > 3) return undefined;
  if (node.type === 'identifier') return readAnnotations(file, unwrap(moduleValue(node.text, file.root)), depth + 1);
  if (node.type === 'dictionary') {
    const doc = pyValueToJson(node, file.root, file.ctx);
    return doc && doc.errors.length === 0 && doc.value && typeof doc.value === 'object' && !Array.isArray(doc.value) ? doc : undefined;
  }
  if (node.type !== 'call' || lastName(node.childForFieldName('function')) !== 'ToolAnnotations') return undefined;
  const args = callArguments(node);
  if (args.splat || args.positional.length) return undefined;
  const value: Record<string, unknown> = {};
  const span = file.ctx.span(node.startIndex, node.endIndex);
  const locations: Record<string, JsonLocation> = { '': { value: span } };
  for (const [key, arg] of args.keywords) {
    const scalar = pyScalar(arg, file.root);
    if (!scalar) return undefined;
    // `None` leaves the hint unset, as pydantic leaves it out of the JSON sent.
    if (scalar.value === null) continue;
    value[key] = scalar.value;
    const keyNode = arg.parent?.childForFieldName('name');
    locations[`/${key}`] = { value: file.ctx.span(arg.startIndex, arg.endIndex), ...(keyNode ? { key: file.ctx.span(keyNode.startIndex, keyNode.endIndex) } : {}) };
  }
  return { value, span, origin: 'json', locations, errors: [] };
}
