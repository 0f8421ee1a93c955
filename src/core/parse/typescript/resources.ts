// Resources and resource templates of TypeScript servers. The SDK's `registerResource(name, uriOrTemplate, config,
// handler)` and the older `resource(name, uriOrTemplate, metadata?, handler)`, where a template is
// `new ResourceTemplate("users://{id}", { list, complete })` (the SDK parses it then: an unclosed `{` throws); the
// fastmcp npm package's `addResource({ uri, name, mimeType, load })` and `addResourceTemplate({ uriTemplate, name,
// arguments, load })`, also as the lists of `addResources([...])` / `addResourceTemplates([...])`.
import type { ResourceDef, SourceSpan, TextValue } from '../../model';
import { joinDecoded, type DecodedText } from '../../text/decoded-text';
import type { SyntaxNode } from '../tree-sitter';
import { setUri } from '../resources';
import { uriScheme } from '../../text/uri-template';
import { configOf, properties } from './config';
import { localValue, serverOfCall } from './receiver';
import { descendantsOf, named, unwrap } from './syntax';
import type { TsExtractor } from './extractor';
import { fastMcpCalls, IMPORTS_FASTMCP } from './fastmcp';

const SDK_METHODS = new Set(['registerResource', 'resource']);
const FASTMCP_METHODS = new Set(['addResource', 'addResources', 'addResourceTemplate', 'addResourceTemplates']);
// `.resource(…)` is a common method name: the older form is read only in a file that names the SDK's server.
const NAMES_SDK = /@modelcontextprotocol\/sdk|\bMcpServer\b/;

/** Reads the SDK's resource registrations. */
export function readSdkResources(x: TsExtractor): void {
  if (!/registerResource|\.\s*resource\b/.test(x.ctx.text)) return;
  const legacy = NAMES_SDK.test(x.ctx.text);
  for (const call of descendantsOf(x.root, ['call_expression'])) {
    const fn = call.childForFieldName('function');
    const method = fn?.type === 'member_expression' ? (fn.childForFieldName('property')?.text ?? '') : '';
    if (!SDK_METHODS.has(method) || (method === 'resource' && !legacy)) continue;
    const args = named(call.childForFieldName('arguments'));
    // `resource(name, uri, handler)` at the least; a name computed at run time is not read.
    if (args.length < 3) continue;
    const name = x.localText(args[0]);
    if (!name?.value.value) continue;
    const def: ResourceDef = { kind: 'resource', file: x.ctx.file, name: name.value.value, nameSpan: name.value.span, span: x.ctx.span(call.startIndex, call.endIndex), style: method === 'resource' ? 'sdk-legacy' : 'sdk' };
    readSdkUri(x, def, args[1]);
    // The metadata: registerResource's third argument; the older form's, when it has four.
    const metadata = method === 'registerResource' || args.length >= 4 ? args[2] : undefined;
    if (metadata) readMetadata(x, def, metadata);
    const server = serverOfCall(call, x.factories);
    if (server) def.server = server;
    (x.model.resources ??= []).push(def);
  }
}

/** The URI argument: a string (a resource), or a `ResourceTemplate` made there or kept in a const (a template). */
function readSdkUri(x: TsExtractor, def: ResourceDef, node: SyntaxNode | undefined): void {
  let n = unwrap(node);
  if (n?.type === 'identifier') {
    const value = unwrap(localValue(n, x.root));
    if (value?.type === 'new_expression') n = value;
  }
  if (n?.type === 'new_expression') {
    if (n.childForFieldName('constructor')?.text !== 'ResourceTemplate') return;
    const template = named(n.childForFieldName('arguments'))[0];
    const t = uriText(x, template);
    if (t) setUri(def, t.value, x.contextOf(t.value), true, 'unclosed', t.partial);
    else def.template = true;
    return;
  }
  const t = uriText(x, n);
  if (!t) return;
  setUri(def, t.value, x.contextOf(t.value), false, 'none', t.partial);
  // The SDK looks a read up by `new URL(requested).toString()`: a URI with no scheme is never an absolute URL.
  if (!t.partial && !uriScheme(t.value.value)) def.uriErrors = [{ message: `Every \`resources/read\` of \`${t.value.value}\` fails: the SDK parses the requested URI with \`new URL()\` first, which takes no URI without a scheme (\`name://…\`).`, span: t.value.span }];
}

/**
 * A URI's text, with each `${NAME}` of a template literal that names a const text of this file put in (URIs are
 * often built from a base: `` `${BASE}/{id}` ``); `partial` when some part is still computed at run time.
 */
function uriText(x: TsExtractor, node: SyntaxNode | undefined, at?: Parameters<TsExtractor['text']>[1], depth = 0): { value: TextValue; partial: boolean } | undefined {
  const t = x.text(node, at);
  if (!t) return undefined;
  const holes = t.t.interpolations;
  if (!holes.length) return { value: t.value, partial: false };
  if (t.value.file) return { value: t.value, partial: true };
  const parts: DecodedText[] = [];
  let from = 0;
  for (const hole of holes) {
    // A base made of another base (`const TEXT = `${BASE}/text``) is filled in the same way.
    const filled = hole.node?.type === 'identifier' && depth < 4 && x.localText(hole.node) ? uriText(x, hole.node, undefined, depth + 1) : undefined;
    if (!filled || filled.partial) return { value: t.value, partial: true };
    parts.push(slice(t.value.decoded, from, hole.at), filled.value.decoded);
    from = hole.at;
  }
  parts.push(slice(t.value.decoded, from, t.value.decoded.text.length));
  const decoded = joinDecoded(parts);
  return { value: { ...t.value, value: decoded.text, decoded }, partial: false };
}

const slice = (d: DecodedText, from: number, to: number): DecodedText => ({ text: d.text.slice(from, to), starts: d.starts.slice(from, to), ends: d.ends.slice(from, to) });

/** `{ title, description, mimeType }` of a resource's metadata or a fastmcp config. */
function readMetadata(x: TsExtractor, def: ResourceDef, node: SyntaxNode): void {
  const { node: config, props, at, whole } = configOf(node, x.root);
  const title = x.text(props.get('title'), at);
  if (title) def.title = title.value.value;
  const description = x.text(props.get('description'), at);
  if (description) def.description = description.value;
  // A description given in a way not read may well exist (a config spreading another in, or not read at all).
  else if (props.has('description') || !whole || !config) def.descriptionUnknown = true;
  const mimeType = x.text(props.get('mimeType'), at);
  if (mimeType) def.mimeType = mimeType.value;
}

/** Reads the fastmcp npm package's resource registrations. */
export function readFastMcpResources(x: TsExtractor): void {
  if (!IMPORTS_FASTMCP.test(x.ctx.text) || !/addResource/.test(x.ctx.text)) return;
  for (const { call, method, configs, list, server } of fastMcpCalls(x, FASTMCP_METHODS)) {
    for (const config of configs) {
      const def = readFastMcpConfig(x, config, call, method.startsWith('addResourceTemplate'));
      if (!def) continue;
      if (server) def.server = server;
      if (list) def.addedWith = call.startIndex;
      (x.model.resources ??= []).push(def);
    }
  }
}

function readFastMcpConfig(x: TsExtractor, configNode: SyntaxNode, call: SyntaxNode, template: boolean): ResourceDef | undefined {
  const { props, at } = configOf(configNode, x.root);
  const name = x.localText(props.get('name'));
  if (!name?.value.value) return undefined;
  // One of a list is its config object; a single registration is the whole call.
  const outer = configNode.parent?.type === 'array' ? configNode : call;
  const span: SourceSpan = x.ctx.span(outer.startIndex, outer.endIndex);
  const def: ResourceDef = { kind: 'resource', file: x.ctx.file, name: name.value.value, nameSpan: name.value.span, span, style: 'fastmcp' };
  const uri = uriText(x, props.get(template ? 'uriTemplate' : 'uri'), at);
  // fastmcp matches a template with the `uri-templates` package at each read: nothing is raised at registration.
  if (uri) setUri(def, uri.value, x.contextOf(uri.value), template, 'none', uri.partial);
  else if (template) def.template = true;
  readMetadata(x, def, configNode);
  const args = unwrap(props.get('arguments'));
  if (template && args?.type === 'array' && !at) {
    // `load` is called with what the template matched; `arguments` name the parameters it completes.
    const read = named(args).flatMap((a) => {
      const argName = x.localText(properties(a, x.root).get('name'));
      return argName?.value.value ? [{ name: argName.value.value, span: argName.value.span, required: unwrap(properties(a, x.root).get('required'))?.type === 'true' }] : [];
    });
    if (read.length === named(args).length) {
      def.handlerParameters = read;
      def.uriCheck = 'fastmcp-ts';
    }
  }
  return def;
}
