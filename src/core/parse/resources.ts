// What every language's resource readers share: a resource's URI read as an RFC 6570 template (its parameters
// located in the source through the text's offset map) and the template faults its framework raises at
// registration, and a resource's branches.
import type { ResourceDef, SourceSpan, TextValue, UriParameterDef } from '../model';
import type { SourceContext } from '../source-context';
import { parseUriTemplate, type ParsedUriTemplate } from '../text/uri-template';

/**
 * Which template faults a framework raises when the template is registered:
 * - `unclosed`: only a `{` with no `}` (the TS SDK's `UriTemplate`: "Unclosed template expression"; the go-sdk's
 *   `uritemplate.New`);
 * - `mcp-2`: mcp 2.x's `UriTemplate.parse` (mcp/shared/uri_template.py): also an empty expression, an operator
 *   with no variable, a `{x:N}` prefix, a name that is not `[A-Za-z0-9_]` words joined by dots, an explode on a
 *   simple, `+`, `#`, `?` or `&` expression, a variable used twice, and a second `{?…}`;
 * - `none`: it reads the braces as they come.
 */
export type TemplateFaults = 'unclosed' | 'mcp-2' | 'none';

const MCP2_NAME = /^[A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*$/;

/** mcp 2.x's parse errors of a template, as decoded ranges, worded as it words them. */
function mcp2Faults(text: string, parsed: ParsedUriTemplate): { message: string; from: number; to: number }[] {
  const out: { message: string; from: number; to: number }[] = [];
  const seen = new Set<string>();
  let queries = 0;
  for (const e of parsed.expressions) {
    const at = { from: e.from, to: e.to };
    if (!e.body) out.push({ message: 'an empty expression', ...at });
    else if (e.operator && e.body.length === 1) out.push({ message: 'an operator with no variable', ...at });
    if (e.operator === '?' && ++queries === 2) out.push({ message: 'a second `{?…}` expression (use `{?a,b}` or `{?a}{&b}`)', ...at });
    for (const spec of e.body.slice(e.operator.length).split(',').filter((s) => e.body.length > e.operator.length || s)) {
      const name = spec.endsWith('*') ? spec.slice(0, -1) : spec;
      if (spec.includes(':')) out.push({ message: `the prefix modifier \`${spec}\`, which it does not support`, ...at });
      else if (!MCP2_NAME.test(name)) out.push({ message: `the variable name \`${name}\`, which is not letters, digits and \`_\` (dot-separated)`, ...at });
      else if (spec.endsWith('*') && ['', '+', '#', '?', '&'].includes(e.operator)) out.push({ message: `the explode modifier on \`{${e.operator}${spec}}\`, which it cannot match`, ...at });
      else if (seen.has(name)) out.push({ message: `the variable \`${name}\` a second time`, ...at });
      seen.add(name);
    }
  }
  if (parsed.unclosed !== undefined) out.push({ message: 'a `{` that no `}` closes', from: parsed.unclosed, to: text.length });
  return out;
}

/** Who raises a fault of each kind, and how, for the messages. */
const RAISED_BY: Record<Exclude<TemplateFaults, 'none'>, string> = {
  unclosed: 'throws when this template is made',
  'mcp-2': "raises InvalidUriTemplate (mcp 2.x's `UriTemplate.parse`) when this resource is registered",
};

/** Sets a resource's URI: as a template (its parameters and the faults its framework raises) when `template`. The
 * URI's spans are those of the file it is written in (`ctx`); `framework` names who raises, and `raised` how, for the
 * messages. */
export function setUri(def: ResourceDef, uri: TextValue, ctx: SourceContext, template: boolean, faults: TemplateFaults, partial = false, framework = 'The SDK', raised?: string): void {
  def.uri = uri;
  if (partial) def.uriPartial = true;
  if (!template) return;
  def.template = true;
  const span = (from: number, to: number): SourceSpan => ctx.spanInDecoded(uri.decoded, from, Math.max(from + 1, to));
  const parsed = parseUriTemplate(uri.value);
  def.uriParameters = parsed.variables.map((v): UriParameterDef => ({ name: v.name, span: span(v.from, v.to), operator: v.operator, ...(v.explode ? { explode: true as const } : {}) }));
  const found =
    faults === 'mcp-2' ? mcp2Faults(uri.value, parsed) : faults === 'unclosed' && parsed.unclosed !== undefined ? [{ message: 'a `{` that no `}` closes', from: parsed.unclosed, to: uri.value.length }] : [];
  // A hole computed at run time may hold what closes an expression: only what the literal parts show is judged.
  if (found.length && !partial && faults !== 'none') def.uriErrors = found.map((f) => ({ message: `${framework} ${raised ?? RAISED_BY[faults]}: the template has ${f.message}.`, span: span(f.from, f.to) }));
}
