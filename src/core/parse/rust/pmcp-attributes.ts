// Reads pmcp's attribute macros: `#[mcp_tool(name = "…", description = "…")]` and `#[mcp_prompt(…)]` on functions.
import type { ToolDef } from '../../model';
import type { RustExtractor } from './extractor';
import { findMessages } from './messages';
import { attributeArgs } from './items';
import { annotationsOfAttribute } from './annotations';
import { descendants, namedChildren } from './syntax';
import type { SyntaxNode } from '../tree-sitter';

/** The `key = "value"` pairs of an attribute's token tree, with the value nodes. */
function attributePairs(attribute: SyntaxNode): Map<string, SyntaxNode> {
  const pairs = new Map<string, SyntaxNode>();
  const tokens = descendants(attribute, ['token_tree'])[0];
  const children = namedChildren(tokens);
  children.forEach((child, i) => {
    const value = children[i + 1];
    if (child.type === 'identifier' && value && (value.type === 'string_literal' || value.type === 'raw_string_literal')) pairs.set(child.text, value);
  });
  return pairs;
}

/** The function an attribute item annotates (the next function item, past other attributes and comments). */
function annotatedFunction(attributeItem: SyntaxNode): SyntaxNode | undefined {
  let next = attributeItem.nextNamedSibling;
  while (next && (next.type === 'attribute_item' || next.type.endsWith('comment'))) next = next.nextNamedSibling;
  return next?.type === 'function_item' ? next : undefined;
}

/** The argument type of an `#[mcp_tool]` function: its first parameter that is not the shared state or the request's
 * extra (`State<T>`, `RequestHandlerExtra`), whose `JsonSchema` is the tool's input schema. */
function toolArgumentType(fn: SyntaxNode): SyntaxNode | undefined {
  for (const p of namedChildren(fn.childForFieldName('parameters')).filter((n) => n.type === 'parameter')) {
    const type = p.childForFieldName('type');
    const head = (type?.type === 'generic_type' ? type.childForFieldName('type')?.text : type?.text) ?? '';
    if (type && !/(^|::)(State|RequestHandlerExtra|Extra)$/.test(head.replace(/^&\s*/, ''))) return type;
  }
  return undefined;
}

/** The `T` of an `#[mcp_tool]` function's `Result<T>` when the file declares T (a typed result, whose JsonSchema pmcp
 * sends as the output schema); a `Value` or a type from elsewhere is not read. */
function typedResult(x: RustExtractor, fn: SyntaxNode): SyntaxNode | undefined {
  const returns = fn.childForFieldName('return_type');
  if (returns?.type !== 'generic_type' || !/(^|::)Result$/.test(returns.childForFieldName('type')?.text ?? '')) return undefined;
  const t = namedChildren(returns.childForFieldName('type_arguments'))[0];
  return t?.type === 'type_identifier' && x.types().declared(t.text) ? t : undefined;
}

export function readAttributes(x: RustExtractor): void {
  for (const item of descendants(x.root, ['attribute_item'])) {
    const kind = /^#\[\s*(?:pmcp::)?(mcp_tool|mcp_prompt)\b/.exec(item.text)?.[1];
    const fn = kind ? annotatedFunction(item) : undefined;
    if (!kind || !fn) continue;
    const pairs = attributePairs(item);
    const nameNode = pairs.get('name');
    const fnName = fn.childForFieldName('name');
    const name = nameNode ? x.text(nameNode)?.value : undefined;
    const nameValue = name?.value ?? fnName?.text ?? '';
    const nameSpan = name?.span ?? x.ctx.span(fnName?.startIndex ?? fn.startIndex, fnName?.endIndex ?? fn.startIndex);
    const description = x.text(pairs.get('description'))?.value;
    const span = x.ctx.span(item.startIndex, fn.endIndex);
    if (kind === 'mcp_tool') {
      const argsType = toolArgumentType(fn);
      const inputSchema = argsType ? x.types().document(argsType) : undefined;
      const resultType = typedResult(x, fn);
      const outputSchema = resultType ? x.types().document(resultType) : undefined;
      const tool: ToolDef = {
        kind: 'tool', file: x.ctx.file, name: nameValue, nameSpan, span, style: 'pmcp-macro',
        ...(description ? { description } : {}), ...(inputSchema ? { inputSchema } : {}), ...(outputSchema ? { outputSchema } : {}),
      };
      // Without `annotations(…)` pmcp builds the tool with `ToolInfo::new`: it has none.
      const given = attributeArgs(descendants(item, ['token_tree'])[0]).get('annotations');
      const annotations = !given ? null : given.nested ? annotationsOfAttribute(given.nested, x.ctx) : undefined;
      if (annotations !== undefined) tool.annotations = annotations;
      x.model.tools.push(tool);
    } else {
      const messages = findMessages(x, fn.childForFieldName('body') ?? undefined, 'plain', new Set());
      x.model.prompts.push({ kind: 'prompt', file: x.ctx.file, name: nameValue, nameSpan, span, style: 'pmcp-macro', arguments: [], messages, ...(description ? { description } : {}) });
    }
  }
}
