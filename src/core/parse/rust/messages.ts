// The messages of a Rust prompt: `PromptMessage::user(…)` calls (and the helpers they are built in), the struct
// form `PromptMessage { role, content: Content::Text { text } }`, and `vec!` bodies, each text a template.
import type { MessageDef, TemplateSyntax } from '../../model';
import { analyzeTemplate } from '../../template/analyze';
import type { SyntaxNode } from '../tree-sitter';
import { callArgs, descendants, macroName, namedChildren, shortCallee, vecElements } from './syntax';
import type { RustExtractor } from './extractor';

const MESSAGE_CALLS = new Set(['PromptMessage::user', 'PromptMessage::assistant', 'PromptMessage::system', 'PromptMessage::new', 'PromptMessage::new_text']);

/** The message texts in a handler, a `vec!` element or a function it calls, in source order; `visited` names the
 * helper functions already followed. */
export function findMessages(x: RustExtractor, node: SyntaxNode | undefined, literalSyntax: TemplateSyntax, visited: Set<string>, anyCall = false): MessageDef[] {
  if (!node) return [];
  const messages: MessageDef[] = [];
  const calls = descendants(node, ['call_expression']);
  for (const call of calls) {
    const callee = shortCallee(call);
    if (MESSAGE_CALLS.has(callee) || (anyCall && /Message::(user|assistant|system|new)$/.test(callee))) {
      const args = callArgs(call);
      // `PromptMessage::new(role, content)` and rmcp's `PromptMessage::new_text(Role::User, text)`.
      const contentArg = callee.endsWith('::new') || callee.endsWith('::new_text') ? args[1] : args[0];
      const role = callee.endsWith('assistant') || /Assistant/.test(args[0]?.text ?? '') ? 'assistant' : 'user';
      const t = x.text(contentArg, literalSyntax);
      if (t) messages.push({ role, text: t.value, template: analyzeTemplate(t.value, t.resolved.syntax, x.ctx, t.resolved.formatArgs) });
    } else if (/^\w+$/.test(callee) && !visited.has(callee)) {
      visited.add(callee);
      const fn = x.scope.fn(callee);
      if (fn) messages.push(...findMessages(x, fn.childForFieldName('body') ?? undefined, literalSyntax, visited));
    }
  }
  for (const struct of descendants(node, ['struct_expression'])) {
    const message = readMessageStruct(x, struct, literalSyntax);
    if (message) messages.push(message);
  }
  for (const macro of descendants(node, ['macro_invocation'])) {
    if (macroName(macro) === 'vec') for (const e of vecElements(macro, x.reparse)) messages.push(...findMessages(x, e, literalSyntax, visited, anyCall));
  }
  return messages.sort((a, b) => a.text.span.start - b.text.span.start);
}

/** `PromptMessage { role: Role::User, content: Content::Text { text } }`, the struct form of a message. */
function readMessageStruct(x: RustExtractor, struct: SyntaxNode, literalSyntax: TemplateSyntax): MessageDef | undefined {
  if (!/(^|::)PromptMessage$/.test(struct.childForFieldName('name')?.text ?? '')) return undefined;
  const fields = structFields(struct);
  let content = fields.get('content');
  if (content?.type === 'struct_expression' && /(^|::)Content::Text$/.test(content.childForFieldName('name')?.text ?? '')) content = structFields(content).get('text');
  const t = x.text(content, literalSyntax);
  if (!t) return undefined;
  const role = /Assistant/.test(fields.get('role')?.text ?? '') ? 'assistant' : 'user';
  return { role, text: t.value, template: analyzeTemplate(t.value, t.resolved.syntax, x.ctx, t.resolved.formatArgs) };
}

/** The fields of a struct expression by name; a shorthand `text` field maps to its identifier. */
function structFields(struct: SyntaxNode): Map<string, SyntaxNode> {
  const fields = new Map<string, SyntaxNode>();
  for (const f of namedChildren(struct.childForFieldName('body'))) {
    if (f.type === 'shorthand_field_initializer') {
      const id = namedChildren(f)[0];
      if (id) fields.set(id.text, id);
    } else if (f.type === 'field_initializer') {
      const name = f.childForFieldName('field')?.text;
      const value = f.childForFieldName('value');
      if (name && value) fields.set(name, value);
    }
  }
  return fields;
}
