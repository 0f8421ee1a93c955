// The `instructions` an rmcp server sends at `initialize`: `ServerInfo::new(…).with_instructions(…)` (rmcp 3.x, also
// on `ServerConfig`/`InitializeResult`), the struct literal `ServerInfo { instructions: Some(…), .. }` of earlier
// releases, and `#[tool_handler(instructions = "…")]` / `#[prompt_handler(…)]`, which build that call. The text is
// read as a description is (`concat!`, `format!`, raw strings, `.to_string()`, a const); one computed at run time is
// absent. An instructions written in an `impl ServerHandler for T` is the server `rmcp:T`, as T's tools are. pmcp's
// server builder has no way to set instructions, so it gives none to read.
import type { InstructionsDef } from '../../model';
import type { SyntaxNode } from '../tree-sitter';
import type { RustExtractor } from './extractor';
import { attributeArgs, findAttribute, itemPrefix } from './items';
import { callArgs, descendants } from './syntax';

/** Reads every rmcp server's instructions in the file. */
export function readRmcpInstructions(x: RustExtractor): void {
  if (!x.ctx.text.includes('instructions')) return;
  for (const call of descendants(x.root, ['call_expression'])) {
    const fn = call.childForFieldName('function');
    if (fn?.type !== 'field_expression' || fn.childForFieldName('field')?.text !== 'with_instructions') continue;
    // The span runs from the method name to the call's end: `with_instructions(…)`.
    const field = fn.childForFieldName('field')!;
    push(x, field.startIndex, call.endIndex, callArgs(call)[0], call);
  }
  for (const init of descendants(x.root, ['field_initializer'])) {
    if (init.childForFieldName('field')?.text !== 'instructions') continue;
    const struct = init.parent?.parent;
    const type = struct?.type === 'struct_expression' ? (struct.childForFieldName('name')?.text ?? '') : '';
    if (!/(?:^|::)(?:ServerInfo|InitializeResult|ServerConfig)$/.test(type)) continue;
    push(x, init.startIndex, init.endIndex, init.childForFieldName('value') ?? undefined, init);
  }
  for (const impl of descendants(x.root, ['impl_item'])) {
    const prefix = itemPrefix(impl);
    for (const name of ['tool_handler', 'prompt_handler']) {
      const arg = attributeArgs(findAttribute(prefix, name)?.args).get('instructions');
      if (arg?.value) push(x, arg.key.startIndex, arg.value.endIndex, arg.value, impl);
    }
  }
}

function push(x: RustExtractor, start: number, end: number, value: SyntaxNode | undefined, at: SyntaxNode): void {
  // `None` and computed texts are not read.
  const text = value ? x.text(value) : undefined;
  if (!text) return;
  const def: InstructionsDef = { kind: 'instructions', file: x.ctx.file, span: x.ctx.span(start, end), style: 'rmcp-macro', text: text.value, mentions: [] };
  const server = serverOf(at);
  if (server) def.server = server;
  (x.model.instructions ??= []).push(def);
}

/** `rmcp:T` of the `impl ServerHandler for T` a node stands in (or is), as rmcp.ts keys T's tools. */
function serverOf(node: SyntaxNode): string | undefined {
  for (let n: SyntaxNode | null = node; n; n = n.parent) {
    if (n.type !== 'impl_item') continue;
    if (!/(?:^|::)ServerHandler$/.test(n.childForFieldName('trait')?.text ?? '')) return undefined;
    const type = n.childForFieldName('type')?.text.replace(/<.*$/s, '');
    return type ? `rmcp:${type}` : undefined;
  }
  return undefined;
}
