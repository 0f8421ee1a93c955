// Resources and resource templates of Go servers, read where they are registered (a `NewResource` made for a
// resource link is no resource of the server). mark3labs/mcp-go: `s.AddResource(mcp.NewResource(uri, name,
// mcp.WithResourceDescription(…), mcp.WithMIMEType(…)), h)` and `s.AddResourceTemplate(mcp.NewResourceTemplate(
// uriTemplate, name, mcp.WithTemplateDescription(…), mcp.WithTemplateMIMEType(…)), h)`, the call inline or kept in a
// local; the official go-sdk: `server.AddResource(&mcp.Resource{URI, Name, Title, Description, MIMEType}, h)` and
// `server.AddResourceTemplate(&mcp.ResourceTemplate{URITemplate, …}, h)`. Both parse a template with
// yosida95/uritemplate when it is made or added, and panic on an unclosed `{`; both keep one resource per URI.
import type { ResourceDef } from '../../model';
import type { SyntaxNode } from '../tree-sitter';
import { setUri } from '../resources';
import type { GoFile } from './go-file';
import { argumentsOf, calleeOf, compositeOf, descendantsOf, goTextValue, literalFields, resolveGoText, unwrap, type GoScope } from './syntax';

const MCP_GO = 'github.com/mark3labs/mcp-go/mcp';
const GO_SDK = 'github.com/modelcontextprotocol/go-sdk/mcp';

/** A text of the file as a TextValue, and whether part of it is computed (a `fmt.Sprintf` hole). */
function textOf(file: GoFile, node: SyntaxNode | undefined, scope: GoScope) {
  const t = resolveGoText(node, scope);
  return t ? { value: goTextValue(t, file.ctx), partial: t.holes.length > 0 } : undefined;
}

/** The value an identifier names in scope (a local or package var), else the node. */
function valueOf(node: SyntaxNode | undefined, scope: GoScope): SyntaxNode | undefined {
  const n = unwrap(node);
  if (n?.type !== 'identifier') return n;
  const value = unwrap(scope.locals?.get(n.text) ?? scope.globals.get(n.text));
  return value && value.startIndex !== n.startIndex ? value : undefined;
}

const serverOf = (n: SyntaxNode | undefined) => (unwrap(n)?.type === 'identifier' ? unwrap(n)!.text : undefined);

/** Reads mcp-go's registered resources and templates. */
export function readMcpGoResources(file: GoFile): void {
  const mcp = file.importName(MCP_GO);
  if (!mcp || !/AddResource/.test(file.ctx.text)) return;
  for (const call of descendantsOf(file.root, ['call_expression'])) {
    const { name: method, operandNode } = calleeOf(call);
    if (method !== 'AddResource' && method !== 'AddResourceTemplate') continue;
    const scope = file.scopeAt(call);
    const made = valueOf(argumentsOf(call)[0], scope);
    const callee = made?.type === 'call_expression' ? calleeOf(made) : undefined;
    const template = method === 'AddResourceTemplate';
    if (!made || callee?.operand !== mcp || callee.name !== (template ? 'NewResourceTemplate' : 'NewResource')) continue;
    const [uriNode, nameNode, ...options] = argumentsOf(made);
    const name = textOf(file, nameNode, file.scopeAt(made));
    if (!name || name.partial || !name.value.value) continue;
    const def: ResourceDef = { kind: 'resource', file: file.ctx.file, name: name.value.value, nameSpan: name.value.span, span: file.ctx.span(made.startIndex, made.endIndex), style: 'mcp-go' };
    const uri = textOf(file, uriNode, file.scopeAt(made));
    if (uri) setUri(def, uri.value, file.ctx, template, template ? 'unclosed' : 'none', uri.partial, "mcp-go's NewResourceTemplate", 'panics (uritemplate.MustNew) when this template is made');
    else if (template) def.template = true;
    for (const option of options) {
      const o = unwrap(option);
      const { operand, name: fn } = o?.type === 'call_expression' ? calleeOf(o) : { operand: '', name: '' };
      if (!o || operand !== mcp) continue;
      const value = textOf(file, argumentsOf(o)[0], file.scopeAt(o));
      if (fn === (template ? 'WithTemplateDescription' : 'WithResourceDescription')) {
        if (value) def.description = value.value;
        else def.descriptionUnknown = true;
      } else if (fn === (template ? 'WithTemplateMIMEType' : 'WithMIMEType') && value) def.mimeType = value.value;
    }
    const server = serverOf(operandNode);
    if (server) def.server = server;
    (file.model.resources ??= []).push(def);
  }
}

/** Reads the go-sdk's registered resources and templates. */
export function readGoSdkResources(file: GoFile): void {
  const mcp = file.importName(GO_SDK);
  if (!mcp || !/AddResource/.test(file.ctx.text)) return;
  for (const call of descendantsOf(file.root, ['call_expression'])) {
    const { name: method, operandNode } = calleeOf(call);
    if (method !== 'AddResource' && method !== 'AddResourceTemplate') continue;
    const scope = file.scopeAt(call);
    const args = argumentsOf(call);
    if (args.length !== 2) continue;
    const template = method === 'AddResourceTemplate';
    const lit = compositeOf(valueOf(unwrap(args[0])?.type === 'unary_expression' ? unwrap(args[0])!.childForFieldName('operand') ?? undefined : args[0], scope));
    const type = lit?.childForFieldName('type');
    if (!lit || type?.type !== 'qualified_type' || type.childForFieldName('package')?.text !== mcp || type.childForFieldName('name')?.text !== (template ? 'ResourceTemplate' : 'Resource')) continue;
    const fields = literalFields(lit);
    const litScope = file.scopeAt(lit);
    const name = textOf(file, fields.get('Name')?.value, litScope);
    if (!name || name.partial || !name.value.value) continue;
    const def: ResourceDef = { kind: 'resource', file: file.ctx.file, name: name.value.value, nameSpan: name.value.span, span: file.ctx.span(lit.startIndex, lit.endIndex), style: 'go-sdk' };
    const uri = textOf(file, fields.get(template ? 'URITemplate' : 'URI')?.value, litScope);
    if (uri) setUri(def, uri.value, file.ctx, template, template ? 'unclosed' : 'none', uri.partial, "The go-sdk's AddResourceTemplate", 'panics ("URI template … is invalid") when this template is added');
    else if (template) def.template = true;
    const title = textOf(file, fields.get('Title')?.value, litScope);
    if (title) def.title = title.value.value;
    const description = fields.get('Description');
    const descriptionText = textOf(file, description?.value, litScope);
    if (descriptionText) def.description = descriptionText.value;
    else if (description) def.descriptionUnknown = true;
    const mime = textOf(file, fields.get('MIMEType')?.value, litScope);
    if (mime) def.mimeType = mime.value;
    const server = serverOf(operandNode);
    if (server) def.server = server;
    (file.model.resources ??= []).push(def);
  }
}
