// rmcp's resources: what a `ServerHandler`'s `list_resources` / `list_resource_templates` return, built with
// `RawResource::new(uri, name)` / `RawResourceTemplate::new(uri_template, name)` (`Resource` / `ResourceTemplate` in
// rmcp 1.x), with `.with_description(…)`, `.with_mime_type(…)`, `.with_title(…)`, or as a struct literal
// (`RawResourceTemplate { uri_template: "…".into(), name: "…".into(), .. }`), in a `vec![…]` or not, or through a
// helper method of the file that makes one from its parameters (`self._create_resource_text("memo://x", "memo")`).
// rmcp sends the lists as they are: no template is parsed, so only a URI listed twice is judged.
import type { ResourceDef } from '../../model';
import type { SyntaxNode } from '../tree-sitter';
import { setUri } from '../resources';
import type { RustExtractor } from './extractor';
import { callArgs, descendants, methodChain, namedChildren, shortCallee, vecElements } from './syntax';

const LISTS: Record<string, boolean> = { list_resources: false, list_resource_templates: true };
const CONSTRUCTORS: Record<string, boolean> = { 'RawResource::new': false, 'Resource::new': false, 'RawResourceTemplate::new': true, 'ResourceTemplate::new': true };
const LITERALS: Record<string, boolean> = { RawResource: false, Resource: false, RawResourceTemplate: true, ResourceTemplate: true };

/** The nodes of a body, with the expressions of its `vec![…]` bodies re-read. */
function expressionsIn(x: RustExtractor, body: SyntaxNode, depth = 0): SyntaxNode[] {
  const out = descendants(body, ['call_expression', 'struct_expression']);
  if (depth > 2) return out;
  for (const macro of descendants(body, ['macro_invocation'])) {
    for (const element of vecElements(macro, x.reparse)) out.push(element, ...expressionsIn(x, element, depth + 1));
  }
  return out;
}

/** The impl's type, as rmcp.ts keys a server (`rmcp:Type`). */
function serverOf(fn: SyntaxNode): string | undefined {
  for (let p = fn.parent; p; p = p.parent) if (p.type === 'impl_item') return `rmcp:${p.childForFieldName('type')?.text.replace(/<.*$/s, '') ?? ''}`;
  return undefined;
}

export function readRmcpResources(x: RustExtractor): void {
  if (!/\bfn\s+list_resource(?:s|_templates)\b/.test(x.ctx.text)) return;
  const functions = new Map(descendants(x.root, ['function_item']).map((f) => [f.childForFieldName('name')?.text ?? '', f] as const));
  const seen = new Set<number>();
  for (const [listName, template] of Object.entries(LISTS)) {
    const fn = functions.get(listName);
    const body = fn?.childForFieldName('body');
    if (!fn || !body) continue;
    const server = serverOf(fn);
    for (const node of expressionsIn(x, body)) {
      if (seen.has(node.startIndex)) continue;
      const def = node.type === 'struct_expression' ? fromLiteral(x, node, template) : fromCall(x, node, template, functions);
      if (!def) continue;
      seen.add(node.startIndex);
      if (server) def.server = server;
      (x.model.resources ??= []).push(def);
    }
  }
}

/** `RawResource::new(uri, name)` and its chain, or `self.helper(uri, name)` of a helper that makes one. */
function fromCall(x: RustExtractor, call: SyntaxNode, template: boolean, functions: Map<string, SyntaxNode>): ResourceDef | undefined {
  const callee = shortCallee(call);
  let args = callArgs(call);
  if (CONSTRUCTORS[callee] !== template) {
    const helper = /^\.(\w+)$/.exec(callee)?.[1] ?? (/^\w+$/.test(callee) ? callee : undefined);
    const made = helper ? helperConstructor(functions.get(helper), template) : undefined;
    if (!made) return undefined;
    // Each argument of the constructor is the helper's parameter of that name: the call's argument there.
    args = made.args.map((a) => (made.params.indexOf(a.text) >= 0 ? args[made.params.indexOf(a.text)] : undefined)).filter((a): a is SyntaxNode => a !== undefined);
    if (args.length < 2) return undefined;
  }
  const uri = x.text(args[0]);
  const name = x.nameOf(args[1]);
  if (!name) return undefined;
  const def: ResourceDef = { kind: 'resource', file: x.ctx.file, name: name.value.value, nameSpan: name.value.span, span: x.ctx.span(call.startIndex, call.endIndex), style: 'rmcp-macro' };
  if (uri) setUri(def, uri.value, x.ctx, template, 'none', uri.resolved.formatArgs.length > 0);
  else if (template) def.template = true;
  for (const c of methodChain(call).calls) {
    const value = x.text(c.args[0]);
    if (c.method === 'with_description') {
      if (value) def.description = value.value;
      else def.descriptionUnknown = true;
    } else if (c.method === 'with_mime_type' && value) def.mimeType = value.value;
    else if (c.method === 'with_title' && value) def.title = value.value.value;
  }
  return def;
}

/** A helper fn whose body ends in a resource constructor fed with its parameters: the parameters and that call. */
function helperConstructor(fn: SyntaxNode | undefined, template: boolean): { params: string[]; args: SyntaxNode[] } | undefined {
  const body = fn?.childForFieldName('body');
  if (!fn || !body) return undefined;
  const made = descendants(body, ['call_expression']).find((c) => CONSTRUCTORS[shortCallee(c)] === template);
  if (!made) return undefined;
  const params = namedChildren(fn.childForFieldName('parameters')).filter((p) => p.type === 'parameter').map((p) => p.childForFieldName('pattern')?.text ?? '');
  const args = callArgs(made).map((a) => (a.type === 'call_expression' ? (a.childForFieldName('function')?.childForFieldName('value') ?? a) : a));
  return args.every((a) => a.type === 'identifier' && params.includes(a.text)) ? { params, args } : undefined;
}

/** `RawResourceTemplate { uri_template: "…".into(), name: "…".into(), description: Some("…".into()), .. }`. */
function fromLiteral(x: RustExtractor, literal: SyntaxNode, template: boolean): ResourceDef | undefined {
  const type = literal.childForFieldName('name')?.text.split('::').pop() ?? '';
  if (LITERALS[type] !== template) return undefined;
  const fields = new Map<string, SyntaxNode>();
  for (const f of descendants(literal.childForFieldName('body') ?? literal, ['field_initializer'])) {
    const field = f.childForFieldName('field')?.text;
    const value = f.childForFieldName('value');
    if (field && value && f.parent?.parent?.startIndex === literal.startIndex) fields.set(field, value);
  }
  const name = x.nameOf(fields.get('name'));
  if (!name) return undefined;
  const def: ResourceDef = { kind: 'resource', file: x.ctx.file, name: name.value.value, nameSpan: name.value.span, span: x.ctx.span(literal.startIndex, literal.endIndex), style: 'rmcp-macro' };
  const uri = x.text(fields.get(template ? 'uri_template' : 'uri'));
  if (uri) setUri(def, uri.value, x.ctx, template, 'none', uri.resolved.formatArgs.length > 0);
  else if (template) def.template = true;
  const description = fields.get('description');
  const text = x.text(description);
  if (text) def.description = text.value;
  else if (description && description.text !== 'None') def.descriptionUnknown = true;
  const mime = x.text(fields.get('mime_type'));
  if (mime) def.mimeType = mime.value;
  const title = x.text(fields.get('title'));
  if (title) def.title = title.value.value;
  return def;
}
