// The `instructions` a Go server sends at `initialize`: mark3labs/mcp-go's `server.NewMCPServer(name, version,
// server.WithInstructions("…"))` and the go-sdk's `mcp.NewServer(impl, &mcp.ServerOptions{Instructions: "…"})`, the
// options inline or in a local. Read as a description is (raw strings, `+`, consts, fmt.Sprintf); one computed at
// run time is absent.
import type { InstructionsDef, ToolStyle } from '../../model';
import type { SyntaxNode } from '../tree-sitter';
import type { GoFile } from './go-file';
import { argumentsOf, calleeOf, descendantsOf, goTextValue, literalFields, named, resolveGoText, typeName, unwrap } from './syntax';

const MCP_GO_SERVER = 'github.com/mark3labs/mcp-go/server';

/** Reads mcp-go's `server.WithInstructions(…)` options. */
export function readMcpGoInstructions(file: GoFile): void {
  const server = file.importName(MCP_GO_SERVER);
  if (!server || !file.ctx.text.includes('WithInstructions')) return;
  for (const call of descendantsOf(file.root, ['call_expression'])) {
    const { operand, name } = calleeOf(call);
    if (operand !== server || name !== 'WithInstructions') continue;
    const made = enclosingCall(call);
    push(file, call, argumentsOf(call)[0], 'mcp-go', made && calleeOf(made).name === 'NewMCPServer' ? made : undefined);
  }
}

/** Reads the go-sdk's `mcp.ServerOptions{Instructions: …}` literals, `mcp` being the package's local name. */
export function readGoSdkInstructions(file: GoFile, mcp: string): void {
  if (!file.ctx.text.includes('Instructions')) return;
  for (const lit of descendantsOf(file.root, ['composite_literal'])) {
    const type = lit.childForFieldName('type');
    if (type?.type !== 'qualified_type' || type.childForFieldName('package')?.text !== mcp || typeName(type) !== 'ServerOptions') continue;
    const field = literalFields(lit).get('Instructions');
    if (!field) continue;
    // The keyed element `Instructions: …` is what the span covers.
    const element = field.key.parent?.type === 'keyed_element' ? field.key.parent : (field.key.parent?.parent ?? field.key);
    push(file, element, field.value, 'go-sdk', newServerOf(file, lit, mcp));
  }
}

function push(file: GoFile, member: SyntaxNode, value: SyntaxNode | undefined, style: ToolStyle, made: SyntaxNode | undefined): void {
  const text = value ? resolveGoText(value, file.scopeAt(member)) : undefined;
  if (!text) return;
  const def: InstructionsDef = { kind: 'instructions', file: file.ctx.file, span: file.ctx.span(member.startIndex, member.endIndex), style, text: goTextValue(text, file.ctx), mentions: [] };
  // The server is the name the call's result is kept in, as its registrations (`s.AddTool(…)`) name it.
  const server = made ? keptIn(made) : undefined;
  if (server) def.server = server;
  (file.model.instructions ??= []).push(def);
}

/** The call a node is an argument of. */
function enclosingCall(node: SyntaxNode): SyntaxNode | undefined {
  let at = node;
  while (at.parent?.type === 'unary_expression' || at.parent?.type === 'parenthesized_expression') at = at.parent;
  return at.parent?.type === 'argument_list' && at.parent.parent?.type === 'call_expression' ? at.parent.parent : undefined;
}

/** The `mcp.NewServer(…)` call an options literal is given to: as an argument, or through the local it is kept in
 * (`opts := &mcp.ServerOptions{…}` … `mcp.NewServer(impl, opts)`). */
function newServerOf(file: GoFile, lit: SyntaxNode, mcp: string): SyntaxNode | undefined {
  const isNewServer = (c: SyntaxNode | undefined) => c && calleeOf(c).operand === mcp && calleeOf(c).name === 'NewServer';
  const direct = enclosingCall(lit);
  if (direct) return isNewServer(direct) ? direct : undefined;
  const kept = keptIn(lit);
  if (!kept) return undefined;
  let body: SyntaxNode | null = lit.parent;
  while (body && body.type !== 'block') body = body.parent;
  return descendantsOf(body ?? file.root, ['call_expression']).find((c) => isNewServer(c) && argumentsOf(c).some((a) => unwrap(a)?.type === 'identifier' && unwrap(a)!.text === kept));
}

/** The name a value is declared or assigned to (`x := v`, `var x = v`), when it is the only one. */
function keptIn(value: SyntaxNode): string | undefined {
  let at = value;
  while (at.parent?.type === 'unary_expression' || at.parent?.type === 'parenthesized_expression') at = at.parent;
  const list = at.parent?.type === 'expression_list' ? at.parent : undefined;
  const holder = list?.parent ?? at.parent;
  if (!holder || !['short_var_declaration', 'assignment_statement', 'var_spec'].includes(holder.type)) return undefined;
  const left = holder.childForFieldName(holder.type === 'var_spec' ? 'name' : 'left');
  const names = left?.type === 'expression_list' ? named(left) : left ? [left] : [];
  return names.length === 1 && names[0]?.type === 'identifier' ? names[0].text : undefined;
}
