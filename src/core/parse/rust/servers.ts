// Which server a Rust declaration is on, and what a program is made of: `Server::builder()` chains and the
// registrations in them (with the metadata of the handlers they name), `#[cfg(test)]` modules (test data, left
// out), and whether a file is a program of its own (`fn main`).
import type { FileModel, PromptDef, ToolDef } from '../../model';
import type { SyntaxNode } from '../tree-sitter';
import { callArgs, descendants, methodChain, namedChildren, shortCallee } from './syntax';
import type { RustExtractor } from './extractor';

/** The builder chains of one file. */
export class ServerRegistrations {
  private readonly builders: { start: number; end: number; server: string }[] = [];
  /** The handler type each `.tool("x", Handler)` or `.prompt("x", Handler)` registration names. */
  private readonly handlers = new Map<ToolDef | PromptDef, string>();

  /** `Server::builder().tool("name", handler)`: the registered name is what clients call. */
  read(x: RustExtractor, call: SyntaxNode): void {
    const server = `builder@${call.startIndex}`;
    for (const c of methodChain(call).calls) {
      if (!/^(tool|prompt)(_typed|_sync|_typed_sync)?$/.test(c.method)) continue;
      // A declaration written inside the registration (`.tool("x", SimpleTool::new("x", …))`) is on this server.
      this.builders.push({ start: c.node.startIndex, end: c.node.endIndex, server });
      const name = x.nameOf(c.args[0]);
      if (!name) continue;
      const at = { file: x.ctx.file, name: name.value.value, nameSpan: name.value.span, span: x.ctx.span(c.node.startIndex, c.node.endIndex), style: 'registration', server } as const;
      // Until its handler's impl is read, what a registered prompt declares is unknown (see linkHandlerMetadata).
      const def: ToolDef | PromptDef = c.method.startsWith('tool') ? { kind: 'tool', ...at } : { kind: 'prompt', ...at, arguments: [], messages: [], descriptionUnknown: true, argumentsUnknown: true };
      const handler = handlerType(c.args[1]);
      if (handler) this.handlers.set(def, handler);
      if (def.kind === 'tool') x.model.tools.push(def);
      else x.model.prompts.push(def);
    }
  }

  /** Gives each declaration written inside a builder's registration call that builder's server. */
  assignServers(model: FileModel): void {
    if (this.builders.length === 0) return;
    for (const def of [...model.tools, ...model.prompts]) {
      const builder = def.server ? undefined : this.builders.find((b) => def.span.start >= b.start && def.span.end <= b.end);
      if (builder) def.server = builder.server;
    }
  }

  /**
   * A registration whose handler's `impl ToolHandler` (`impl PromptHandler`) in this file has a `metadata()` takes
   * its description, schemas or arguments from the ToolInfo (PromptInfo) there, under the registered name (pmcp
   * overwrites the metadata's own name with it), and that ToolInfo is no tool of its own. A prompt handler with no
   * `metadata()` is listed by pmcp with no description and no arguments; one whose impl is elsewhere stays unknown.
   */
  linkHandlerMetadata(model: FileModel, root: SyntaxNode): void {
    if (this.handlers.size === 0) return;
    const impls = new Map<string, { kind: 'tool' | 'prompt'; metadata?: [number, number] }>();
    for (const impl of descendants(root, ['impl_item'])) {
      const kind = /ToolHandler$/.test(impl.childForFieldName('trait')?.text ?? '') ? 'tool' : /PromptHandler$/.test(impl.childForFieldName('trait')?.text ?? '') ? 'prompt' : undefined;
      const type = impl.childForFieldName('type')?.text.replace(/<.*$/s, '');
      if (!kind || !type) continue;
      const fn = namedChildren(impl.childForFieldName('body')).find((f) => f.type === 'function_item' && f.childForFieldName('name')?.text === 'metadata');
      impls.set(`${kind}:${type}`, { kind, ...(fn ? { metadata: [fn.startIndex, fn.endIndex] as [number, number] } : {}) });
    }
    const linked = new Set<ToolDef | PromptDef>();
    const within = (range: [number, number] | undefined) => (d: ToolDef | PromptDef) => !!range && d.style === 'pmcp' && d.span.start >= range[0] && d.span.end <= range[1];
    for (const [registration, type] of this.handlers) {
      const impl = impls.get(`${registration.kind}:${type}`);
      if (!impl) continue;
      if (registration.kind === 'tool') {
        const info = model.tools.find(within(impl.metadata));
        if (!info) continue;
        linked.add(info);
        registration.style = 'pmcp';
        for (const key of ['description', 'title', 'inputSchema', 'outputSchema', 'annotations'] as const) if (info[key] !== undefined) (registration as unknown as Record<string, unknown>)[key] = info[key];
        continue;
      }
      delete registration.descriptionUnknown;
      delete registration.argumentsUnknown;
      const info = model.prompts.find(within(impl.metadata));
      if (!info) continue;
      linked.add(info);
      registration.style = 'pmcp';
      for (const key of ['description', 'arguments', 'messages', 'argumentUses', 'argumentsUnknown', 'descriptionUnknown'] as const) if (info[key] !== undefined) (registration as unknown as Record<string, unknown>)[key] = info[key];
    }
    model.tools = model.tools.filter((t) => !linked.has(t));
    model.prompts = model.prompts.filter((p) => !linked.has(p));
  }
}

/** The type a handler expression builds: `EchoTool`, `EchoTool { .. }`, `EchoTool::new(..)`, `Arc::new(EchoTool)`. */
function handlerType(node: SyntaxNode | undefined, depth = 0): string | undefined {
  if (!node || depth > 3) return undefined;
  if (node.type === 'identifier' || node.type === 'type_identifier') return /^[A-Z]/.test(node.text) ? node.text : undefined;
  if (node.type === 'struct_expression') return node.childForFieldName('name')?.text.split('::').pop();
  if (node.type === 'call_expression') {
    const callee = shortCallee(node);
    if (/^(Arc|Box|Rc)::new$/.test(callee)) return handlerType(callArgs(node)[0], depth + 1);
    const m = /^([A-Z]\w*)::\w+$/.exec(callee);
    return m?.[1];
  }
  return undefined;
}

/** Drops what `#[cfg(test)]` modules declare: test data, not the server's tools, prompts and instructions. */
export function leaveOutTestModules(model: FileModel, root: SyntaxNode, text: string): void {
  if ((!model.tools.length && !model.prompts.length && !model.resources?.length && !model.instructions?.length) || !/#\[\s*cfg\s*\(\s*test\s*\)\s*\]/.test(text)) return;
  const ranges: [number, number][] = [];
  for (const mod of descendants(root, ['mod_item'])) {
    let attr = mod.previousNamedSibling;
    while (attr?.type === 'attribute_item' || attr?.type === 'line_comment') {
      if (attr.type === 'attribute_item' && /^#\[\s*cfg\s*\(\s*test\s*\)\s*\]$/.test(attr.text)) ranges.push([mod.startIndex, mod.endIndex]);
      attr = attr.previousNamedSibling;
    }
  }
  if (!ranges.length) return;
  const outside = (d: { span: { start: number } }) => !ranges.some(([s, e]) => d.span.start >= s && d.span.start < e);
  model.tools = model.tools.filter(outside);
  model.prompts = model.prompts.filter(outside);
  if (model.resources) model.resources = model.resources.filter(outside);
  if (model.instructions) {
    const kept = model.instructions.filter(outside);
    if (kept.length) model.instructions = kept;
    else delete model.instructions;
  }
}

/** True when the file declares a top-level `fn main`. */
export function declaresMain(root: SyntaxNode): boolean {
  return namedChildren(root).some((n) => n.type === 'function_item' && n.childForFieldName('name')?.text === 'main');
}
