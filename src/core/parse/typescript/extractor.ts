// A TypeScript/JavaScript file's extraction state, shared by its frameworks' readers (mcp-sdk.ts, lowlevel.ts,
// fastmcp.ts): the file's context and tree, the model being built, and the texts and schemas read for them.
import type { FileModel, PromptDef, ServerKey, TextValue, ToolDef } from '../../model';
import type { SourceContext } from '../../source-context';
import type { SyntaxNode } from '../tree-sitter';
import { descendantsOf, named, resolveTsText } from './syntax';
import { readSchemaValue } from './zod';
import type { ModuleFile } from './imports';
import { TsMessageReader } from './messages';

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

  /** Servers kept in a const from a local factory, to the server that factory registers on (see ServerKey). */
  readonly factories = new Map<ServerKey, ServerKey>();

  /** A schema of a config (see configOf), its locations in the file it is written in. */
  schemaOf(node: SyntaxNode | undefined, at: ModuleFile | undefined) {
    const doc = readSchemaValue(node, at?.root ?? this.root, at?.ctx ?? this.ctx, { sdkShape: true });
    if (doc && at) doc.file ??= at.ctx.file;
    return doc;
  }

  /** The `.describe("…")` text of the zod expression starting at an offset, of this file or of the module given. */
  describeNode(start: number, module?: ModuleFile) {
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
}
