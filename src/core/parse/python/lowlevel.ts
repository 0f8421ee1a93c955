// The official SDK's low-level server (`mcp.server.Server`): the tools and prompts its list handlers return,
// `types.Tool(name=…, description=…, inputSchema={…})` (or `input_schema=` in SDK 2.x) and
// `types.Prompt(name=…, arguments=[types.PromptArgument(…)])`. Their messages are built by another handler
// (get_prompt), so a prompt's text is not read.
import type { ArgumentDef, PromptDef, ToolDef } from '../../model';
import { annotationsOf } from './annotations';
import type { SyntaxNode } from '../tree-sitter';
import type { PyFile } from './py-file';
import { callArguments, descendantsOf, lastName, named, pyTextValue, resolvePyText, unwrap } from './syntax';
import { pyScalar, pyValueToJson } from './values';
import { readLowLevelInstructions } from './instructions';

/** True for a file that uses the low-level server's types. */
const LOW_LEVEL = /\bmcp\b[\s\S]*\b(?:Tool|Prompt)\(/;

export function readLowLevel(file: PyFile): void {
  if (!/from\s+mcp|import\s+mcp/.test(file.ctx.text)) return;
  // A server's instructions are read whether or not the file lists its tools with the types read below.
  readLowLevelInstructions(file, () => constructedServer(file.root));
  if (!LOW_LEVEL.test(file.ctx.text)) return;
  const constructed = constructedServer(file.root);
  for (const call of descendantsOf(file.root, ['call'])) {
    const kind = lastName(call.childForFieldName('function'));
    if (kind !== 'Tool' && kind !== 'Prompt') continue;
    const options = callArguments(call);
    const nameNode = options.keywords.get('name');
    if (!nameNode) continue;
    if (kind === 'Tool' && !options.keywords.has('inputSchema') && !options.keywords.has('input_schema')) continue;
    const name = resolvePyText(nameNode, file.root);
    if (!name || name.holes.length || !name.decoded.text) {
      if (kind === 'Tool') file.model.unreadToolNames = (file.model.unreadToolNames ?? 0) + 1;
      continue;
    }
    const base = { file: file.ctx.file, name: name.decoded.text, nameSpan: file.ctx.span(name.start, name.end), span: file.ctx.span(call.startIndex, call.endIndex), style: 'python-lowlevel' as const };
    const description = options.keywords.get('description');
    const text = description ? resolvePyText(description, file.root) : undefined;
    const server = serverOf(call) ?? constructed;
    if (kind === 'Tool') {
      const tool: ToolDef = { kind: 'tool', ...base, ...(text ? { description: pyTextValue(text, file.ctx) } : {}) };
      const title = options.keywords.get('title');
      const titleText = title ? resolvePyText(title, file.root) : undefined;
      if (titleText) tool.title = titleText.decoded.text;
      const input = pyValueToJson(options.keywords.get('inputSchema') ?? options.keywords.get('input_schema'), file.root, file.ctx);
      if (input) tool.inputSchema = input;
      const output = options.keywords.get('outputSchema') ?? options.keywords.get('output_schema');
      if (output && unwrap(output)?.type !== 'none') tool.outputSchema = pyValueToJson(output, file.root, file.ctx)!;
      const annotations = annotationsOf(file, options);
      if (annotations !== undefined) tool.annotations = annotations;
      if (server) tool.server = server;
      file.model.tools.push(tool);
    } else {
      const prompt: PromptDef = { kind: 'prompt', ...base, arguments: [], messages: [], ...(text ? { description: pyTextValue(text, file.ctx) } : {}) };
      readArguments(file, options.keywords.get('arguments'), prompt);
      if (server) prompt.server = server;
      file.model.prompts.push(prompt);
    }
  }
}

/** `arguments=[types.PromptArgument(name=…, description=…, required=True)]`; anything else leaves them unknown. */
function readArguments(file: PyFile, node: SyntaxNode | undefined, prompt: PromptDef): void {
  const list = unwrap(node);
  if (!list) return;
  if (list.type !== 'list') {
    prompt.argumentsUnknown = true;
    return;
  }
  for (const item of named(list)) {
    const call = unwrap(item);
    const options = call?.type === 'call' && lastName(call.childForFieldName('function')) === 'PromptArgument' ? callArguments(call).keywords : undefined;
    const name = options ? resolvePyText(options.get('name'), file.root) : undefined;
    if (!options || !name) {
      prompt.argumentsUnknown = true;
      continue;
    }
    const arg: ArgumentDef = { name: name.decoded.text, nameSpan: file.ctx.span(name.start, name.end), required: pyScalar(options.get('required'), file.root)?.value === true };
    const description = options.get('description') ? resolvePyText(options.get('description'), file.root) : undefined;
    if (description) arg.description = pyTextValue(description, file.ctx);
    prompt.arguments.push(arg);
  }
}

/** The one low-level `Server(…)` a file constructs (`app = Server("x", on_list_tools=…)`): the instance its list
 * handlers serve. A file constructing none or several leaves it to the source to show. */
function constructedServer(root: SyntaxNode): string | undefined {
  const calls = descendantsOf(root, ['call']).filter((c) => lastName(c.childForFieldName('function')) === 'Server');
  if (calls.length !== 1) return undefined;
  const parent = calls[0]!.parent;
  const left = parent?.type === 'assignment' ? parent.childForFieldName('left') : undefined;
  return left?.type === 'identifier' ? left.text : 'Server()';
}

/** `@server.list_tools()` on the enclosing function names the server instance. */
function serverOf(call: SyntaxNode): string | undefined {
  for (let p = call.parent; p; p = p.parent) {
    if (p.type !== 'decorated_definition') continue;
    for (const d of named(p).filter((c) => c.type === 'decorator')) {
      const target = unwrap(named(d)[0]);
      const fn = target?.type === 'call' ? target.childForFieldName('function') : target;
      if (fn?.type === 'attribute' && /^list_(?:tools|prompts)$/.test(fn.childForFieldName('attribute')?.text ?? '')) return fn.childForFieldName('object')?.text;
    }
  }
  return undefined;
}
