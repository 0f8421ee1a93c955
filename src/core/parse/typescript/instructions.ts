// The `instructions` a TypeScript server sends at `initialize`: the SDK's `new McpServer(info, { instructions })` and
// low-level `new Server(info, { capabilities, instructions })`, and fastmcp's `new FastMCP({ name, version,
// instructions })`. The text is read as a description is (a literal, a template literal, `+`, a const of the module
// or of a sibling module); one computed at run time (`readInstructions()`) is not read, so it is absent.
import type { InstructionsDef, ToolStyle } from '../../model';
import type { SyntaxNode } from '../tree-sitter';
import { localValue, serverOfConstruction } from './receiver';
import { descendantsOf, keyName, named, unwrap } from './syntax';
import type { TsExtractor } from './extractor';

/** A constructor whose options hold `instructions`, and which argument those options are. */
interface Construction {
  style: ToolStyle;
  options: number;
}

// The SDK's classes are read only in a file importing the SDK (v1's `@modelcontextprotocol/sdk`, v2's
// `@modelcontextprotocol/server`): `Server` is a common class name.
const SDK = /['"]@modelcontextprotocol\//;
const SDK_CLASSES: Record<string, Construction> = { McpServer: { style: 'sdk', options: 1 }, Server: { style: 'sdk-lowlevel', options: 1 } };
const FASTMCP_CLASSES: Record<string, Construction> = { FastMCP: { style: 'fastmcp', options: 0 } };

/** Reads the instructions of the SDK's servers (`McpServer`, the low-level `Server`). */
export function readSdkInstructions(x: TsExtractor): void {
  if (SDK.test(x.ctx.text)) readConstructions(x, SDK_CLASSES);
}

/** Reads the instructions of fastmcp's servers (`new FastMCP({ … })`), in a file fastmcp.ts reads. */
export function readFastMcpInstructions(x: TsExtractor): void {
  readConstructions(x, FASTMCP_CLASSES);
}

function readConstructions(x: TsExtractor, classes: Record<string, Construction>): void {
  if (!x.ctx.text.includes('instructions')) return;
  for (const node of descendantsOf(x.root, ['new_expression'])) {
    const ctor = node.childForFieldName('constructor');
    // `new McpServer(…)`, or `new sdk.McpServer(…)` of a namespace import.
    const name = ctor?.type === 'member_expression' ? ctor.childForFieldName('property')?.text : ctor?.text;
    const construction = name !== undefined && Object.hasOwn(classes, name) ? classes[name] : undefined;
    if (!construction) continue;
    const options = named(node.childForFieldName('arguments'))[construction.options];
    const member = instructionsMember(options, x.root);
    if (member) readInstructions(x, member, node, construction.style);
  }
}

/** The `instructions` member of an options object (`instructions: …`, or the shorthand `instructions`), following
 * a const the options are kept in. */
function instructionsMember(options: SyntaxNode | undefined, root: SyntaxNode): { member: SyntaxNode; value: SyntaxNode } | undefined {
  let object = unwrap(options);
  if (object?.type === 'identifier') object = unwrap(localValue(object, root));
  if (object?.type !== 'object') return undefined;
  for (const member of named(object)) {
    if (member.type === 'shorthand_property_identifier' && member.text === 'instructions') return { member, value: member };
    const key = member.type === 'pair' ? member.childForFieldName('key') : null;
    const value = member.childForFieldName('value');
    if (key && value && keyName(key) === 'instructions') return { member, value };
  }
  return undefined;
}

function readInstructions(x: TsExtractor, { member, value }: { member: SyntaxNode; value: SyntaxNode }, construction: SyntaxNode, style: ToolStyle): void {
  const text = x.text(value);
  if (!text) return;
  const def: InstructionsDef = { kind: 'instructions', file: x.ctx.file, span: x.ctx.span(member.startIndex, member.endIndex), style, text: text.value, mentions: [] };
  const server = serverOfConstruction(construction);
  if (server) def.server = server;
  (x.model.instructions ??= []).push(def);
}
