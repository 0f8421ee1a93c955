// A Rust tool declaration: the seed's `Tool::new(..)` builder, rmcp-style `Tool::new(name, description, schema)`,
// pmcp's `ToolInfo::new`, `SimpleTool`/`TypedTool` chains, each with its description, title and `json!` schemas.
import type { ToolDef, ToolStyle } from '../../model';
import type { SyntaxNode } from '../tree-sitter';
import { callArgs, descendants, methodChain, namedChildren, resolveRustJson, shortCallee } from './syntax';
import type { RustExtractor } from './extractor';
import { annotationsOfChain } from './annotations';

/** The type of a typed tool handler's first parameter: a closure's annotation, a function of the file that the
 * closure hands its argument to (`|args, extra| Box::pin(get_venues(args, extra))`), or a named handler function's. */
function handlerArgumentType(x: RustExtractor, handler: SyntaxNode | undefined): SyntaxNode | undefined {
  const firstParameterType = (name: string) => {
    const fn = x.scope.fn(name);
    const first = namedChildren(fn?.childForFieldName('parameters')).find((n) => n.type === 'parameter');
    return first?.childForFieldName('type') ?? undefined;
  };
  if (handler?.type === 'identifier') return firstParameterType(handler.text);
  if (handler?.type !== 'closure_expression') return undefined;
  const first = namedChildren(handler.childForFieldName('parameters'))[0];
  const typed = first?.type === 'parameter' ? first.childForFieldName('type') : undefined;
  if (typed) return typed;
  const param = first?.type === 'identifier' ? first.text : first?.type === 'parameter' ? first.childForFieldName('pattern')?.text : undefined;
  if (!param) return undefined;
  for (const c of descendants(handler, ['call_expression'])) {
    const callee = c.childForFieldName('function');
    if (callee?.type === 'identifier' && callArgs(c)[0]?.text === param) return firstParameterType(callee.text);
  }
  return undefined;
}

/** Reads the tool a constructor call (and the method chain on it) declares. */
export function readTool(x: RustExtractor, call: SyntaxNode, style: ToolStyle): void {
  const args = callArgs(call);
  const name = x.nameOf(args[0]);
  if (!name) {
    // A tool made under a name computed at run time (`Tool::new(name, …)` in a helper): its program has tools no
    // name was read for.
    if (args[0]) x.model.unreadToolNames = (x.model.unreadToolNames ?? 0) + 1;
    return;
  }
  const { calls, outer } = methodChain(call);
  x.claim(outer);
  const tool: ToolDef = { kind: 'tool', file: x.ctx.file, name: name.value.value, nameSpan: name.value.span, span: x.ctx.span(call.startIndex, outer.endIndex), style };
  // `SimpleTool::new(name, description, handler)` is the wasm server's form (pmcp's own takes name and handler).
  if (shortCallee(call) === 'SimpleTool::new' && args.length >= 3) {
    const description = x.text(args[1]);
    if (description) tool.description = description.value;
  }
  const callee = shortCallee(call);
  if (callee === 'ToolInfo::new' || callee === 'ToolInfo::with_annotations' || (style === 'seed' && args.length >= 3)) {
    const description = x.text(args[1]);
    if (description) tool.description = description.value;
    const input = resolveRustJson(args[2], x.scope, x.ctx);
    if (input) tool.inputSchema = input;
  }
  // pmcp's typed tools: without a schema written in the chain, the schema is the one schemars derives from the
  // handler's argument type (`|args: CalculatorArgs, _extra|`, or a named handler function's first parameter).
  if (/^Typed(?:Sync)?Tool(?:WithOutput)?::new$/.test(shortCallee(call)) && !calls.some((c) => ['input_schema', 'with_schema', 'with_input_schema'].includes(c.method))) {
    const argsType = handlerArgumentType(x, args[1]);
    if (argsType) tool.inputSchema = x.types().document(argsType);
  }
  for (const c of calls) {
    const a0 = c.args[0];
    if (c.method === 'description' || c.method === 'with_description') {
      const d = x.text(a0);
      if (d) tool.description = d.value;
    } else if (['input_schema', 'with_schema', 'with_input_schema'].includes(c.method)) {
      const schema = resolveRustJson(a0, x.scope, x.ctx);
      if (schema) tool.inputSchema = schema;
    } else if (c.method === 'output_schema' || c.method === 'with_output_schema') {
      const schema = resolveRustJson(a0, x.scope, x.ctx);
      if (schema) tool.outputSchema = schema;
    } else if (c.method === 'with_title' || c.method === 'title') {
      const t = x.text(a0);
      if (t) tool.title = t.value.value;
    }
  }
  const annotations = laterAnnotations(x, outer) ? undefined : annotationsOfChain(calls, x.scope, x.ctx, callee === 'ToolInfo::with_annotations' ? (args[3] ?? call) : undefined);
  if (annotations !== undefined) tool.annotations = annotations;
  x.model.tools.push(tool);
}

/** True when the tool is bound to a name that later code annotates (`let t = Tool::new(..); t.annotate(..)`, or
 * `t.annotations = …`): what the chain holds is then not all there is. */
function laterAnnotations(x: RustExtractor, outer: SyntaxNode): boolean {
  const binding = outer.parent?.type === 'let_declaration' ? outer.parent : undefined;
  const name = binding?.childForFieldName('pattern')?.text.replace(/^mut\s+/, '');
  if (!binding || !name || !/^\w+$/.test(name)) return false;
  const after = x.ctx.text.slice(binding.endIndex, binding.parent?.endIndex ?? binding.endIndex);
  return new RegExp(`\\b${name}\\s*\\.\\s*(?:annotat|with_annotations|read_only|destructive|idempotent|open_world)`).test(after);
}
