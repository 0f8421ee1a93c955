// The @modelcontextprotocol/sdk's high-level registrations: `registerTool` / `registerPrompt` and the older
// `tool(..)` / `prompt(..)` forms, and the instructions of its servers (instructions.ts).
import type { ArgumentDef, PromptDef, TextValue, ToolDef } from '../../model';
import type { SyntaxNode } from '../tree-sitter';
import { descendantsOf, named, unwrap } from './syntax';
import { readSchemaValue } from './zod';
import { isZodShape } from './zod-syntax';
import { annotationsOf, annotationsOfConfig } from './annotations';
import { handlerResults } from './results';
import { localValue, serverOfCall } from './receiver';
import { handlerParams } from './uses';
import { moduleRead } from './imports';
import { configOf, defaultOf, descriptionUnread, properties, type RegistrationConfig } from './config';
import type { TsExtractor } from './extractor';
import { readSdkInstructions } from './instructions';

const FUNCTIONS = new Set(['arrow_function', 'function_expression', 'function', 'identifier', 'member_expression']);

/** Reads the SDK's registrations: `registerTool` / `registerPrompt` and the older `tool(..)` / `prompt(..)`, and the
 * instructions its servers (`McpServer`, the low-level `Server`) are made with. */
export function readSdk(x: TsExtractor): void {
  readSdkInstructions(x);
  for (const call of descendantsOf(x.root, ['call_expression'])) {
    const fn = call.childForFieldName('function');
    if (fn?.type !== 'member_expression') continue;
    const method = fn.childForFieldName('property')?.text ?? '';
    // Most calls of a file are other calls (zod chains, helpers): their arguments are not read at all.
    if (!['registerTool', 'registerPrompt', 'tool', 'prompt'].includes(method)) continue;
    const args = named(call.childForFieldName('arguments'));
    const name = x.localText(defaultOf(args[0]) ?? args[0]);
    if (!name || !name.value.value) {
      // A tool registered under a name computed at run time: the server's tool list is not fully known.
      if (method === 'registerTool' || method === 'tool') x.model.unreadToolNames = (x.model.unreadToolNames ?? 0) + 1;
      continue;
    }
    const span = x.ctx.span(call.startIndex, call.endIndex);
    const counts = [x.model.tools.length, x.model.prompts.length] as const;
    if (method === 'registerTool') readRegisterTool(x, name.value, span, args);
    else if (method === 'registerPrompt') readPrompt(x, name.value, span, 'sdk', args[1], args[2]);
    else if (method === 'tool') readLegacyTool(x, name.value, span, args.slice(1));
    else readLegacyPrompt(x, name.value, span, args.slice(1));
    const server = serverOfCall(call, x.factories);
    if (server) for (const def of [...x.model.tools.slice(counts[0]), ...x.model.prompts.slice(counts[1])]) def.server = server;
  }
}

function readRegisterTool(x: TsExtractor, name: TextValue, span: ToolDef['span'], args: SyntaxNode[]): void {
  const { node, props: config, at } = configOf(args[1], x.root);
  const tool: ToolDef = { kind: 'tool', file: x.ctx.file, name: name.value, nameSpan: name.span, span, style: 'sdk' };
  if (descriptionUnread(node, at?.root ?? x.root, x.describe(tool, config.get('description'), at))) tool.descriptionUnknown = true;
  const title = x.text(config.get('title'), at);
  if (title) tool.title = title.value.value;
  const input = x.schemaOf(config.get('inputSchema'), at);
  if (input) tool.inputSchema = input;
  const output = x.schemaOf(config.get('outputSchema'), at);
  if (output) tool.outputSchema = output;
  // A config imported from another module: its annotations are not read (their fixes would land in that file).
  const annotations = at ? undefined : annotationsOfConfig(args[1], x.root, x.ctx);
  if (annotations !== undefined) tool.annotations = annotations;
  const results = handlerResults(args[2], x.root, x.ctx);
  if (results) tool.results = results;
  x.model.tools.push(tool);
}

/** `server.tool(name, description?, shape?, annotations?, handler)`. */
function readLegacyTool(x: TsExtractor, name: TextValue, span: ToolDef['span'], rest: SyntaxNode[]): void {
  const tool: ToolDef = { kind: 'tool', file: x.ctx.file, name: name.value, nameSpan: name.span, span, style: 'sdk-legacy' };
  const [first, ...others] = rest;
  // The description is the first argument when it builds a string (a literal, `+`, a const), not a shape.
  const description = !!first && unwrap(first)?.type !== 'object' && x.describe(tool, first);
  // A first argument that is no text read, no object and not the handler may be a description computed at run time.
  const computed = !!first && first !== rest.at(-1) && !['object', 'identifier'].includes(unwrap(first)?.type ?? '');
  if (!description && computed) tool.descriptionUnknown = true;
  // As the SDK tells them apart: an object of zod schemas (or `{}`) is the shape, any other object the annotations.
  const objects = (description ? others : rest).filter((n) => unwrap(n)?.type === 'object' || (unwrap(n)?.type === 'identifier' && rest.at(-1) !== n));
  const isShape = (n: SyntaxNode) => {
    // A shape kept in a const (`const MoveFileShape = { … }`) is told apart by its value.
    const o = unwrap(unwrap(n)?.type === 'identifier' ? localValue(unwrap(n)!, x.root) : n);
    return o?.type === 'object' && named(o).filter((c) => c.type === 'pair').length === 0 ? true : isZodShape(o, x.root);
  };
  const shape = objects[0] && isShape(objects[0]) ? objects[0] : undefined;
  const input = shape ? readSchemaValue(shape, x.root, x.ctx, { sdkShape: true }) : undefined;
  if (input) tool.inputSchema = input;
  const title = x.text(properties(objects[shape ? 1 : 0], x.root).get('title'));
  if (title) tool.title = title.value.value;
  // The object after the shape (or the first, with no shape) is the annotations; with every argument but the
  // handler a literal, a call without one has none.
  const annotationsNode = objects[shape ? 1 : 0];
  const allRead = rest.slice(0, -1).every((n) => ['object', 'string', 'template_string'].includes(unwrap(n)?.type ?? ''));
  const annotations = annotationsNode ? annotationsOf(annotationsNode, x.root, x.ctx) : allRead ? null : undefined;
  if (annotations !== undefined) tool.annotations = annotations;
  const results = handlerResults(rest.at(-1), x.root, x.ctx);
  if (results) tool.results = results;
  x.model.tools.push(tool);
}

/** `server.prompt(name, description?, argsShape?, handler)`. */
function readLegacyPrompt(x: TsExtractor, name: TextValue, span: PromptDef['span'], rest: SyntaxNode[]): void {
  const description = rest[0] && unwrap(rest[0])?.type !== 'object' && x.text(rest[0]) ? rest[0] : undefined;
  const shape = rest.find((n) => unwrap(n)?.type === 'object');
  const handler = rest.at(-1);
  readLegacyOrRegistered(x, name, span, 'sdk-legacy', { node: undefined, props: new Map(), whole: true }, shape, handler, description);
}

/** `server.registerPrompt(name, config, handler)`. */
function readPrompt(x: TsExtractor, name: TextValue, span: PromptDef['span'], style: PromptDef['style'], configNode: SyntaxNode | undefined, handler: SyntaxNode | undefined): void {
  const config = configOf(configNode, x.root);
  readLegacyOrRegistered(x, name, span, style, config, config.props.get('argsSchema'), handler);
}

function readLegacyOrRegistered(x: TsExtractor, name: TextValue, span: PromptDef['span'], style: PromptDef['style'], config: RegistrationConfig, argsSchema: SyntaxNode | undefined, handler: SyntaxNode | undefined, descriptionNode?: SyntaxNode): void {
  const prompt: PromptDef = { kind: 'prompt', file: x.ctx.file, name: name.value, nameSpan: name.span, span, style, arguments: [], messages: [] };
  const { at } = config;
  const description = x.describe(prompt, descriptionNode ?? config.props.get('description'), descriptionNode ? undefined : at);
  if (descriptionNode ? !description : descriptionUnread(config.node, at?.root ?? x.root, description)) prompt.descriptionUnknown = true;
  const schema = argsSchema ? x.schemaOf(argsSchema, at) : undefined;
  if (argsSchema && (!schema || schema.errors.length > 0)) prompt.argumentsUnknown = true;
  // A config not read whole (computed, from a package, spreading another in) may declare arguments: unknown.
  if (!argsSchema && !config.whole) prompt.argumentsUnknown = true;
  const shape = schema?.value as { properties?: Record<string, { description?: string }>; required?: string[] } | undefined;
  for (const [argName, argSchema] of Object.entries(shape?.properties ?? {})) {
    const location = schema?.locations[`/properties/${argName}`];
    const arg: ArgumentDef = { name: argName, nameSpan: location?.key ?? location?.value ?? schema!.span, required: shape?.required?.includes(argName) ?? false, schema: argSchema };
    if (schema?.file) arg.file = schema.file;
    const module = schema?.file ? moduleRead(schema.file, x.root) : undefined;
    const describe = location && (module || !schema?.file) ? x.describeNode(location.value.start, module) : undefined;
    if (describe) arg.description = describe;
    prompt.arguments.push(arg);
  }
  if (handler && FUNCTIONS.has(unwrap(handler)?.type ?? '')) {
    // The handler's function and parameters are worked out once, for its texts and its other content alike.
    const fn = x.messages.handlerFunction(handler);
    const params = fn && fn.type !== 'identifier' ? handlerParams(fn) : undefined;
    // Without an argsSchema the SDK calls the handler with `extra` alone: its first parameter is no arguments.
    prompt.messages = fn ? x.messages.messagesIn(fn, argsSchema ? params : undefined) : [];
    const uses = argsSchema && fn && params ? x.messages.contentUses(fn, params) : [];
    if (uses.length) prompt.argumentUses = uses;
  }
  x.model.prompts.push(prompt);
}
