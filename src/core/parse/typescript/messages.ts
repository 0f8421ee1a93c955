// The messages of a TypeScript prompt handler: its `{ role, content: { type: 'text', text } }` texts (each a
// template whose `${…}` substitutions are argument uses) and the arguments it passes in other content (an image's
// `data`, a resource's `uri`, the whole arguments object).
import type { MessageDef, PromptDef, TemplateVariable, TextValue } from '../../model';
import { analyzeTemplate } from '../../template/analyze';
import type { SyntaxNode } from '../tree-sitter';
import { descendantsOf, named, unwrap, type TsText } from './syntax';
import { argumentUses, handlerParams, type HandlerParams } from './uses';
import type { TsExtractor } from './extractor';

/** Reads the messages of the prompts of one file. */
export class TsMessageReader {
  constructor(private readonly x: TsExtractor) {}

  /** The function a handler names: itself, or the `function` declaration an identifier names. */
  handlerFunction(handler: SyntaxNode): SyntaxNode | undefined {
    const fn = unwrap(handler);
    if (fn?.type !== 'identifier') return fn;
    return descendantsOf(this.x.root, ['function_declaration']).find((f) => f.childForFieldName('name')?.text === fn.text) ?? fn;
  }

  /** Message texts in a handler: `{ role, content: { type: 'text', text } }` objects; `skip` leaves out those
   * whose `text` member stands at an offset it names (where the member is written, not where its const is). */
  find(handler: SyntaxNode, skip?: (at: number) => boolean): MessageDef[] {
    const body = this.handlerFunction(handler);
    return body ? this.messagesIn(body, body.type !== 'identifier' ? handlerParams(body) : undefined, skip) : [];
  }

  /** The message texts in a function's body (or a branch of it), reading `params` as the prompt's arguments. */
  messagesIn(body: SyntaxNode, params: HandlerParams | undefined, skip?: (at: number) => boolean): MessageDef[] {
    const messages: MessageDef[] = [];
    // `{ type: 'text', text: … }`, or the shorthand `{ type: 'text', text }` naming a const.
    for (const pair of descendantsOf(body, ['pair', 'shorthand_property_identifier'])) {
      // A key `text` starts where its pair starts: the source rules out the other pairs without asking the tree.
      if (!this.x.ctx.text.startsWith('text', pair.startIndex) || skip?.(pair.startIndex)) continue;
      const shorthand = pair.type === 'shorthand_property_identifier';
      if ((shorthand ? pair.text : pair.childForFieldName('key')?.text) !== 'text') continue;
      const t = this.x.text(shorthand ? pair : (pair.childForFieldName('value') ?? undefined));
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

  /** Where a `text` member stands whose value was not read. */
  private readonly unreadTexts = new Set<number>();

  /** Arguments a handler passes in its messages' `content` other than through a text read (see PromptDef). */
  contentUses(fn: SyntaxNode, params: HandlerParams): NonNullable<PromptDef['argumentUses']> {
    const uses: NonNullable<PromptDef['argumentUses']> = [];
    for (const pair of descendantsOf(fn, ['pair'])) {
      if (!this.x.ctx.text.startsWith('content', pair.startIndex) || pair.childForFieldName('key')?.text !== 'content') continue;
      const value = pair.childForFieldName('value');
      if (!value) continue;
      // The members other than `text` (whose uses messagesIn read): an image's `data`, a resource's `uri`.
      const object = unwrap(value);
      const isText = (m: SyntaxNode) => (m.type === 'pair' ? m.childForFieldName('key')?.text : m.text) === 'text';
      const members = object?.type === 'object' ? named(object).filter((m) => !isText(m)) : [value];
      for (const m of members) uses.push(...argumentUses(m, params, this.x.root, this.x.ctx));
      // A text the extractor could not read, or the whole arguments object handed on: any argument may be used.
      const unreadText = object?.type === 'object' && named(object).some((m) => this.unreadTexts.has(m.startIndex));
      const wholeObject = params.object !== undefined && descendantsOf(value, ['identifier']).some((id) => id.text === params.object && !(id.parent?.type === 'member_expression' && id.parent.childForFieldName('object')?.startIndex === id.startIndex));
      if (unreadText || wholeObject) uses.push({ name: '*', span: this.x.ctx.span(value.startIndex, value.endIndex) });
    }
    return uses;
  }

  /** A text's template, each `${…}` of the handler's parameters an argument use (fastmcp.ts reads `load` texts). */
  analyze(t: TsText, value: TextValue, params: HandlerParams | undefined) {
    const handlebars = t.handlebars || value.value.includes('{{');
    const info = analyzeTemplate(value, handlebars ? 'handlebars' : 'plain', this.x.contextOf(value));
    // `${args.customer_id}` in a template literal is an argument use, at the name as written. In a text of another
    // module a substitution reads that module's values, not the handler's: a use of what it may name, unjudged.
    const uses: TemplateVariable[] = t.interpolations.flatMap((i): TemplateVariable[] => {
      if (params && i.node && !value.file) return argumentUses(i.node, params, this.x.root, this.x.ctx).map((u) => ({ name: u.name, path: u.name, span: u.span, blocks: [], asBlockParam: false, interpolation: 'argument' as const }));
      const m = /(?:^|\.)([A-Za-z_$][\w$]*)\s*(?:\?\?.*)?$/.exec(i.expression.trim());
      return m?.[1] ? [{ name: m[1], path: i.expression, span: i.span, blocks: [], asBlockParam: false, interpolation: 'unknown' as const }] : [];
    });
    info.variables.push(...uses);
    return info;
  }
}
