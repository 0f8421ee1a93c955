// Extracts prompts and tools from TypeScript/JavaScript servers written with @modelcontextprotocol/sdk:
// `registerTool` / `registerPrompt`, the older `tool(..)` / `prompt(..)` forms, and low-level `Server` tool
// lists (`{ name, description, inputSchema }` objects).
import type { ArgumentDef, FileModel, MessageDef, PromptDef, ServerKey, TemplateVariable, TextValue, ToolDef } from '../model';
import { SourceContext } from '../source-context';
import { analyzeTemplate } from '../template/analyze';
import { readDescriptionMentions } from '../template/mentions';
import { readSyntaxProblems } from './syntax-problems';
import { recordBranches } from './branches';
import { loadGrammars, parseLoaded, type SyntaxNode } from './tree-sitter';
import { descendantsOf, keyName, named, resolveTsText, unwrap, type TsText } from './ts-syntax';
import { readLowLevelPrompts } from './ts-lowlevel';
import { isZodShape, readSchemaValue } from './zod';
import { localValue, serverOfCall, serverOfHandler } from './ts-receiver';
import { argumentUses, handlerParams, type HandlerParams } from './ts-uses';
import { importedValueOf, moduleRead, ModuleLinks, type ModuleFile, type ModuleReader } from './ts-imports';

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

/** A registration's config object, its members by name; `at` is the sibling module it is written in, if not here. */
interface RegistrationConfig {
  node: SyntaxNode | undefined;
  props: Map<string, SyntaxNode>;
  /** True when every member it may have was read (an object literal that spreads nothing in). */
  whole: boolean;
  at?: ModuleFile;
}

/** True when a config object may hold a description that was not read: it is not an object literal the source
 * shows (an imported or computed config), it spreads another object in, or its `description` is computed. */
function descriptionUnread(config: SyntaxNode | undefined, root: SyntaxNode, read: boolean): boolean {
  if (read || !config) return false;
  let n = unwrap(config);
  if (n?.type === 'identifier') n = unwrap(localValue(n, root));
  if (n?.type !== 'object') return true;
  return named(n).some((m) => m.type === 'spread_element' || (m.type === 'pair' && m.childForFieldName('key')?.text === 'description') || (m.type === 'shorthand_property_identifier' && m.text === 'description'));
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

  /** The text a node builds; `at` names the sibling module the node stands in, when it is not this file's. */
  text(node: SyntaxNode | undefined, at?: ModuleFile) {
    const t = resolveTsText(node, at?.root ?? this.root, at?.ctx ?? this.ctx);
    if (!t) return undefined;
    const ctx = t.ctx ?? at?.ctx ?? this.ctx;
    const value = ctx.textValue(t.decoded, t.start, t.end);
    if (ctx !== this.ctx) {
      value.file = ctx.file;
      this.contexts.set(ctx.file, ctx);
    }
    return { t, value };
  }

  /** A name, or a text that stands with its declaration (an argument's description): only as written in this file,
   * since its span is the declaration's. One imported from another module is not read. */
  localText(node: SyntaxNode | undefined) {
    const t = this.text(node);
    return t && !t.value.file ? t : undefined;
  }

  /** Reads a description onto a tool or prompt; one whose words are substituted at run time (`${DESCRIPTIONS.x}`,
   * `"Find " + what`) may say more than what was read, so a short one is unknown rather than too short. Returns
   * whether the node built a text. */
  describe(def: ToolDef | PromptDef, node: SyntaxNode | undefined, at?: ModuleFile): boolean {
    const description = this.text(node, at);
    if (!description) return false;
    def.description = description.value;
    if (description.t.interpolations.length > 0 && !/\S\s+\S/.test(description.value.value.trim())) def.descriptionUnknown = true;
    return true;
  }

  /** The contexts of the sibling modules texts were read from, by file. */
  readonly contexts = new Map<string, SourceContext>();

  /** The context that places a text's offsets: its own file's. */
  contextOf(value: TextValue): SourceContext {
    return (value.file && this.contexts.get(value.file)) || this.ctx;
  }

  scan(): void {
    for (const call of descendantsOf(this.root, ['call_expression'])) {
      const fn = call.childForFieldName('function');
      if (fn?.type !== 'member_expression') continue;
      const method = fn.childForFieldName('property')?.text ?? '';
      // Most calls of a file are other calls (zod chains, helpers): their arguments are not read at all.
      if (!['registerTool', 'registerPrompt', 'tool', 'prompt'].includes(method)) continue;
      const args = named(call.childForFieldName('arguments'));
      const name = this.localText(defaultOf(args[0]) ?? args[0]);
      if (!name || !name.value.value) {
        // A tool registered under a name computed at run time: the server's tool list is not fully known.
        if (method === 'registerTool' || method === 'tool') this.model.unreadToolNames = (this.model.unreadToolNames ?? 0) + 1;
        continue;
      }
      const span = this.ctx.span(call.startIndex, call.endIndex);
      const counts = [this.model.tools.length, this.model.prompts.length] as const;
      if (method === 'registerTool') this.readRegisterTool(name.value, span, args);
      else if (method === 'registerPrompt') this.readPrompt(name.value, span, 'sdk', args[1], args[2]);
      else if (method === 'tool') this.readLegacyTool(name.value, span, args.slice(1));
      else this.readLegacyPrompt(name.value, span, args.slice(1));
      const server = serverOfCall(call, this.factories);
      if (server) for (const def of [...this.model.tools.slice(counts[0]), ...this.model.prompts.slice(counts[1])]) def.server = server;
    }
    this.readLowLevelTools();
    readLowLevelPrompts(this);
    if (this.factories.size) this.model.serverFactories = Object.fromEntries(this.factories);
  }

  /** Servers kept in a const from a local factory, to the server that factory registers on (see ServerKey). */
  private readonly factories = new Map<ServerKey, ServerKey>();

  /** A registration's config object: written here, or a const imported from a sibling module (read there). */
  private configOf(node: SyntaxNode | undefined): RegistrationConfig {
    const n = unwrap(node);
    const imported = n?.type === 'identifier' && !localValue(n, this.root) ? importedValueOf(n.text, this.root) : undefined;
    const [value, root] = imported ? [imported.node, imported.root] : [node, this.root];
    let object = unwrap(value);
    if (object?.type === 'identifier') object = unwrap(localValue(object, root));
    // Read whole: an object literal the source shows, spreading in nothing that could hold more members.
    const whole = object?.type === 'object' && !named(object).some((m) => m.type === 'spread_element');
    return { node: value, props: properties(value, root), whole: !node || whole, ...(imported ? { at: imported } : {}) };
  }

  /** A schema of a config (see configOf), its locations in the file it is written in. */
  private schemaOf(node: SyntaxNode | undefined, at: ModuleFile | undefined) {
    const doc = readSchemaValue(node, at?.root ?? this.root, at?.ctx ?? this.ctx, { sdkShape: true });
    if (doc && at) doc.file ??= at.ctx.file;
    return doc;
  }

  private readRegisterTool(name: TextValue, span: ToolDef['span'], args: SyntaxNode[]): void {
    const { node, props: config, at } = this.configOf(args[1]);
    const tool: ToolDef = { kind: 'tool', file: this.ctx.file, name: name.value, nameSpan: name.span, span, style: 'sdk' };
    if (descriptionUnread(node, at?.root ?? this.root, this.describe(tool, config.get('description'), at))) tool.descriptionUnknown = true;
    const title = this.text(config.get('title'), at);
    if (title) tool.title = title.value.value;
    const input = this.schemaOf(config.get('inputSchema'), at);
    if (input) tool.inputSchema = input;
    const output = this.schemaOf(config.get('outputSchema'), at);
    if (output) tool.outputSchema = output;
    this.model.tools.push(tool);
  }

  /** `server.tool(name, description?, shape?, annotations?, handler)`. */
  private readLegacyTool(name: TextValue, span: ToolDef['span'], rest: SyntaxNode[]): void {
    const tool: ToolDef = { kind: 'tool', file: this.ctx.file, name: name.value, nameSpan: name.span, span, style: 'sdk-legacy' };
    const [first, ...others] = rest;
    // The description is the first argument when it builds a string (a literal, `+`, a const), not a shape.
    const description = !!first && unwrap(first)?.type !== 'object' && this.describe(tool, first);
    // A first argument that is no text read, no object and not the handler may be a description computed at run time.
    const computed = !!first && first !== rest.at(-1) && !['object', 'identifier'].includes(unwrap(first)?.type ?? '');
    if (!description && computed) tool.descriptionUnknown = true;
    // As the SDK tells them apart: an object of zod schemas (or `{}`) is the shape, any other object the annotations.
    const objects = (description ? others : rest).filter((n) => unwrap(n)?.type === 'object' || (unwrap(n)?.type === 'identifier' && rest.at(-1) !== n));
    const isShape = (n: SyntaxNode) => {
      // A shape kept in a const (`const MoveFileShape = { … }`) is told apart by its value.
      const o = unwrap(unwrap(n)?.type === 'identifier' ? localValue(unwrap(n)!, this.root) : n);
      return o?.type === 'object' && named(o).filter((c) => c.type === 'pair').length === 0 ? true : isZodShape(o, this.root);
    };
    const shape = objects[0] && isShape(objects[0]) ? objects[0] : undefined;
    const input = shape ? readSchemaValue(shape, this.root, this.ctx, { sdkShape: true }) : undefined;
    if (input) tool.inputSchema = input;
    const title = this.text(properties(objects[shape ? 1 : 0], this.root).get('title'));
    if (title) tool.title = title.value.value;
    this.model.tools.push(tool);
  }

  /** `server.prompt(name, description?, argsShape?, handler)`. */
  private readLegacyPrompt(name: TextValue, span: PromptDef['span'], rest: SyntaxNode[]): void {
    const description = rest[0] && unwrap(rest[0])?.type !== 'object' && this.text(rest[0]) ? rest[0] : undefined;
    const shape = rest.find((n) => unwrap(n)?.type === 'object');
    const handler = rest.at(-1);
    this.readLegacyOrRegistered(name, span, 'sdk-legacy', { node: undefined, props: new Map(), whole: true }, shape, handler, description);
  }

  /** `server.registerPrompt(name, config, handler)`. */
  private readPrompt(name: TextValue, span: PromptDef['span'], style: PromptDef['style'], configNode: SyntaxNode | undefined, handler: SyntaxNode | undefined): void {
    const config = this.configOf(configNode);
    this.readLegacyOrRegistered(name, span, style, config, config.props.get('argsSchema'), handler);
  }

  private readLegacyOrRegistered(name: TextValue, span: PromptDef['span'], style: PromptDef['style'], config: RegistrationConfig, argsSchema: SyntaxNode | undefined, handler: SyntaxNode | undefined, descriptionNode?: SyntaxNode): void {
    const prompt: PromptDef = { kind: 'prompt', file: this.ctx.file, name: name.value, nameSpan: name.span, span, style, arguments: [], messages: [] };
    const { at } = config;
    const description = this.describe(prompt, descriptionNode ?? config.props.get('description'), descriptionNode ? undefined : at);
    if (descriptionNode ? !description : descriptionUnread(config.node, at?.root ?? this.root, description)) prompt.descriptionUnknown = true;
    const schema = argsSchema ? this.schemaOf(argsSchema, at) : undefined;
    if (argsSchema && (!schema || schema.errors.length > 0)) prompt.argumentsUnknown = true;
    // A config not read whole (computed, from a package, spreading another in) may declare arguments: unknown.
    if (!argsSchema && !config.whole) prompt.argumentsUnknown = true;
    const shape = schema?.value as { properties?: Record<string, { description?: string }>; required?: string[] } | undefined;
    for (const [argName, argSchema] of Object.entries(shape?.properties ?? {})) {
      const location = schema?.locations[`/properties/${argName}`];
      const arg: ArgumentDef = { name: argName, nameSpan: location?.key ?? location?.value ?? schema!.span, required: shape?.required?.includes(argName) ?? false, schema: argSchema };
      if (schema?.file) arg.file = schema.file;
      const module = schema?.file ? moduleRead(schema.file, this.root) : undefined;
      const describe = location && (module || !schema?.file) ? this.describeNode(location.value.start, module) : undefined;
      if (describe) arg.description = describe;
      prompt.arguments.push(arg);
    }
    if (handler && FUNCTIONS.has(unwrap(handler)?.type ?? '')) {
      // The handler's function and parameters are worked out once, for its texts and its other content alike.
      const fn = this.handlerFunction(handler);
      const params = fn && fn.type !== 'identifier' ? handlerParams(fn) : undefined;
      // Without an argsSchema the SDK calls the handler with `extra` alone: its first parameter is no arguments.
      prompt.messages = fn ? this.messagesIn(fn, argsSchema ? params : undefined) : [];
      const uses = argsSchema && fn && params ? this.contentUses(fn, params) : [];
      if (uses.length) prompt.argumentUses = uses;
    }
    this.model.prompts.push(prompt);
  }

  /** The `.describe("…")` text of the zod expression starting at an offset, of this file or of the module given. */
  private describeNode(start: number, module?: ModuleFile) {
    const node = (module?.root ?? this.root).descendantForIndex(start);
    let expr: SyntaxNode | null = node;
    while (expr && expr.parent && expr.parent.startIndex === start) expr = expr.parent;
    const describe = expr ? descendantsOf(expr, ['call_expression']).find((c) => c.childForFieldName('function')?.childForFieldName('property')?.text === 'describe') : undefined;
    const argument = describe ? named(describe.childForFieldName('arguments'))[0] : undefined;
    if (!module) return this.localText(argument)?.value;
    // In an imported schema the description is read in that module, and stands in its file.
    const t = resolveTsText(argument, module.root, module.ctx);
    if (!t || (t.ctx && t.ctx !== module.ctx)) return undefined;
    return { ...module.ctx.textValue(t.decoded, t.start, t.end), file: module.ctx.file };
  }

  /** The function a handler names: itself, or the `function` declaration an identifier names. */
  private handlerFunction(handler: SyntaxNode): SyntaxNode | undefined {
    const fn = unwrap(handler);
    if (fn?.type !== 'identifier') return fn;
    return descendantsOf(this.root, ['function_declaration']).find((f) => f.childForFieldName('name')?.text === fn.text) ?? fn;
  }

  /** Message texts in a handler: `{ role, content: { type: 'text', text } }` objects; `skip` leaves out those
   * whose `text` member stands at an offset it names (where the member is written, not where its const is). */
  findMessages(handler: SyntaxNode, skip?: (at: number) => boolean): MessageDef[] {
    const body = this.handlerFunction(handler);
    return body ? this.messagesIn(body, body.type !== 'identifier' ? handlerParams(body) : undefined, skip) : [];
  }

  /** The message texts in a function's body (or a branch of it), reading `params` as the prompt's arguments. */
  private messagesIn(body: SyntaxNode, params: HandlerParams | undefined, skip?: (at: number) => boolean): MessageDef[] {
    const messages: MessageDef[] = [];
    // `{ type: 'text', text: … }`, or the shorthand `{ type: 'text', text }` naming a const.
    for (const pair of descendantsOf(body, ['pair', 'shorthand_property_identifier'])) {
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
  private contentUses(fn: SyntaxNode, params: HandlerParams): NonNullable<PromptDef['argumentUses']> {
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
    const info = analyzeTemplate(value, handlebars ? 'handlebars' : 'plain', this.contextOf(value));
    // `${args.customer_id}` in a template literal is an argument use, at the name as written. In a text of another
    // module a substitution reads that module's values, not the handler's: a use of what it may name, unjudged.
    const uses: TemplateVariable[] = t.interpolations.flatMap((i): TemplateVariable[] => {
      if (params && i.node && !value.file) return argumentUses(i.node, params, this.root, this.ctx).map((u) => ({ name: u.name, path: u.name, span: u.span, blocks: [], asBlockParam: false, interpolation: 'argument' as const }));
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
      const name = this.localText(props.get('name'));
      if (!name || known.has(name.value.span.start)) continue;
      const tool: ToolDef = { kind: 'tool', file: this.ctx.file, name: name.value.value, nameSpan: name.value.span, span: this.ctx.span(object.startIndex, object.endIndex), style: 'sdk-lowlevel' };
      const description = this.text(props.get('description'));
      if (description) tool.description = description.value;
      const input = readSchemaValue(props.get('inputSchema'), this.root, this.ctx);
      if (input) tool.inputSchema = input;
      const output = readSchemaValue(props.get('outputSchema'), this.root, this.ctx);
      if (output) tool.outputSchema = output;
      const server = serverOfHandler(object);
      if (server) tool.server = server;
      this.model.tools.push(tool);
    }
  }
}

/** Reads one TypeScript/JavaScript file, following relative imports through `readModule` when given. Never throws
 * for bad source. */
export async function extractTypeScript(file: string, text: string, readModule?: ModuleReader): Promise<FileModel> {
  await loadGrammars();
  const links = readModule ? await ModuleLinks.fetch(file, text, readModule) : undefined;
  const grammar = /\.[jt]sx$/.test(file) ? 'tsx' : 'typescript';
  const tree = parseLoaded(grammar, text);
  try {
    // The root is read once: the tree hands out a new node object on every read, and the links are keyed by it.
    const root = tree.rootNode;
    links?.attach(root);
    const extractor = new TsExtractor(new SourceContext(file, text), root, 'typescript');
    extractor.scan();
    readDescriptionMentions(extractor.model.tools, (t) => extractor.contextOf(t));
    recordBranches(extractor.model, root);
    extractor.model.problems.push(...readSyntaxProblems(root, extractor.ctx));
    if (links?.read.size) extractor.model.dependencies = [...links.read].sort();
    return extractor.model;
  } finally {
    tree.delete();
    links?.dispose();
  }
}
