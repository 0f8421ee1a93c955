// A Rust file's extraction state, shared by its frameworks' readers, and the builder forms read in one walk: the
// seed's and rmcp's model constructors (`Prompt::new`, `Tool::new`), the real pmcp 2.x API (`ToolInfo`, `SimpleTool`,
// `SimplePrompt`, `Server::builder().tool(..)`), and pmcp's workflow DSL (`SequentialWorkflow`, `WorkflowStep`).
import type { ArgumentDef, FileModel, PromptDef, PromptStyle, TemplateSyntax, ToolStyle } from '../../model';
import type { SourceContext } from '../../source-context';
import { parseLoaded, type SyntaxNode } from '../tree-sitter';
import { RustTypeReader } from './schema';
import { readWorkflowStep } from './pmcp-workflow';
import { ServerRegistrations } from './servers';
import { findMessages } from './messages';
import { readTool } from './tools';
import {
  boolLiteral, callArgs, descendants, macroName, methodChain, namedChildren, reparseTokenTree, reparseTokenTreesInPlace, RustScope,
  resolveRustText, shortCallee, vecElements, type ChainCall,
} from './syntax';

const PROMPTS: Record<string, PromptStyle> = {
  'Prompt::new': 'seed', 'SimplePrompt::new': 'pmcp', 'SyncPrompt::new': 'pmcp', 'PromptInfo::new': 'pmcp',
  'SequentialWorkflow::new': 'pmcp-workflow',
};
const TOOLS: Record<string, ToolStyle> = {
  'Tool::new': 'seed', 'ToolInfo::new': 'pmcp', 'ToolInfo::with_annotations': 'pmcp', 'SimpleTool::new': 'pmcp', 'SyncTool::new': 'pmcp',
  'TypedTool::new': 'pmcp', 'TypedSyncTool::new': 'pmcp', 'TypedToolWithOutput::new': 'pmcp',
};
// `Resource {`/`self.resource_helper(`: a `list_resources` list (rust/resources.ts).
const RELEVANT_VEC = /::new\s*\(|Message|Content::|with_argument|Resource(?:Template)?\s*\{|self\s*\.\s*\w*[Rr]esource/;

/** A Rust file's extraction state: the context, the tree, and the re-parsed macro bodies to free at the end. */
export class RustExtractor {
  readonly model: FileModel;
  private readonly disposers: (() => void)[] = [];
  private readonly claimed: [number, number][] = [];

  readonly scope: RustScope;
  private typeReader: RustTypeReader | undefined;

  /** The file's `#[derive(JsonSchema)]` types read as schemas (made on first use: most files never ask). */
  types(): RustTypeReader {
    return (this.typeReader ??= new RustTypeReader(this.root, this.ctx));
  }
  /** The builder chains of the file: which server each registration is on, and the handlers they name. */
  readonly registrations = new ServerRegistrations();

  constructor(
    readonly ctx: SourceContext,
    readonly root: SyntaxNode,
  ) {
    this.scope = new RustScope(root);
    this.model = { file: ctx.file, language: 'rust', prompts: [], tools: [], problems: [], lineStarts: ctx.lines.lineStarts };
  }

  private batch: Map<number, SyntaxNode[]> | undefined;

  /** Re-reads every `vec!` body of the file in one parse, before the scan asks for them one by one. */
  prepareMacroBodies(): void {
    // Only bodies that can hold a declaration or a message are worth a parse.
    const trees = descendants(this.root, ['macro_invocation'])
      .filter((m) => macroName(m) === 'vec' && RELEVANT_VEC.test(m.text))
      .flatMap((m) => namedChildren(m).filter((n) => n.type === 'token_tree'));
    const result = reparseTokenTreesInPlace(trees, this.ctx.text, (t, ranges) => parseLoaded('rust', t, ranges as Parameters<typeof parseLoaded>[2]));
    if (!result) return;
    this.disposers.push(result.dispose);
    this.batch = result.elements;
  }

  /** Re-reads a `vec!` body as expressions (see reparseTokenTree). */
  readonly reparse = (tree: SyntaxNode): SyntaxNode[] => {
    if (!RELEVANT_VEC.test(tree.text)) return [];
    const batched = tree.tree === this.root.tree ? this.batch?.get(tree.startIndex + 1) : undefined;
    if (batched) return batched;
    const result = reparseTokenTree(tree, this.ctx.text, (t, ranges) => parseLoaded('rust', t, ranges as Parameters<typeof parseLoaded>[2]));
    if (!result) return [];
    this.disposers.push(result.dispose);
    return result.elements;
  };

  dispose(): void {
    for (const d of this.disposers.splice(0)) d();
  }

  text(node: SyntaxNode | undefined, syntax: TemplateSyntax = 'plain') {
    const r = resolveRustText(node, this.scope, this.ctx, syntax);
    return r ? { resolved: r, value: this.ctx.textValue(r.decoded, r.start, r.end) } : undefined;
  }

  /** Finds every declaration under a node, descending into `vec!` bodies not already read by a declaration. */
  scan(node: SyntaxNode): void {
    for (const call of descendants(node, ['call_expression'])) {
      const callee = shortCallee(call);
      if (this.isClaimed(call)) continue;
      if (PROMPTS[callee]) this.readPrompt(call, PROMPTS[callee]);
      else if (TOOLS[callee]) readTool(this, call, TOOLS[callee]);
      else if (callee.endsWith('Server::builder') || callee === 'ServerBuilder::new') this.registrations.read(this, call);
    }
    for (const macro of descendants(node, ['macro_invocation'])) {
      if (macroName(macro) !== 'vec' || this.isClaimed(macro) || !/::new\s*\(/.test(macro.text)) continue;
      for (const element of vecElements(macro, this.reparse)) this.scan(element);
    }
  }

  private isClaimed(node: SyntaxNode): boolean {
    if (this.claimed.length === 0) return false;
    // endIndex is a call into the parser: read once, not once per claimed range.
    const start = node.startIndex;
    const end = node.endIndex;
    return this.claimed.some(([s, e]) => start >= s && end <= e);
  }

  /** Marks a declaration's whole chain as read, so the scan does not read its parts again. */
  claim(outer: SyntaxNode): void {
    this.claimed.push([outer.startIndex, outer.endIndex]);
  }

  nameOf(node: SyntaxNode | undefined) {
    const t = this.text(node);
    return t && t.value.value ? t : undefined;
  }

  private readPrompt(call: SyntaxNode, style: PromptStyle): void {
    const args = callArgs(call);
    const name = this.nameOf(args[0]);
    if (!name) return;
    const { calls, outer } = methodChain(call);
    this.claim(outer);
    const prompt: PromptDef = {
      kind: 'prompt', file: this.ctx.file, name: name.value.value, nameSpan: name.value.span, span: this.ctx.span(call.startIndex, outer.endIndex),
      style, arguments: [], messages: [],
    };
    const literalSyntax: TemplateSyntax = style === 'seed' ? 'handlebars' : 'plain';
    if (style === 'pmcp-workflow') {
      const description = this.text(args[1]);
      if (description) prompt.description = description.value;
      prompt.steps = [];
    } else if (style === 'seed' && args.length === 3) {
      // rmcp's model: `Prompt::new(name, Some(description), Some(vec![PromptArgument::new(..)…]))`.
      const description = this.text(args[1]);
      if (description) prompt.description = description.value;
      const list = args[2]?.type === 'call_expression' && shortCallee(args[2]) === 'Some' ? callArgs(args[2])[0] : args[2];
      for (const element of vecElements(list, this.reparse)) {
        const arg = this.readPromptArgument(element);
        if (arg) prompt.arguments.push(arg);
      }
    } else if (args[1]) {
      prompt.messages.push(...findMessages(this, args[1], literalSyntax, new Set()));
      this.readArgumentReads(prompt, args[1]);
    }
    for (const c of calls) this.readPromptMethod(prompt, c, literalSyntax);
    if (prompt.messages.length === 0 && shortCallee(call) === 'PromptInfo::new') {
      // `PromptInfo` is the metadata of a `PromptHandler` impl: its messages come from that impl's `handle`.
      const impl = ancestor(call, 'impl_item');
      if (impl) prompt.messages.push(...findMessages(this, impl.childForFieldName('body') ?? undefined, literalSyntax, new Set()));
      if (impl) this.readArgumentReads(prompt, impl);
    }
    this.model.prompts.push(prompt);
  }

  /**
   * The arguments a handler reads (`args.get("focus")`, `args["focus"]`). A Rust handler passes what it reads on
   * through locals, `if let`, lookups and `push_str`, which are not followed: an argument it reads is taken as used,
   * so `template/unused-argument` reports only arguments the handler never reads.
   */
  private readArgumentReads(prompt: PromptDef, handler: SyntaxNode): void {
    const uses: NonNullable<PromptDef['argumentUses']> = [];
    for (const m of handler.text.matchAll(/\.get\(\s*&?"([^"\\]+)"\s*\)|\[\s*"([^"\\]+)"\s*\]/g)) {
      const name = m[1] ?? m[2] ?? '';
      const at = handler.startIndex + m.index + m[0].indexOf('"') + 1;
      uses.push({ name, span: this.ctx.span(at, at + name.length) });
    }
    if (uses.length) prompt.argumentUses = [...(prompt.argumentUses ?? []), ...uses];
  }

  private readPromptMethod(prompt: PromptDef, c: ChainCall, literalSyntax: TemplateSyntax): void {
    const [a0, a1, a2] = c.args;
    switch (c.method) {
      case 'description':
      case 'with_description': {
        const d = this.text(a0);
        if (d) prompt.description = d.value;
        return;
      }
      case 'arguments':
      case 'with_arguments':
        for (const element of vecElements(a0, this.reparse)) {
          const arg = this.readPromptArgument(element);
          if (arg) prompt.arguments.push(arg);
        }
        return;
      case 'with_argument':
      case 'argument': {
        const name = this.nameOf(a0);
        if (!name) return;
        const description = this.text(a1)?.value;
        // A description argument that is no text read (a call, `None`) is unknown, not missing.
        const unknown = !description && !!a1 && a1.text !== 'None';
        prompt.arguments.push({ name: name.value.value, nameSpan: name.value.span, required: boolLiteral(a2) ?? false, ...(description ? { description } : {}), ...(unknown ? { descriptionUnknown: true as const } : {}) });
        return;
      }
      case 'messages':
        for (const element of vecElements(a0, this.reparse)) prompt.messages.push(...findMessages(this, element, literalSyntax, new Set()));
        return;
      case 'instruction':
        prompt.messages.push(...findMessages(this, a0, 'plain', new Set(), true));
        return;
      case 'step': {
        const step = a0 ? readWorkflowStep(this, a0) : undefined;
        if (step) prompt.steps?.push(step);
        return;
      }
      default:
    }
  }

  private readPromptArgument(node: SyntaxNode): ArgumentDef | undefined {
    const ctor = node.type === 'call_expression' ? innermostConstructor(node) : undefined;
    if (!ctor || shortCallee(ctor) !== 'PromptArgument::new') return undefined;
    const name = this.nameOf(callArgs(ctor)[0]);
    if (!name) return undefined;
    const arg: ArgumentDef = { name: name.value.value, nameSpan: name.value.span, required: false };
    for (const c of methodChain(ctor).calls) {
      if (c.method === 'description' || c.method === 'with_description') {
        const d = this.text(c.args[0]);
        if (d) arg.description = d.value;
        else if (c.args[0]?.text !== 'None') arg.descriptionUnknown = true;
      } else if (c.method === 'required' || c.method === 'with_required') {
        arg.required = c.args.length === 0 ? true : (boolLiteral(c.args[0]) ?? false);
      }
    }
    return arg;
  }
}

function ancestor(node: SyntaxNode, type: string): SyntaxNode | undefined {
  let current = node.parent;
  while (current && current.type !== type) current = current.parent;
  return current ?? undefined;
}

/** For `PromptArgument::new(..).a().b()` given the outer call, the `PromptArgument::new(..)` call. */
function innermostConstructor(node: SyntaxNode): SyntaxNode | undefined {
  let current: SyntaxNode | undefined = node;
  while (current?.type === 'call_expression') {
    const fn = current.childForFieldName('function');
    if (fn?.type !== 'field_expression') return current;
    current = fn.childForFieldName('value') ?? undefined;
  }
  return current?.type === 'call_expression' ? current : undefined;
}

/** Reads the builder forms: the seed's and rmcp's model constructors (`Prompt::new`, `Tool::new`), pmcp's
 * (`ToolInfo`, `SimpleTool`, `SimplePrompt`, workflows) and `Server::builder()` chains, in one walk of the file. */
export function readBuilders(x: RustExtractor): void {
  x.prepareMacroBodies();
  x.scan(x.root);
}
