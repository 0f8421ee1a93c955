// FastMCP's `@mcp.resource("uri", name=, title=, description=, mime_type=)` functions: the name is the function's
// unless given, the description its docstring. Whether the URI is a template, which of its braces are parameters
// and how they must match the function's parameters is each library's own (checked at decoration, where a mismatch
// raises), so the file's import decides which reading is recorded (`uriCheck`):
// - jlowin's `fastmcp`: a template when the URI has `{…}` or the function parameters (injected ones left out); its
//   required parameters must be path parameters, its query parameters (`{?a,b}`) need defaults, and every URI
//   parameter must be a function parameter unless it takes `**kwargs` (resources/template.py, 3.x and 4.x alike).
//   Only `{x}`, `{x*}` and one `{?a,b}` are read so: 4.x also takes `{&x}` and hyphens, 3.x neither.
// - mcp 1.x's `mcp.server.fastmcp`: a template when the URI has `{` and `}` or the function any parameter; the
//   names `{(\w+)}` finds must equal the function's parameters but a `Context` one (server.py, `resource`).
// - mcp 2.x's `mcp.server.mcpserver`: RFC 6570 parsed by `UriTemplate.parse` (its faults raise); a template when it
//   has variables, which must equal the function's parameters but a `Context` one, a query one with a default; a
//   static URI takes no parameters.
import type { ResourceDef, SourceSpan, UriCheck } from '../../model';
import type { SyntaxNode } from '../tree-sitter';
import { setUri } from '../resources';
import { hasTemplateBraces, parseUriTemplate, uriScheme } from '../../text/uri-template';
import { descriptionOf, nameOf, serverKey, type Options } from './fastmcp';
import { lastName, named, pyTextValue, resolvePyText, unwrap } from './syntax';
import type { PyFile } from './py-file';

/** The library a file's FastMCP comes from, as its imports show; undefined when none or more than one does. */
function libraryOf(text: string): UriCheck | undefined {
  const found = [
    /^[ \t]*(?:from[ \t]+fastmcp\b|import[ \t]+fastmcp\b)/m.test(text) ? 'fastmcp' : undefined,
    /^[ \t]*(?:from[ \t]+mcp\.server\.fastmcp\b|import[ \t]+mcp\.server\.fastmcp\b)/m.test(text) ? 'mcp-1' : undefined,
    /^[ \t]*(?:from[ \t]+mcp\.server\.mcpserver\b|import[ \t]+mcp\.server\.mcpserver\b|from[ \t]+mcp\.server[ \t]+import[ \t]+(?:.*\b)?MCPServer\b)/m.test(text) ? 'mcp-2' : undefined,
  ].filter((l): l is UriCheck => l !== undefined);
  return found.length === 1 ? found[0] : undefined;
}

interface HandlerParameters {
  params: NonNullable<ResourceDef['handlerParameters']>;
  /** A `Context` parameter, which every library leaves out. */
  context: boolean;
  /** Parameters a library may treat in its own way (`*args`, an injected dependency, positional-only): not judged. */
  unsure: boolean;
}

const CONTEXT = /^(?:Context)$/;
const INJECTED_HINTS = /^(?:CurrentContext|Request|RequestContext|ServerSession)$/;
const INJECTED_DEFAULTS = /^(?:Depends|CurrentContext|CurrentRequest|Inject)$/;

function handlerParameters(file: PyFile, fn: SyntaxNode): HandlerParameters {
  const out: HandlerParameters = { params: [], context: false, unsure: false };
  named(fn.childForFieldName('parameters')).forEach((param, index) => {
    // `**parts: str` is a typed parameter around the splat.
    const inner = param.type === 'typed_parameter' ? named(param)[0] : undefined;
    const p = inner && /splat_pattern$/.test(inner.type) ? inner : param;
    if (p.type === 'list_splat_pattern' || p.type === 'positional_separator') out.unsure = true;
    if (p.type === 'dictionary_splat_pattern') {
      const id = named(p)[0];
      if (id) out.params.push({ name: id.text, span: file.ctx.span(id.startIndex, id.endIndex), required: false, keywords: true });
      return;
    }
    const name = p.type === 'identifier' ? p : p.type === 'typed_parameter' ? named(p).find((c) => c.type === 'identifier') : p.childForFieldName('name');
    if (!name || name.type !== 'identifier' || !/^(?:typed_|default_|typed_default_)?parameter$|^identifier$/.test(p.type)) return;
    if (index === 0 && (name.text === 'self' || name.text === 'cls')) {
      out.unsure = true;
      return;
    }
    const hint = unwrap(p.childForFieldName('type'));
    const head = hint?.type === 'generic_type' || hint?.type === 'subscript' ? lastName(named(hint)[0] ?? hint) : lastName(hint).replace(/^["']|["']$/g, '');
    const value = unwrap(p.childForFieldName('value'));
    if (CONTEXT.test(head)) {
      out.context = true;
      return;
    }
    if (INJECTED_HINTS.test(head) || (value?.type === 'call' && INJECTED_DEFAULTS.test(lastName(value.childForFieldName('function'))))) {
      out.unsure = true;
      return;
    }
    out.params.push({ name: name.text, span: file.ctx.span(name.startIndex, name.endIndex), required: !value });
  });
  return out;
}

/** True when every expression of a template is one jlowin's FastMCP reads the same in 3.x and 4.x. */
const plainForFastMcp = (uri: string) => {
  const expressions = parseUriTemplate(uri).expressions;
  return expressions.every((e) => /^\w+\*?$/.test(e.body) || /^\?\w+(?:,\w+)*$/.test(e.body)) && expressions.filter((e) => e.operator === '?').length <= 1;
};

/** `@mcp.resource("uri", …)` on a function. */
export function readResource(file: PyFile, fn: SyntaxNode, options: Options, span: SourceSpan, server: string | undefined): void {
  const named = nameOf(file, fn, { positional: [], keywords: options.keywords });
  if (named === 'unread') return;
  const def: ResourceDef = { kind: 'resource', file: file.ctx.file, name: named.name, nameSpan: named.span, span, style: 'fastmcp' };
  const description = descriptionOf(file, fn, options);
  if (description) def.description = description;
  else if (options.keywords.has('description')) def.descriptionUnknown = true;
  const title = options.keywords.get('title');
  const titleText = title ? resolvePyText(title, file.root) : undefined;
  if (titleText) def.title = titleText.decoded.text;
  const mime = options.keywords.get('mime_type');
  const mimeText = mime ? resolvePyText(mime, file.root) : undefined;
  if (mimeText) def.mimeType = pyTextValue(mimeText, file.ctx);
  const key = serverKey(server, options, file);
  if (key) def.server = key;
  (file.model.resources ??= []).push(def);

  const t = resolvePyText(options.keywords.get('uri') ?? options.positional[0], file.root);
  if (!t) return;
  const uri = pyTextValue(t, file.ctx);
  // An f-string's fields are kept as written: its braces are no template's.
  if (t.holes.length || t.formatted) {
    def.uri = uri;
    def.uriPartial = true;
    return;
  }
  const library = libraryOf(file.ctx.text);
  const handler = handlerParameters(file, fn);
  const text = uri.value;
  if (library === 'mcp-2') {
    // Parsed first, template or not: a fault raises either way.
    setUri(def, uri, file.ctx, text.includes('{'), 'mcp-2', false, "mcp's MCPServer");
    if (def.template && !def.uriParameters?.length && !def.uriErrors) {
      delete def.template;
      delete def.uriParameters;
    }
  } else if (library === 'mcp-1') {
    const template = (text.includes('{') && text.includes('}')) || named_(fn).length > 0;
    setUri(def, uri, file.ctx, false, 'none');
    if (template) {
      def.template = true;
      // `re.findall(r"{(\w+)}", uri)`: what mcp 1.x takes for the URI's parameters.
      def.uriParameters = [...text.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1]!, span: file.ctx.spanInDecoded(uri.decoded, m.index + 1, m.index + 1 + m[1]!.length), operator: '' }));
    }
  } else {
    setUri(def, uri, file.ctx, hasTemplateBraces(text) || (library === 'fastmcp' && handler.params.length > 0), 'none');
    if (library === 'fastmcp' && def.template && !plainForFastMcp(text)) return;
  }
  // pydantic's `AnyUrl` (host not required) takes the URI of a static resource when it is made, and wants a scheme.
  if ((library === 'mcp-1' || library === 'fastmcp') && !def.template && !uriScheme(text)) {
    const by = library === 'mcp-1' ? "mcp's FastMCP" : 'FastMCP';
    def.uriErrors = [{ message: `${by} raises a ValidationError when this resource is registered: \`${text}\` has no scheme (\`name://…\`), and pydantic's AnyUrl takes no relative URL.`, span: uri.span }];
  }
  if (!library || handler.unsure) return;
  def.handlerParameters = handler.params;
  def.uriCheck = library;
}

/** Every parameter of a function, as `inspect.signature` lists them. */
function named_(fn: SyntaxNode): SyntaxNode[] {
  return named(fn.childForFieldName('parameters')).filter((p) => p.type !== 'keyword_separator' && p.type !== 'positional_separator' && p.type !== 'comment');
}
