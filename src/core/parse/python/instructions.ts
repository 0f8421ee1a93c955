// The `instructions` a Python server sends at `initialize`: FastMCP's (`FastMCP("name", instructions="…")`, of the
// fastmcp package and of the official SDK's `mcp.server.fastmcp`, whose second parameter it is; `MCPServer(…,
// instructions=…)`, keyword only), and the low-level `Server("name", instructions=…)`. Read as a description is
// (implicit concatenation, triple quotes, a module-level name); one computed at run time is absent.
import type { InstructionsDef, ToolStyle } from '../../model';
import type { SyntaxNode } from '../tree-sitter';
import type { PyFile } from './py-file';
import { callArguments, descendantsOf, pyTextValue, resolvePyText, serverClass, unwrap } from './syntax';

/** A server class whose constructor takes `instructions`, and its position when given without a keyword. */
interface Construction {
  style: ToolStyle;
  positional?: number;
}

const FASTMCP: Record<string, Construction> = { FastMCP: { style: 'fastmcp', positional: 1 }, MCPServer: { style: 'fastmcp' } };
const LOW_LEVEL: Record<string, Construction> = { Server: { style: 'python-lowlevel' } };

/** Reads the instructions FastMCP servers are made with, keyed as their decorators' tools are (`mcp`). */
export function readFastMcpInstructions(file: PyFile): void {
  readConstructions(file, FASTMCP, (left) => left);
}

/** Reads the instructions low-level servers are made with; a file's one `Server(…)` serves its list handlers, kept
 * in a name or not (see lowlevel.ts). */
export function readLowLevelInstructions(file: PyFile, constructed: () => string | undefined): void {
  readConstructions(file, LOW_LEVEL, (left) => left ?? constructed());
}

function readConstructions(file: PyFile, classes: Record<string, Construction>, keyOf: (left: string | undefined) => string | undefined): void {
  if (!file.ctx.text.includes('instructions')) return;
  for (const call of descendantsOf(file.root, ['call'])) {
    const name = serverClass(call);
    const construction = Object.hasOwn(classes, name) ? classes[name] : undefined;
    if (!construction) continue;
    const options = callArguments(call);
    const keyword = options.keywords.get('instructions');
    const value = keyword ?? (construction.positional !== undefined ? options.positional[construction.positional] : undefined);
    const text = value ? resolvePyText(value, file.root) : undefined;
    if (!value || !text) continue;
    // The span is the keyword argument (`instructions="…"`), or the positional value.
    const member = keyword ? (keyword.parent ?? keyword) : value;
    const def: InstructionsDef = { kind: 'instructions', file: file.ctx.file, span: file.ctx.span(member.startIndex, member.endIndex), style: construction.style, text: pyTextValue(text, file.ctx), mentions: [] };
    const server = keyOf(assignedName(call));
    if (server) def.server = server;
    (file.model.instructions ??= []).push(def);
  }
}

/** The name a construction is assigned to (`mcp = FastMCP(…)`). */
function assignedName(call: SyntaxNode): string | undefined {
  let node: SyntaxNode = call;
  while (node.parent && unwrap(node.parent)?.startIndex === call.startIndex && node.parent.type !== 'assignment') node = node.parent;
  const parent = node.parent;
  const left = parent?.type === 'assignment' && unwrap(parent.childForFieldName('right'))?.startIndex === call.startIndex ? parent.childForFieldName('left') : undefined;
  return left?.type === 'identifier' ? left.text : undefined;
}
