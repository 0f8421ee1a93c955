// What a Go prompt handler returns and where it reads its arguments, for both SDKs: each `mcp.NewTextContent(text)`
// (mcp-go) or `&mcp.TextContent{Text: text}` (go-sdk) in the handler is a message, its role from the enclosing
// `mcp.NewPromptMessage(role, …)` or `Role:` field. Every `….Arguments["x"]` read in the handler is a use of x; a
// fmt verb printing one is a template variable at the key, so a key no argument declares is reported.
import type { MessageDef, PromptDef, TemplateVariable } from '../../model';
import { analyzeTemplate } from '../../template/analyze';
import type { SyntaxNode } from '../tree-sitter';
import type { GoFile } from './go-file';
import { argumentsOf, bindingsOf, calleeOf, descendantsOf, goTextValue, literalFields, named, resolveGoText, typeName, unwrap, type GoScope, type GoText } from './syntax';

export interface PromptBody {
  messages: MessageDef[];
  uses: NonNullable<PromptDef['argumentUses']>;
}

/** The handler a registration passes: a func literal, or a function of the file named (`handlePrompt`, `h.prompt`). */
export function handlerOf(file: GoFile, node: SyntaxNode | undefined): SyntaxNode | undefined {
  const n = unwrap(node);
  if (!n) return undefined;
  if (n.type === 'func_literal') return n;
  const name = n.type === 'selector_expression' ? n.childForFieldName('field')?.text : n.type === 'identifier' ? n.text : undefined;
  if (name && file.functions.has(name)) return file.functions.get(name);
  // A call that makes the handler (`makeHandler(cfg)`): its function's returned func literal.
  if (n.type === 'call_expression') {
    const made = file.functions.get(calleeOf(n).name);
    return made ? descendantsOf(made, ['func_literal'])[0] : undefined;
  }
  return undefined;
}

/** Reads a prompt handler's messages and argument uses. */
export function readPromptHandler(file: GoFile, handler: SyntaxNode): PromptBody {
  const body = handler.childForFieldName('body');
  const out: PromptBody = { messages: [], uses: [] };
  if (!body) return out;
  const scope: GoScope = { locals: bindingsOf(body), globals: file.globals };
  const keyOf = argumentKeyReader(scope);
  for (const index of descendantsOf(body, ['index_expression'])) {
    const key = keyOf(index);
    if (key) out.uses.push({ name: key.name, span: file.ctx.span(key.start, key.end) });
  }
  // The whole arguments map handed on (to a helper, a template): any argument may reach the AI.
  for (const sel of descendantsOf(body, ['selector_expression'])) {
    if (sel.childForFieldName('field')?.text !== 'Arguments' || sel.parent?.type === 'index_expression') continue;
    const parent = sel.parent;
    if (parent?.type === 'argument_list' || parent?.type === 'range_clause') out.uses.push({ name: '*', span: file.ctx.span(sel.startIndex, sel.endIndex) });
  }
  for (const text of messageTexts(body)) {
    const t = resolveGoText(text.node, scope);
    if (!t) {
      out.uses.push({ name: '*', span: file.ctx.span(text.node.startIndex, text.node.endIndex) });
      continue;
    }
    const value = goTextValue(t, file.ctx);
    const info = analyzeTemplate(value, 'plain', file.ctx);
    info.variables.push(...holeVariables(file, t, scope, keyOf));
    out.messages.push({ role: text.role, text: value, template: info });
  }
  return out;
}

/** The text expressions of a handler's messages, with their roles. */
function messageTexts(body: SyntaxNode): { node: SyntaxNode; role: MessageDef['role'] }[] {
  const out: { node: SyntaxNode; role: MessageDef['role'] }[] = [];
  for (const call of descendantsOf(body, ['call_expression'])) {
    if (calleeOf(call).name !== 'NewTextContent') continue;
    const arg = argumentsOf(call)[0];
    if (arg) out.push({ node: arg, role: roleAround(call) });
  }
  for (const lit of descendantsOf(body, ['composite_literal'])) {
    if (typeName(lit.childForFieldName('type')) !== 'TextContent') continue;
    const text = literalFields(lit).get('Text');
    if (text) out.push({ node: text.value, role: roleAround(lit) });
  }
  return out.sort((a, b) => a.node.startIndex - b.node.startIndex);
}

/** `mcp.NewPromptMessage(mcp.RoleAssistant, …)` or a `Role: "assistant"` field around the content. */
function roleAround(node: SyntaxNode): MessageDef['role'] {
  for (let p: SyntaxNode | null = node.parent; p; p = p.parent) {
    if (p.type === 'call_expression' && calleeOf(p).name === 'NewPromptMessage') return /assistant/i.test(argumentsOf(p)[0]?.text ?? '') ? 'assistant' : 'user';
    if (p.type === 'literal_value') {
      const role = named(p).find((e) => e.type === 'keyed_element' && named(e)[0]?.text === 'Role');
      if (role) return /assistant/i.test(role.text) ? 'assistant' : 'user';
    }
    if (p.type === 'func_literal' || p.type === 'function_declaration' || p.type === 'method_declaration') break;
  }
  return 'user';
}

/** Reads `req.Params.Arguments["x"]` (or `args["x"]` for `args := req.Params.Arguments`) as the key x. */
function argumentKeyReader(scope: GoScope): (index: SyntaxNode) => { name: string; start: number; end: number } | undefined {
  const isArguments = (n: SyntaxNode | undefined): boolean => {
    const o = unwrap(n);
    if (o?.type === 'selector_expression') return o.childForFieldName('field')?.text === 'Arguments';
    if (o?.type === 'identifier') {
      const v = unwrap(scope.locals?.get(o.text));
      return v?.type === 'selector_expression' && v.childForFieldName('field')?.text === 'Arguments';
    }
    return false;
  };
  return (index) => {
    if (index.type !== 'index_expression' || !isArguments(index.childForFieldName('operand') ?? undefined)) return undefined;
    const key = unwrap(index.childForFieldName('index'));
    if (key?.type !== 'interpreted_string_literal' && key?.type !== 'raw_string_literal') return undefined;
    return { name: key.text.slice(1, -1), start: key.startIndex + 1, end: key.endIndex - 1 };
  };
}

/** The arguments a text's fmt verbs print: through the key read in the operand, or in a local's value. */
function holeVariables(file: GoFile, t: GoText, scope: GoScope, keyOf: ReturnType<typeof argumentKeyReader>): TemplateVariable[] {
  const out: TemplateVariable[] = [];
  for (const hole of t.holes) {
    if (!hole.operand) continue;
    const seen = new Set<number>();
    const visit = (n: SyntaxNode, depth: number): void => {
      for (const index of descendantsOf(n, ['index_expression'])) {
        const key = keyOf(index);
        if (key) out.push({ name: key.name, path: key.name, span: file.ctx.span(key.start, key.end), blocks: [], asBlockParam: false, interpolation: 'argument' });
      }
      if (depth > 3) return;
      for (const id of descendantsOf(n, ['identifier'])) {
        const value = scope.locals?.get(id.text);
        if (value && !seen.has(value.startIndex)) {
          seen.add(value.startIndex);
          visit(value, depth + 1);
        }
      }
    };
    visit(hole.operand, 0);
  }
  return out;
}
