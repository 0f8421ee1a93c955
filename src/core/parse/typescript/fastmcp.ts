// Reads servers written with the `fastmcp` npm framework (punkpeye/fastmcp): `server.addTool({ name, description,
// parameters, outputSchema, annotations, execute })` and `server.addPrompt({ name, description, arguments: [...], load })`, also
// as the lists of `addTools([...])` / `addPrompts([...])`. A `load` that returns a string or template literal is
// the prompt's one user message, each `${args.x}` in it a use of argument x. Only files that name fastmcp are read,
// since `addTool` is a common method name. The server's `new FastMCP({ instructions })` is read by instructions.ts.
import type { ArgumentDef, MessageDef, PromptDef, SourceSpan, ToolDef } from '../../model';
import type { SyntaxNode } from '../tree-sitter';
import { configOf, descriptionUnread, properties } from './config';
import { returnsOf, serverOfCall } from './receiver';
import { descendantsOf, named, unwrap } from './syntax';
import { handlerParams, type HandlerParams } from './uses';
import { readSchemaValue } from './zod';
import type { TsExtractor } from './extractor';
import { readFastMcpInstructions } from './instructions';

// The package (`fastmcp`, `fastmcp/edge`), or its class by name (a file of the framework's own repository).
export const IMPORTS_FASTMCP = /['"]fastmcp(?:\/[\w.-]+)?['"]|\b(?:Edge)?FastMCP\b/;
const METHODS = new Set(['addTool', 'addTools', 'addPrompt', 'addPrompts']);

/** One fastmcp registration call: `addX(config)` or `addXs([config, …])`, its configs and the server it is made on. */
export interface FastMcpCall {
  call: SyntaxNode;
  method: string;
  configs: SyntaxNode[];
  /** True for the list form (`addTools([…])`). */
  list: boolean;
  server: string | undefined;
}

/** The file's calls of the given fastmcp methods (a method ending in `s` takes a list of configs). */
export function* fastMcpCalls(x: TsExtractor, methods: ReadonlySet<string>): Generator<FastMcpCall> {
  for (const call of descendantsOf(x.root, ['call_expression'])) {
    const method = call.childForFieldName('function')?.childForFieldName('property')?.text ?? '';
    if (!methods.has(method)) continue;
    const arg = named(call.childForFieldName('arguments'))[0];
    const list = method.endsWith('s') ? unwrap(arg) : undefined;
    const configs = list ? (list.type === 'array' ? named(list) : []) : arg ? [arg] : [];
    yield { call, method, configs, list: list !== undefined, server: serverOfCall(call) };
  }
}

/** Reads every fastmcp registration of the file into the extractor's model. */
export function readFastMcp(x: TsExtractor): void {
  if (!IMPORTS_FASTMCP.test(x.ctx.text)) return;
  readFastMcpInstructions(x);
  for (const { call, method, configs, server } of fastMcpCalls(x, METHODS)) {
    for (const config of configs) {
      const def = method.startsWith('addTool') ? readTool(x, config, call) : readPrompt(x, config, call);
      if (def && server) def.server = server;
    }
  }
}

/** The name of a registration config, or undefined (counted as unread for a tool) when it is computed. */
function nameOf(x: TsExtractor, props: Map<string, SyntaxNode>) {
  const name = x.localText(props.get('name'));
  return name && name.value.value ? name.value : undefined;
}

function readTool(x: TsExtractor, configNode: SyntaxNode, call: SyntaxNode): ToolDef | undefined {
  const { node, props, at } = configOf(configNode, x.root);
  const name = nameOf(x, props);
  if (!name) {
    x.model.unreadToolNames = (x.model.unreadToolNames ?? 0) + 1;
    return undefined;
  }
  const tool: ToolDef = { kind: 'tool', file: x.ctx.file, name: name.value, nameSpan: name.span, span: spanOf(x, configNode, call), style: 'fastmcp' };
  if (descriptionUnread(node, at?.root ?? x.root, x.describe(tool, props.get('description'), at))) tool.descriptionUnknown = true;
  const title = x.text(properties(props.get('annotations'), x.root).get('title'));
  if (title) tool.title = title.value.value;
  // fastmcp converts `parameters` (zod, or another Standard Schema validator, read as unknown) to JSON Schema.
  const input = schemaOf(x, props.get('parameters'), at);
  if (input) tool.inputSchema = input;
  const output = schemaOf(x, props.get('outputSchema'), at);
  if (output) tool.outputSchema = output;
  x.model.tools.push(tool);
  return tool;
}

function readPrompt(x: TsExtractor, configNode: SyntaxNode, call: SyntaxNode): PromptDef | undefined {
  const { node, props, at, whole } = configOf(configNode, x.root);
  const name = nameOf(x, props);
  if (!name) return undefined;
  const prompt: PromptDef = {
    kind: 'prompt', file: x.ctx.file, name: name.value, nameSpan: name.span, span: spanOf(x, configNode, call), style: 'fastmcp', arguments: [], messages: [],
  };
  if (descriptionUnread(node, at?.root ?? x.root, x.describe(prompt, props.get('description'), at))) prompt.descriptionUnknown = true;
  const args = unwrap(props.get('arguments'));
  if (args?.type === 'array') prompt.arguments = named(args).flatMap((a) => readArgument(x, a));
  if ((args && args.type !== 'array') || (args?.type === 'array' && prompt.arguments.length !== named(args).length) || (!args && !whole)) prompt.argumentsUnknown = true;
  const load = props.get('load');
  const fn = load ? x.messages.handlerFunction(load) : undefined;
  if (fn && fn.type !== 'identifier') readLoad(x, prompt, fn);
  x.model.prompts.push(prompt);
  return prompt;
}

/**
 * A schema member of a config, read in the file the config is written in. fastmcp takes a Standard Schema object
 * (zod, valibot, ArkType) there and refuses anything else when the tool is added, so an object literal is no JSON
 * Schema it sends: unknown.
 */
function schemaOf(x: TsExtractor, node: SyntaxNode | undefined, at: ReturnType<typeof configOf>['at']) {
  const value = unwrap(node);
  if (value?.type === 'object') {
    const span = x.ctx.span(value.startIndex, value.endIndex);
    return { value: {}, span, origin: 'object-literal' as const, locations: { '': { value: span } }, errors: [{ message: 'fastmcp takes a Standard Schema (zod, valibot, ArkType) here, not an object literal, so this schema is not checked', span }] };
  }
  const doc = node ? readSchemaValue(node, at?.root ?? x.root, at?.ctx ?? x.ctx) : undefined;
  if (doc && at) doc.file ??= at.ctx.file;
  return doc;
}

/** `{ name: "changes", description: "…", required: true }`; an argument not written out is left unread. */
function readArgument(x: TsExtractor, node: SyntaxNode): ArgumentDef[] {
  const props = properties(node, x.root);
  const name = x.localText(props.get('name'));
  if (!name || !name.value.value) return [];
  const arg: ArgumentDef = { name: name.value.value, nameSpan: name.value.span, required: unwrap(props.get('required'))?.type === 'true' };
  const description = x.localText(props.get('description'));
  if (description) arg.description = description.value;
  return [arg];
}

/** The texts `load` returns: a string or template literal (one user message), or `{ messages: [...] }` objects. */
function readLoad(x: TsExtractor, prompt: PromptDef, fn: SyntaxNode): void {
  const params = handlerParams(fn);
  const body = fn.childForFieldName('body');
  const returned = body?.type === 'statement_block' ? returnsOf(body).filter((r): r is SyntaxNode => r !== undefined) : body ? [body] : [];
  const messages: MessageDef[] = x.messages.messagesIn(fn, params);
  let unread = false;
  for (const value of returned) {
    const object = unwrap(value);
    if (object?.type === 'object') continue;
    const message = textMessage(x, value, params);
    if (message) messages.push(message);
    else unread = true;
  }
  prompt.messages = messages.sort((a, b) => a.text.span.start - b.text.span.start);
  // A return whose text is not read (a lookup, a helper's result) may use any argument: nothing to judge.
  if (unread && params) prompt.argumentUses = [{ name: '*', span: x.ctx.span(fn.startIndex, fn.endIndex) }];
}

function textMessage(x: TsExtractor, node: SyntaxNode, params: HandlerParams | undefined): MessageDef | undefined {
  const t = x.text(node);
  if (!t) return undefined;
  return { role: 'user', text: t.value, template: x.messages.analyze(t.t, t.value, params) };
}

function spanOf(x: TsExtractor, configNode: SyntaxNode, call: SyntaxNode): SourceSpan {
  // One of a list is its config object; a single registration is the whole call.
  const outer = configNode.parent?.type === 'array' ? configNode : call;
  return x.ctx.span(outer.startIndex, outer.endIndex);
}
