// Extracts prompts and tools from TypeScript/JavaScript servers written with @modelcontextprotocol/sdk:
// `registerTool` / `registerPrompt`, the older `tool(..)` / `prompt(..)` forms, and low-level `Server` tool
// lists (`{ name, description, inputSchema }` objects).
import type { ArgumentDef, FileModel, MessageDef, PromptDef, TemplateVariable, TextValue, ToolDef } from '../model';
import { SourceContext } from '../source-context';
import { analyzeTemplate } from '../template/analyze';
import { readDescriptionMentions } from '../template/mentions';
import { readSyntaxProblems } from './syntax-problems';
import { loadGrammars, parseLoaded, type SyntaxNode } from './tree-sitter';
import { descendantsOf, keyName, named, resolveTsText, unwrap, type TsText } from './ts-syntax';
import { readLowLevelPrompts } from './ts-lowlevel';
import { isZodShape, readSchemaValue } from './zod';
import { annotationsOf, annotationsOfConfig } from './ts-annotations';
import { localValue, serverOfCall, serverOfHandler } from './ts-receiver';
import { argumentUses, handlerParams, type HandlerParams } from './ts-uses';

const FUNCTIONS = new Set(['arrow_function', 'function_expression', 'function', 'identifier', 'member_expression']);

/** Properties of an object literal by name; an identifier is followed to the `const` it names, when a root is given. */
export function properties(node: SyntaxNode | undefined, root?: SyntaxNode): Map<string, SyntaxNode> {
  const out = new Map<string, SyntaxNode>();
  let n = unwrap(node);
  if (n?.type === 'identifier' && root) n = unwrap(localValue(n, root));
  for (const pair of n?.type === 'object' ? named(n) : []) {
    const key = pair.childForFieldName('key');
    const value = pair.childForFieldName('value');
    if (pair.type === 'pair' && key && value) out.set(keyName(key), value);
  }
  return out;
}

/** `toolName || "web_search_exa"`, `name ?? "x"`: the literal default a name falls back to. */
function defaultOf(node: SyntaxNode | undefined): SyntaxNode | undefined {
  const n = unwrap(node);
  if (n?.type !== 'binary_expression' || !['||', '??'].includes(n.childForFieldName('operator')?.text ?? '')) return undefined;
  const right = unwrap(n.childForFieldName('right') ?? undefined);
  return right?.type === 'string' ? right : undefined;
}

export class TsExtractor {
  readonly model: FileModel;

  constructor(
    readonly ctx: SourceContext,
    readonly root: SyntaxNode,
    language: FileModel['language'],
  ) {
    this.model = { file: ctx.file, language, prompts: [], tools: [], problems: [], lineStarts: ctx.lines.lineStarts };
  }

  text(node: SyntaxNode | undefined) {
    const t = resolveTsText(node, this.root, this.ctx);
    return t ? { t, value: this.ctx.textValue(t.decoded, t.start, t.end) } : undefined;
  }

  scan(): void {
    for (const call of descendantsOf(this.root, ['call_expression'])) {
      const fn = call.childForFieldName('function');
      if (fn?.type !== 'member_expression') continue;
      const method = fn.childForFieldName('property')?.text ?? '';
      // Most calls of a file are other calls (zod chains, helpers): their arguments are not read at all.
      if (!['registerTool', 'registerPrompt', 'tool', 'prompt'].includes(method)) continue;
      const args = named(call.childForFieldName('arguments'));
      const name = this.text(defaultOf(args[0]) ?? args[0]);
      if (!name || !name.value.value) {
        // A tool registered under a name computed at run time: the server's tool list is not fully known.
        if (method === 'registerTool' || method === 'tool') this.model.unreadToolNames = (this.model.unreadToolNames ?? 0) + 1;
        continue;
      }
      const span = this.ctx.span(call.startIndex, call.endIndex);
      const counts = [this.model.tools.length, this.model.prompts.length] as const;
      if (method === 'registerTool') this.readRegisterTool(name.value, span, args);
      else if (method === 'registerPrompt') this.readPrompt(name.value, span, 'sdk', args[1], properties(args[1], this.root).get('argsSchema'), args[2]);
      else if (method === 'tool') this.readLegacyTool(name.value, span, args.slice(1));
      else this.readLegacyPrompt(name.value, span, args.slice(1));
      const server = serverOfCall(call);
      if (server) for (const def of [...this.model.tools.slice(counts[0]), ...this.model.prompts.slice(counts[1])]) def.server = server;
    }
    this.readLowLevelTools();
    readLowLevelPrompts(this);
  }

  private readRegisterTool(name: TextValue, span: ToolDef['span'], args: SyntaxNode[]): void {
    const config = properties(args[1], this.root);
    const tool: ToolDef = { kind: 'tool', file: this.ctx.file, name: name.value, nameSpan: name.span, span, style: 'sdk' };
    const description = this.text(config.get('description'));
    if (description) tool.description = description.value;
    const title = this.text(config.get('title'));
    if (title) tool.title = title.value.value;
    const input = readSchemaValue(config.get('inputSchema'), this.root, this.ctx, { sdkShape: true });
    if (input) tool.inputSchema = input;
    const output = readSchemaValue(config.get('outputSchema'), this.root, this.ctx, { sdkShape: true });
    if (output) tool.outputSchema = output;
    const annotations = annotationsOfConfig(args[1], this.root, this.ctx);
    if (annotations !== undefined) tool.annotations = annotations;
    this.model.tools.push(tool);
  }

  /** `server.tool(name, description?, shape?, annotations?, handler)`. */
  private readLegacyTool(name: TextValue, span: ToolDef['span'], rest: SyntaxNode[]): void {
    const tool: ToolDef = { kind: 'tool', file: this.ctx.file, name: name.value, nameSpan: name.span, span, style: 'sdk-legacy' };
    const [first, ...others] = rest;
    // The description is the first argument when it builds a string (a literal, `+`, a const), not a shape.
    const description = first && unwrap(first)?.type !== 'object' ? this.text(first) : undefined;
    if (description) tool.description = description.value;
    // As the SDK tells them apart: an object of zod schemas (or `{}`) is the shape, any other object the annotations.
    const objects = (description ? others : rest).filter((n) => unwrap(n)?.type === 'object' || (unwrap(n)?.type === 'identifier' && rest.at(-1) !== n));
    const isShape = (n: SyntaxNode) => { const o = unwrap(n); return o?.type === 'object' && named(o).filter((c) => c.type === 'pair').length === 0 ? true : isZodShape(n, this.root); };
    const shape = objects[0] && isShape(objects[0]) ? objects[0] : undefined;
    const input = shape ? readSchemaValue(shape, this.root, this.ctx, { sdkShape: true }) : undefined;
    if (input) tool.inputSchema = input;
    const title = this.text(properties(objects[shape ? 1 : 0], this.root).get('title'));
    if (title) tool.title = title.value.value;
    // The object after the shape (or the first, with no shape) is the annotations; with every argument but the
    // handler a literal, a call without one has none.
    const annotationsNode = objects[shape ? 1 : 0];
    const allRead = rest.slice(0, -1).every((n) => ['object', 'string', 'template_string'].includes(unwrap(n)?.type ?? ''));
    const annotations = annotationsNode ? annotationsOf(annotationsNode, this.root, this.ctx) : allRead ? null : undefined;
    if (annotations !== undefined) tool.annotations = annotations;
    this.model.tools.push(tool);
  }

  /** `server.prompt(name, description?, argsShape?, handler)`. */
  private readLegacyPrompt(name: TextValue, span: PromptDef['span'], rest: SyntaxNode[]): void {
    const description = rest[0] && unwrap(rest[0])?.type !== 'object' && this.text(rest[0]) ? rest[0] : undefined;
    const shape = rest.find((n) => unwrap(n)?.type === 'object');
    const handler = rest.at(-1);
    this.readPrompt(name, span, 'sdk-legacy', undefined, shape, handler, description);
  }

  private readPrompt(name: TextValue, span: PromptDef['span'], style: PromptDef['style'], config: SyntaxNode | undefined, argsSchema: SyntaxNode | undefined, handler: SyntaxNode | undefined, descriptionNode?: SyntaxNode): void {
    const prompt: PromptDef = { kind: 'prompt', file: this.ctx.file, name: name.value, nameSpan: name.span, span, style, arguments: [], messages: [] };
    const description = this.text(descriptionNode ?? properties(config, this.root).get('description'));
    if (description) prompt.description = description.value;
    const schema = argsSchema ? readSchemaValue(argsSchema, this.root, this.ctx, { sdkShape: true }) : undefined;
    if (argsSchema && (!schema || schema.errors.length > 0)) prompt.argumentsUnknown = true;
    const shape = schema?.value as { properties?: Record<string, { description?: string }>; required?: string[] } | undefined;
    for (const [argName, argSchema] of Object.entries(shape?.properties ?? {})) {
      const location = schema?.locations[`/properties/${argName}`];
      const arg: ArgumentDef = { name: argName, nameSpan: location?.key ?? location?.value ?? schema!.span, required: shape?.required?.includes(argName) ?? false, schema: argSchema };
      const describe = location ? this.describeNode(location.value.start) : undefined;
      if (describe) arg.description = describe;
      prompt.arguments.push(arg);
    }
    if (handler && FUNCTIONS.has(unwrap(handler)?.type ?? '')) {
      // Without an argsSchema the SDK calls the handler with `extra` alone: its first parameter is no arguments.
      prompt.messages = this.findMessages(handler, undefined, !argsSchema);
      const uses = argsSchema ? this.contentUses(handler) : [];
      if (uses.length) prompt.argumentUses = uses;
    }
    this.model.prompts.push(prompt);
  }

  /** The `.describe("…")` text of the zod expression starting at an offset. */
  private describeNode(start: number) {
    const node = this.root.descendantForIndex(start);
    let expr: SyntaxNode | null = node;
    while (expr && expr.parent && expr.parent.startIndex === start) expr = expr.parent;
    const describe = expr ? descendantsOf(expr, ['call_expression']).find((c) => c.childForFieldName('function')?.childForFieldName('property')?.text === 'describe') : undefined;
    return describe ? this.text(named(describe.childForFieldName('arguments'))[0])?.value : undefined;
  }

  /** The function a handler names: itself, or the `function` declaration an identifier names. */
  private handlerFunction(handler: SyntaxNode): SyntaxNode | undefined {
    const fn = unwrap(handler);
    if (fn?.type !== 'identifier') return fn;
    return descendantsOf(this.root, ['function_declaration']).find((f) => f.childForFieldName('name')?.text === fn.text) ?? fn;
  }

  /** Message texts in a handler: `{ role, content: { type: 'text', text } }` objects; `skip` leaves out those
   * whose `text` member stands at an offset it names (where the member is written, not where its const is). */
  findMessages(handler: SyntaxNode, skip?: (at: number) => boolean, noArguments = false): MessageDef[] {
    const body = this.handlerFunction(handler);
    const params = body && body.type !== 'identifier' && !noArguments ? handlerParams(body) : undefined;
    const messages: MessageDef[] = [];
    // `{ type: 'text', text: … }`, or the shorthand `{ type: 'text', text }` naming a const.
    for (const pair of body ? descendantsOf(body, ['pair', 'shorthand_property_identifier']) : []) {
      // A key `text` starts where its pair starts: the source rules out the other pairs without asking the tree.
      if (!this.ctx.text.startsWith('text', pair.startIndex) || skip?.(pair.startIndex)) continue;
      const shorthand = pair.type === 'shorthand_property_identifier';
      if ((shorthand ? pair.text : pair.childForFieldName('key')?.text) !== 'text') continue;
      const t = this.text(shorthand ? pair : (pair.childForFieldName('value') ?? undefined));
      if (!t) {
        this.unreadTexts.add(pair.startIndex);
        continue;
      }
      const roleObject = pair.parent?.parent?.parent;
      const role = /role\s*:\s*['"]assistant['"]/.test(roleObject?.text ?? '') ? 'assistant' : 'user';
      messages.push({ role, text: t.value, template: this.analyze(t.t, t.value, params) });
    }
    return messages;
  }

  /** Where a `text` member stands whose value findMessages could not read. */
  private readonly unreadTexts = new Set<number>();

  /** Arguments a handler passes in its messages' `content` other than through a text read (see PromptDef). */
  private contentUses(handler: SyntaxNode): NonNullable<PromptDef['argumentUses']> {
    const fn = this.handlerFunction(handler);
    const params = fn && fn.type !== 'identifier' ? handlerParams(fn) : undefined;
    if (!fn || !params) return [];
    const uses: NonNullable<PromptDef['argumentUses']> = [];
    for (const pair of descendantsOf(fn, ['pair'])) {
      if (!this.ctx.text.startsWith('content', pair.startIndex) || pair.childForFieldName('key')?.text !== 'content') continue;
      const value = pair.childForFieldName('value');
      if (!value) continue;
      // The members other than `text` (whose uses findMessages read): an image's `data`, a resource's `uri`.
      const object = unwrap(value);
      const isText = (m: SyntaxNode) => (m.type === 'pair' ? m.childForFieldName('key')?.text : m.text) === 'text';
      const members = object?.type === 'object' ? named(object).filter((m) => !isText(m)) : [value];
      for (const m of members) uses.push(...argumentUses(m, params, this.root, this.ctx));
      // A text the extractor could not read, or the whole arguments object handed on: any argument may be used.
      const unreadText = object?.type === 'object' && named(object).some((m) => this.unreadTexts.has(m.startIndex));
      const wholeObject = params.object !== undefined && descendantsOf(value, ['identifier']).some((id) => id.text === params.object && !(id.parent?.type === 'member_expression' && id.parent.childForFieldName('object')?.startIndex === id.startIndex));
      if (unreadText || wholeObject) uses.push({ name: '*', span: this.ctx.span(value.startIndex, value.endIndex) });
    }
    return uses;
  }

  private analyze(t: TsText, value: TextValue, params: HandlerParams | undefined) {
    const handlebars = t.handlebars || value.value.includes('{{');
    const info = analyzeTemplate(value, handlebars ? 'handlebars' : 'plain', this.ctx);
    // `${args.customer_id}` in a template literal is an argument use, at the name as written.
    const uses: TemplateVariable[] = t.interpolations.flatMap((i): TemplateVariable[] => {
      if (params && i.node) return argumentUses(i.node, params, this.root, this.ctx).map((u) => ({ name: u.name, path: u.name, span: u.span, blocks: [], asBlockParam: false, interpolation: 'argument' as const }));
      const m = /(?:^|\.)([A-Za-z_$][\w$]*)\s*(?:\?\?.*)?$/.exec(i.expression.trim());
      return m?.[1] ? [{ name: m[1], path: i.expression, span: i.span, blocks: [], asBlockParam: false, interpolation: 'unknown' as const }] : [];
    });
    info.variables.push(...uses);
    return info;
  }

  /** Low-level servers list tools as `{ name, description, inputSchema }` objects, in a file that answers
   * tools/list. Elsewhere such an object is another format (a toolkit's own tool definitions, registered at run
   * time under another name), not a declaration. */
  private readLowLevelTools(): void {
    if (!/ListToolsRequestSchema|['"]tools\/list['"]/.test(this.ctx.text)) return;
    const known = new Set(this.model.tools.map((t) => t.nameSpan.start));
    // Start from the `inputSchema` members (few) rather than every object literal of the file (many).
    const candidates = descendantsOf(this.root, ['pair']).filter((p) => this.ctx.text.startsWith('inputSchema', p.startIndex) && p.childForFieldName('key')?.text === 'inputSchema' && p.parent?.type === 'object');
    for (const object of candidates.map((p) => p.parent!)) {
      const props = properties(object);
      if (!props.has('name') || !props.has('inputSchema')) continue;
      const name = this.text(props.get('name'));
      if (!name || known.has(name.value.span.start)) continue;
      const tool: ToolDef = { kind: 'tool', file: this.ctx.file, name: name.value.value, nameSpan: name.value.span, span: this.ctx.span(object.startIndex, object.endIndex), style: 'sdk-lowlevel' };
      const description = this.text(props.get('description'));
      if (description) tool.description = description.value;
      const input = readSchemaValue(props.get('inputSchema'), this.root, this.ctx);
      if (input) tool.inputSchema = input;
      const output = readSchemaValue(props.get('outputSchema'), this.root, this.ctx);
      if (output) tool.outputSchema = output;
      const annotations = annotationsOfConfig(object, this.root, this.ctx);
      if (annotations !== undefined) tool.annotations = annotations;
      const server = serverOfHandler(object);
      if (server) tool.server = server;
      this.model.tools.push(tool);
    }
  }
}

/** Reads one TypeScript/JavaScript file. Never throws for bad source. */
export async function extractTypeScript(file: string, text: string): Promise<FileModel> {
  await loadGrammars();
  const grammar = /\.[jt]sx$/.test(file) ? 'tsx' : 'typescript';
  const tree = parseLoaded(grammar, text);
  try {
    const extractor = new TsExtractor(new SourceContext(file, text), tree.rootNode, 'typescript');
    extractor.scan();
    readDescriptionMentions(extractor.model.tools, extractor.ctx);
    extractor.model.problems.push(...readSyntaxProblems(tree.rootNode, extractor.ctx));
    return extractor.model;
  } finally {
    tree.delete();
  }
}
