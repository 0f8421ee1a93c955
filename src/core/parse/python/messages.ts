// The messages a FastMCP prompt function returns (a string, an f-string, a list of messages) and where it uses its
// arguments: each f-string field reading a parameter is a use at the name as written; any other reference in the
// body (a conditional, a helper call) is a use too, and a text not read makes every argument possibly used.
import type { MessageDef, PromptDef, SourceSpan, TemplateVariable } from '../../model';
import type { SourceContext } from '../../source-context';
import { analyzeTemplate } from '../../template/analyze';
import type { SyntaxNode } from '../tree-sitter';
import { ownDescendants, singleAssignments } from './functions';
import { callArguments, descendantsOf, lastName, named, pyTextValue, resolvePyText, unwrap, type PyText } from './syntax';

const MESSAGE_CALLS = /^(?:UserMessage|AssistantMessage|Message|PromptMessage)$/;
/** Names Python defines without the file saying so. */
const BUILTINS = new Set('len str int float bool list dict set tuple repr sorted reversed sum min max abs round enumerate zip range map filter any all isinstance print format ord chr hex id type iter next open self cls True False None'.split(' '));

export interface PromptBody {
  messages: MessageDef[];
  uses: NonNullable<PromptDef['argumentUses']>;
}

/** Reads a prompt function's messages and argument uses; `params` are its argument names. */
export function readPromptBody(fn: SyntaxNode, params: Set<string>, catchAll: boolean, root: SyntaxNode, ctx: SourceContext): PromptBody {
  const locals = singleAssignments(fn);
  const reader = new BodyReader(fn, params, locals, root, ctx);
  for (const r of ownDescendants(fn, ['return_statement'])) reader.readReturn(named(r)[0]);
  reader.collectCodeUses();
  if (catchAll || /\blocals\(\)/.test(fn.text)) reader.uses.push({ name: '*', span: ctx.span(fn.startIndex, fn.endIndex) });
  return { messages: reader.messages, uses: reader.uses };
}

class BodyReader {
  readonly messages: MessageDef[] = [];
  readonly uses: PromptBody['uses'] = [];
  /** Source ranges of the texts read: references inside them are template variables, not code uses. */
  private readonly read: [number, number][] = [];

  constructor(
    private readonly fn: SyntaxNode,
    private readonly params: Set<string>,
    private readonly locals: Map<string, SyntaxNode>,
    private readonly root: SyntaxNode,
    private readonly ctx: SourceContext,
  ) {}

  readReturn(value: SyntaxNode | undefined): void {
    const n = unwrap(value);
    if (!n) return;
    if (n.type === 'list' || n.type === 'tuple') {
      for (const item of named(n)) this.readMessage(item);
      return;
    }
    const local = n.type === 'identifier' ? unwrap(this.locals.get(n.text)) : undefined;
    if (local && (local.type === 'list' || local.type === 'tuple')) {
      for (const item of named(local)) this.readMessage(item);
      return;
    }
    this.readMessage(n);
  }

  private readMessage(node: SyntaxNode): void {
    const n = unwrap(node);
    if (!n) return;
    if (n.type === 'call' && MESSAGE_CALLS.test(lastName(n.childForFieldName('function')))) {
      const { positional, keywords } = callArguments(n);
      const role = /Assistant/.test(lastName(n.childForFieldName('function'))) || /assistant/.test(keywords.get('role')?.text ?? '') ? 'assistant' : 'user';
      this.readText(keywords.get('content') ?? positional[0], role);
      return;
    }
    if (n.type === 'dictionary') {
      const pairs = new Map(named(n).filter((p) => p.type === 'pair').map((p) => [p.childForFieldName('key')?.text.replace(/['"]/g, ''), p.childForFieldName('value')]));
      this.readText(pairs.get('content') ?? undefined, /assistant/.test(pairs.get('role')?.text ?? '') ? 'assistant' : 'user');
      return;
    }
    this.readText(n, 'user');
  }

  private readText(node: SyntaxNode | null | undefined, role: MessageDef['role']): void {
    let n = unwrap(node);
    // `TextContent(type="text", text=…)` holds the text in `text`.
    if (n?.type === 'call' && lastName(n.childForFieldName('function')) === 'TextContent') n = unwrap(callArguments(n).keywords.get('text'));
    const t = n ? resolvePyText(n, this.root, this.locals) : undefined;
    if (!n || !t) {
      // A message whose text is built in a way not read: any argument may reach the AI through it.
      if (n) this.uses.push({ name: '*', span: this.ctx.span(n.startIndex, n.endIndex) });
      return;
    }
    this.read.push([t.start, t.end]);
    if (n.type === 'identifier') this.read.push([n.startIndex, n.endIndex]);
    const value = pyTextValue(t, this.ctx);
    const info = analyzeTemplate(value, t.formatCall ? 'format' : 'plain', this.ctx);
    info.variables.push(...this.holeVariables(t));
    this.messages.push({ role, text: value, template: info });
  }

  /** `{customer_id}` in an f-string: a use of the argument, at the name; through a local, at the name in its value. */
  private holeVariables(t: PyText, depth = 0): TemplateVariable[] {
    const out: TemplateVariable[] = [];
    for (const hole of t.holes) {
      for (const m of hole.expression.matchAll(/(?<![\w.'"])[A-Za-z_]\w*/g)) {
        const name = m[0];
        const start = hole.expressionStart + (m.index ?? 0);
        const span = this.ctx.span(start, start + name.length);
        if (this.params.has(name)) out.push(variable(name, span, 'argument'));
        else if (this.locals.has(name) && depth < 4) out.push(...this.localUses(name, depth));
        else if (!BUILTINS.has(name) && this.undefinedName(name)) out.push(variable(name, span, 'argument'));
      }
    }
    return out;
  }

  /** The argument uses in a local's value (`focus_text = f"… {focus}"`). */
  private localUses(name: string, depth: number): TemplateVariable[] {
    const value = this.locals.get(name)!;
    const text = resolvePyText(value, this.root, this.locals);
    if (text) return this.holeVariables(text, depth + 1);
    return descendantsOf(value, ['identifier']).filter((id) => this.params.has(id.text)).map((id) => variable(id.text, this.ctx.span(id.startIndex, id.endIndex), 'argument'));
  }

  /** True when the file never names it outside f-string fields: reading it would raise NameError. */
  private undefinedName(name: string): boolean {
    const re = new RegExp(`(?<![\\w.])${name}(?!\\w)`, 'g');
    for (const m of this.ctx.text.matchAll(re)) {
      const at = m.index ?? 0;
      const node = this.root.descendantForIndex(at, at + name.length);
      if (!node || !isInInterpolation(node)) return false;
    }
    return true;
  }

  /** References to the parameters in the body outside the texts read. */
  collectCodeUses(): void {
    const inText = (at: number) => this.read.some(([s, e]) => at >= s && at < e);
    for (const id of ownDescendants(this.fn, ['identifier'])) {
      if (!this.params.has(id.text) || inText(id.startIndex)) continue;
      const parent = id.parent;
      if (parent?.type === 'attribute' && parent.childForFieldName('attribute')?.startIndex === id.startIndex) continue;
      if (parent?.type === 'keyword_argument' && parent.childForFieldName('name')?.startIndex === id.startIndex) continue;
      // A local that a text read was followed through is counted by holeVariables.
      if (parent?.type === 'assignment' && parent.childForFieldName('left')?.startIndex === id.startIndex) continue;
      this.uses.push({ name: id.text, span: this.ctx.span(id.startIndex, id.endIndex) });
    }
  }
}

function isInInterpolation(node: SyntaxNode): boolean {
  for (let p: SyntaxNode | null = node; p; p = p.parent) if (p.type === 'interpolation') return true;
  return false;
}

function variable(name: string, span: SourceSpan, interpolation: 'argument'): TemplateVariable {
  return { name, path: name, span, blocks: [], asBlockParam: false, interpolation };
}
