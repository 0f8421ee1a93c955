// resources/template-parameters: a resource template whose URI parameters do not match its handler's parameters in
// the way its framework checks at registration. Python's FastMCPs raise ValueError when the decorator runs, so the
// server never starts; the fastmcp npm package raises nothing but calls `load` with only what the template matched.
// Each library's condition is its own (see parse/python/resources.ts); the finding stands on the parameter at fault.
import type { ResourceDef, SourceSpan } from '../model';
import type { Finding, Rule } from './rule';

const LIBRARY: Record<'fastmcp' | 'mcp-1' | 'mcp-2', string> = {
  fastmcp: 'FastMCP',
  'mcp-1': "mcp's FastMCP (mcp 1.x)",
  'mcp-2': "mcp's MCPServer (mcp 2.x)",
};

type Param = NonNullable<ResourceDef['handlerParameters']>[number];

/** A finding without its file; `uri` when it stands in the URI (which may be written in another file). */
type Found = Pick<Finding, 'span' | 'message'> & { uri?: true };

function findings(def: ResourceDef): Found[] {
  const check = def.uriCheck;
  const handler = def.handlerParameters;
  if (!check || !handler || !def.uri || def.uriPartial || def.uriErrors?.length) return [];
  const uriParams = def.uriParameters ?? [];
  const fn = (p: Param) => `\`${p.name}\``;
  const at = (span: SourceSpan, message: string, uri = false): Found => ({ span, message, ...(uri ? { uri: true as const } : {}) });
  const uriNames = new Set(uriParams.map((p) => p.name));
  const named = handler.filter((p) => !p.keywords);
  const names = new Set(named.map((p) => p.name));
  const out: Found[] = [];
  if (check === 'fastmcp-ts') {
    // A template parameter left out of `arguments` still reaches `load`; an argument the URI lacks never does.
    for (const p of named) if (!uriNames.has(p.name)) out.push(at(p.span, `\`arguments\` names ${fn(p)}, which the URI template \`${def.uri.value}\` does not have: fastmcp calls \`load\` with only the parameters the template matched, so \`args.${p.name}\` is always undefined; add \`{${p.name}}\` to the template or drop the argument.`));
    return out;
  }
  const by = LIBRARY[check];
  const raises = `${by} raises ValueError when this resource is registered`;
  if (!def.template) {
    // mcp 2.x: a URI with no variables is a static resource, and takes no parameters.
    for (const p of named) out.push(at(p.span, `${raises}: the URI \`${def.uri.value}\` has no template variables, so the handler takes no parameters; add \`{${p.name}}\` to the URI or remove ${fn(p)}.`));
    return out;
  }
  if (check === 'fastmcp') {
    const path = new Set(uriParams.filter((p) => p.operator === '').map((p) => p.name));
    const query = new Set(uriParams.filter((p) => p.operator === '?').map((p) => p.name));
    if (uriParams.length === 0) {
      for (const p of named) out.push(at(p.span, `${raises}: a function with parameters is registered as a template, and the URI \`${def.uri.value}\` has no \`{…}\` parameter; add \`{${p.name}}\` to it.`));
      return out;
    }
    for (const p of named) {
      if (query.has(p.name) && p.required) out.push(at(p.span, `${raises}: ${fn(p)} is a query parameter of the URI (\`{?…}\`), which a client may leave out, so it needs a default value.`));
      else if (p.required && !path.has(p.name)) out.push(at(p.span, `${raises}: the required argument ${fn(p)} is not a path parameter of \`${def.uri.value}\`; add \`{${p.name}}\` to the URI or give it a default.`));
    }
    if (!handler.some((p) => p.keywords)) {
      for (const u of uriParams) if (!names.has(u.name)) out.push(at(u.span, `${raises}: the URI parameter \`${u.name}\` is not an argument of the function; add the parameter \`${u.name}\` to it.`, true));
    }
    return out;
  }
  // mcp 1.x and 2.x: the URI's parameters and the function's (but a Context one) are the same set; a `**kwargs` is
  // a parameter by its own name there, which no finding here could explain well: not judged.
  if (handler.some((p) => p.keywords)) return [];
  for (const u of uriParams) if (!names.has(u.name)) out.push(at(u.span, `${raises}: the URI parameter \`${u.name}\` is not a parameter of the function (the two must be the same); add the parameter \`${u.name}\`.`, true));
  for (const p of named) {
    if (uriNames.has(p.name)) {
      const u = uriParams.find((x) => x.name === p.name)!;
      if (check === 'mcp-2' && (u.operator === '?' || u.operator === '&') && p.required) out.push(at(p.span, `${raises}: ${fn(p)} is a query parameter of the URI (\`{${u.operator}…}\`), which a client may leave out, so it needs a default value.`));
      continue;
    }
    // mcp 1.x finds the URI's parameters with `{(\w+)}`: a `{+path}` or `{?q}` is none.
    const written = check === 'mcp-1' && new RegExp(`\\{[^}]*\\b${p.name}\\b[^}]*\\}`).test(def.uri.value);
    out.push(at(p.span, `${raises}: ${fn(p)} is not a parameter of the URI \`${def.uri.value}\` (the two must be the same)${written ? `; mcp 1.x reads only \`{${p.name}}\` as a parameter (it finds them with \`{(\\w+)}\`), no RFC 6570 operator or modifier` : `; add \`{${p.name}}\` to the URI or remove the parameter`}.`));
  }
  return out;
}

export const resourcesTemplateParameters: Rule = {
  id: 'resources/template-parameters',
  severity: 'error',
  scope: 'file',
  description: "A resource template whose URI parameters do not match its function's as the framework checks when it is registered (Python's FastMCPs raise), or a fastmcp `arguments` entry the template never fills.",
  check(ctx, report) {
    for (const model of ctx.files) {
      for (const def of model.resources ?? []) {
        for (const f of findings(def)) {
          report({ file: f.uri ? (def.uri?.file ?? def.file) : def.file, span: f.span, message: f.message, ...(def.uriCheck === 'fastmcp-ts' ? { severity: 'warning' as const } : {}) });
        }
      }
    }
  },
};
