// Extracts prompts and tools from TypeScript/JavaScript servers written with @modelcontextprotocol/sdk:
// `registerTool` / `registerPrompt`, the older `tool(..)` / `prompt(..)` forms, and low-level `Server` tool
// lists (`{ name, description, inputSchema }` objects).
import type { ArgumentDef, FileModel, PromptDef, ServerKey, TextValue, ToolDef } from '../../model';
import { SourceContext } from '../../source-context';
import { readDescriptionMentions } from '../../template/mentions';
import { readSyntaxProblems } from '../syntax-problems';
import { recordBranches } from '../branches';
import type { IncrementalParse } from '../edited-trees';
import { loadGrammars, parseLoaded, type SyntaxNode } from '../tree-sitter';
import { descendantsOf, named, resolveTsText, unwrap } from './syntax';
import { readLowLevelPrompts } from './lowlevel';
import { readSchemaValue } from './zod';
import { isZodShape } from './zod-syntax';
import { annotationsOf, annotationsOfConfig } from './annotations';
import { handlerResults } from './results';
import { localValue, serverOfCall, serverOfHandler } from './receiver';
import { handlerParams } from './uses';
import { moduleRead, ModuleLinks, type ModuleFile, type ModuleReader } from './imports';
import { configOf, defaultOf, descriptionUnread, properties, type RegistrationConfig } from './config';
import { TsMessageReader } from './messages';
import { readFastMcp } from './fastmcp';

const FUNCTIONS = new Set(['arrow_function', 'function_expression', 'function', 'identifier', 'member_expression']);

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

  /** Reads the handlers' messages. */
  readonly messages = new TsMessageReader(this);

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
    readFastMcp(this);
    if (this.factories.size) this.model.serverFactories = Object.fromEntries(this.factories);
  }

  /** Servers kept in a const from a local factory, to the server that factory registers on (see ServerKey). */
  private readonly factories = new Map<ServerKey, ServerKey>();

  /** A schema of a config (see configOf), its locations in the file it is written in. */
  private schemaOf(node: SyntaxNode | undefined, at: ModuleFile | undefined) {
    const doc = readSchemaValue(node, at?.root ?? this.root, at?.ctx ?? this.ctx, { sdkShape: true });
    if (doc && at) doc.file ??= at.ctx.file;
    return doc;
  }

  private readRegisterTool(name: TextValue, span: ToolDef['span'], args: SyntaxNode[]): void {
    const { node, props: config, at } = configOf(args[1], this.root);
    const tool: ToolDef = { kind: 'tool', file: this.ctx.file, name: name.value, nameSpan: name.span, span, style: 'sdk' };
    if (descriptionUnread(node, at?.root ?? this.root, this.describe(tool, config.get('description'), at))) tool.descriptionUnknown = true;
    const title = this.text(config.get('title'), at);
    if (title) tool.title = title.value.value;
    const input = this.schemaOf(config.get('inputSchema'), at);
    if (input) tool.inputSchema = input;
    const output = this.schemaOf(config.get('outputSchema'), at);
    if (output) tool.outputSchema = output;
    // A config imported from another module: its annotations are not read (their fixes would land in that file).
    const annotations = at ? undefined : annotationsOfConfig(args[1], this.root, this.ctx);
    if (annotations !== undefined) tool.annotations = annotations;
    const results = handlerResults(args[2], this.root, this.ctx);
    if (results) tool.results = results;
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
    // The object after the shape (or the first, with no shape) is the annotations; with every argument but the
    // handler a literal, a call without one has none.
    const annotationsNode = objects[shape ? 1 : 0];
    const allRead = rest.slice(0, -1).every((n) => ['object', 'string', 'template_string'].includes(unwrap(n)?.type ?? ''));
    const annotations = annotationsNode ? annotationsOf(annotationsNode, this.root, this.ctx) : allRead ? null : undefined;
    if (annotations !== undefined) tool.annotations = annotations;
    const results = handlerResults(rest.at(-1), this.root, this.ctx);
    if (results) tool.results = results;
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
    const config = configOf(configNode, this.root);
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
      const fn = this.messages.handlerFunction(handler);
      const params = fn && fn.type !== 'identifier' ? handlerParams(fn) : undefined;
      // Without an argsSchema the SDK calls the handler with `extra` alone: its first parameter is no arguments.
      prompt.messages = fn ? this.messages.messagesIn(fn, argsSchema ? params : undefined) : [];
      const uses = argsSchema && fn && params ? this.messages.contentUses(fn, params) : [];
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
      const annotations = annotationsOfConfig(object, this.root, this.ctx);
      if (annotations !== undefined) tool.annotations = annotations;
      const server = serverOfHandler(object);
      if (server) tool.server = server;
      this.model.tools.push(tool);
    }
  }
}

/** Reads one TypeScript/JavaScript file, following relative imports through `readModule` when given. Never throws
 * for bad source. */
export async function extractTypeScript(file: string, text: string, readModule?: ModuleReader, incremental?: IncrementalParse): Promise<FileModel> {
  await loadGrammars();
  const links = readModule ? await ModuleLinks.fetch(file, text, readModule) : undefined;
  const grammar = /\.[jt]sx$/.test(file) ? 'tsx' : 'typescript';
  const tree = parseLoaded(grammar, text, undefined, incremental?.oldTree());
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
    if (incremental) incremental.keep(tree);
    else tree.delete();
    links?.dispose();
  }
}
