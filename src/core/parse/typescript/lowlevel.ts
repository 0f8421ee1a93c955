// Tools and prompts of a low-level `Server`: tools listed as `{ name, description, inputSchema }` objects in a file
// that answers tools/list; prompts listed as `{ name, description, arguments: [{ name, description, required }] }`
// in the ListPrompts handler, their texts returned by the GetPrompt handler, in an `if (… === "name")` branch, a
// `case "name":`, or the final return for the one prompt no branch names.
import type { ArgumentDef, PromptDef, ToolDef } from '../../model';
import type { SyntaxNode } from '../tree-sitter';
import { descendantsOf, named, unwrap } from './syntax';
import { properties } from './config';
import { annotationsOfConfig } from './annotations';
import { readSchemaValue } from './zod';
import type { TsExtractor } from './extractor';
import { serverOfHandler } from './receiver';

function findGetPromptHandler(x: TsExtractor): SyntaxNode | undefined {
  for (const call of descendantsOf(x.root, ['call_expression'])) {
    const args = named(call.childForFieldName('arguments'));
    if (/setRequestHandler$/.test(call.childForFieldName('function')?.text ?? '') && args[0]?.text === 'GetPromptRequestSchema') return args[1];
  }
  return undefined;
}

/** The branch of the GetPrompt handler that answers a prompt name, if one names it. */
function branchFor(handler: SyntaxNode, name: string, x: TsExtractor): SyntaxNode | undefined {
  const literals = descendantsOf(handler, ['string']).filter((s) => x.text(s)?.value.value === name);
  for (const literal of literals) {
    let node: SyntaxNode | null = literal.parent;
    while (node && node.startIndex >= handler.startIndex) {
      if (node.type === 'switch_case') return node;
      if (node.type === 'if_statement') return node.childForFieldName('consequence') ?? undefined;
      node = node.parent;
    }
  }
  return undefined;
}

export function readLowLevelPrompts(x: TsExtractor): void {
  // Only a file that answers prompts/list lists prompts; `{ name, arguments: [] }` elsewhere is other data.
  if (!/ListPromptsRequestSchema|['"]prompts\/list['"]/.test(x.ctx.text)) return;
  const prompts: PromptDef[] = [];
  for (const pair of descendantsOf(x.root, ['pair'])) {
    if (!x.ctx.text.startsWith('arguments', pair.startIndex) || pair.childForFieldName('key')?.text !== 'arguments' || pair.parent?.type !== 'object') continue;
    const props = properties(pair.parent);
    const name = x.localText(props.get('name'));
    const list = unwrap(props.get('arguments'));
    if (!name || list?.type !== 'array') continue;
    const description = x.text(props.get('description'))?.value;
    const args: ArgumentDef[] = named(list).flatMap((element) => {
      const p = properties(element);
      const argName = x.localText(p.get('name'));
      if (!argName) return [];
      const argDescription = x.localText(p.get('description'))?.value;
      return [{ name: argName.value.value, nameSpan: argName.value.span, required: p.get('required')?.text === 'true', ...(argDescription ? { description: argDescription } : {}) }];
    });
    const server = serverOfHandler(pair.parent);
    prompts.push({
      ...(server ? { server } : {}),
      kind: 'prompt', file: x.ctx.file, name: name.value.value, nameSpan: name.value.span, span: x.ctx.span(pair.parent.startIndex, pair.parent.endIndex),
      style: 'sdk-lowlevel', arguments: args, messages: [], ...(description ? { description } : {}),
    });
  }
  if (prompts.length === 0) return;
  const handler = findGetPromptHandler(x);
  if (handler) assignMessages(x, handler, prompts);
  x.model.prompts.push(...prompts);
}

function assignMessages(x: TsExtractor, handler: SyntaxNode, prompts: PromptDef[]): void {
  const claimed: [number, number][] = [];
  for (const prompt of prompts) {
    const branch = branchFor(handler, prompt.name, x);
    if (!branch) continue;
    prompt.messages = x.messages.find(branch);
    claimed.push([branch.startIndex, branch.endIndex]);
  }
  // What no branch claims belongs to the one prompt no branch names (the handler's final return).
  const rest = prompts.filter((p) => p.messages.length === 0);
  if (rest.length !== 1) return;
  rest[0]!.messages = x.messages.find(handler, (at) => claimed.some(([s, e]) => at >= s && at < e));
}

/** Low-level servers list tools as `{ name, description, inputSchema }` objects, in a file that answers
 * tools/list. Elsewhere such an object is another format (a toolkit's own tool definitions, registered at run
 * time under another name), not a declaration. */
export function readLowLevelTools(x: TsExtractor): void {
  if (!/ListToolsRequestSchema|['"]tools\/list['"]/.test(x.ctx.text)) return;
  const known = new Set(x.model.tools.map((t) => t.nameSpan.start));
  // Start from the `inputSchema` members (few) rather than every object literal of the file (many).
  const candidates = descendantsOf(x.root, ['pair']).filter((p) => x.ctx.text.startsWith('inputSchema', p.startIndex) && p.childForFieldName('key')?.text === 'inputSchema' && p.parent?.type === 'object');
  for (const object of candidates.map((p) => p.parent!)) {
    const props = properties(object);
    if (!props.has('name') || !props.has('inputSchema')) continue;
    const name = x.localText(props.get('name'));
    if (!name || known.has(name.value.span.start)) continue;
    const tool: ToolDef = { kind: 'tool', file: x.ctx.file, name: name.value.value, nameSpan: name.value.span, span: x.ctx.span(object.startIndex, object.endIndex), style: 'sdk-lowlevel' };
    const description = x.text(props.get('description'));
    if (description) tool.description = description.value;
    const input = readSchemaValue(props.get('inputSchema'), x.root, x.ctx);
    if (input) tool.inputSchema = input;
    const output = readSchemaValue(props.get('outputSchema'), x.root, x.ctx);
    if (output) tool.outputSchema = output;
    const annotations = annotationsOfConfig(object, x.root, x.ctx);
    if (annotations !== undefined) tool.annotations = annotations;
    const server = serverOfHandler(object);
    if (server) tool.server = server;
    x.model.tools.push(tool);
  }
}
