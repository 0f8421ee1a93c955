// RFC 6570 URI templates as the resource readers need them: each `{…}` expression's operator and variables (with
// the decoded range of each name, so a finding stands on the parameter), and the lexical faults the SDKs raise on.
// Plain string work: a reader maps the ranges through its text value's offset map.

/** The operators of RFC 6570 §2.2 (level 2–4); `?` and `&` build the query. */
const OPERATORS = '+#./;?&';

export interface UriTemplateVariable {
  name: string;
  operator: string;
  explode: boolean;
  /** `{x:3}`: a prefix modifier. */
  prefix: boolean;
  /** The decoded range [from, to) of the name. */
  from: number;
  to: number;
}

export interface UriTemplateExpression {
  operator: string;
  /** The body between the braces, as written. */
  body: string;
  /** The decoded range [from, to) of the whole `{…}`. */
  from: number;
  to: number;
  variables: UriTemplateVariable[];
}

export interface ParsedUriTemplate {
  expressions: UriTemplateExpression[];
  variables: UriTemplateVariable[];
  /** The offset of a `{` no `}` closes, when there is one (every SDK that parses templates rejects it). */
  unclosed?: number;
}

/** Reads a URI template's expressions. An unclosed `{` ends the reading: what follows is no expression. */
export function parseUriTemplate(text: string): ParsedUriTemplate {
  const expressions: UriTemplateExpression[] = [];
  for (let i = text.indexOf('{'); i !== -1; i = text.indexOf('{', i)) {
    const end = text.indexOf('}', i);
    if (end === -1) return { expressions, variables: expressions.flatMap((e) => e.variables), unclosed: i };
    const body = text.slice(i + 1, end);
    const operator = body && OPERATORS.includes(body[0]!) ? body[0]! : '';
    const variables: UriTemplateVariable[] = [];
    let at = i + 1 + operator.length;
    for (const spec of body.slice(operator.length).split(',')) {
      const name = /^[^*:]*/.exec(spec)![0].trim();
      const lead = spec.length - spec.trimStart().length;
      if (name) variables.push({ name, operator, explode: spec.includes('*'), prefix: spec.includes(':'), from: at + lead, to: at + lead + name.length });
      at += spec.length + 1;
    }
    expressions.push({ operator, body, from: i, to: end + 1, variables });
    i = end + 1;
  }
  return { expressions, variables: expressions.flatMap((e) => e.variables) };
}

/** True when the text has a `{…}` expression: FastMCP and the SDKs make a template of such a URI. */
export const hasTemplateBraces = (text: string): boolean => /\{[^}]*\}/.test(text);

/** The scheme an absolute URI starts with (RFC 3986 §3.1), or undefined. */
export const uriScheme = (text: string): string | undefined => /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(text)?.[1];
