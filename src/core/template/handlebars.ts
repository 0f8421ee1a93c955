// Parses message text with Handlebars' own parser and maps every variable, block and syntax error back to the
// source through the text value's offset map.
import Handlebars from 'handlebars';
import type { TemplateBlock, TemplateError, TemplateVariable, TextValue } from '../model';
import type { SourceContext } from '../source-context';
import { LineIndex } from '../text/line-index';

type HbNode = hbs.AST.Node & Record<string, unknown>;
type HbLoc = hbs.AST.SourceLocation;

interface ParseHash {
  loc?: { first_line: number; first_column: number; last_line: number; last_column: number };
  token?: string;
  text?: string;
}

/** Handlebars' parser throws a plain message; this hook keeps the location Jison knows. */
class HandlebarsSyntaxError extends Error {
  constructor(
    message: string,
    readonly hash: ParseHash,
  ) {
    super(message);
  }
}

const parser = (Handlebars as unknown as { Parser: { parseError: (s: string, h: ParseHash) => never } }).Parser;
parser.parseError = (message: string, hash: ParseHash) => {
  throw new HandlebarsSyntaxError(message, hash);
};

export interface HandlebarsResult {
  variables: TemplateVariable[];
  blocks: TemplateBlock[];
  errors: TemplateError[];
}

const NOT_PATHS = new Set(['else', 'this', 'true', 'false', 'null', 'undefined']);

/**
 * The `{{name}}` uses of a template made only of text and plain `{{name}}` mustaches, or undefined when it holds
 * anything else (blocks, helpers, escapes, whitespace control, `\r` line ends): those go to Handlebars' parser.
 * Handlebars would read such a template as content and one path per mustache, so this gives what the parser
 * gives, many times faster, for the most common form of a prompt text.
 */
function plainMustaches(value: string): { name: string; from: number }[] | undefined {
  if (value.includes('\r') || value.includes('\0')) return undefined;
  const uses: { name: string; from: number }[] = [];
  const re = /\{\{([A-Za-z_]\w*)\}\}/y;
  for (let at = value.indexOf('{{'); at >= 0; at = value.indexOf('{{', at + 2)) {
    if (at > 0 && value.charCodeAt(at - 1) === 92) return undefined;
    re.lastIndex = at;
    const m = re.exec(value);
    // `}}}` and `}}}}` close other kinds of mustache.
    if (!m || NOT_PATHS.has(m[1]!) || value.charCodeAt(re.lastIndex) === 125) return undefined;
    uses.push({ name: m[1]!, from: at + 2 });
    at = re.lastIndex - 2;
  }
  return uses;
}

/** Handlebars' parse (its program, or what it threw) of the template texts read last, by text. */
const parsedTemplates = new Map<string, { program: hbs.AST.Program } | { error: unknown }>();
const PARSED_TEMPLATES_KEPT = 512;

/**
 * Handlebars' parse of a template text, once per text among the last ones read: a template const rendered by
 * several prompts, or a file read again on each edit, is parsed once. The walk below only reads the program.
 */
function parseTemplate(value: string): hbs.AST.Program {
  let entry = parsedTemplates.get(value);
  if (!entry) {
    try {
      entry = { program: Handlebars.parse(value) };
    } catch (error) {
      entry = { error };
    }
    if (parsedTemplates.size >= PARSED_TEMPLATES_KEPT) parsedTemplates.clear();
    parsedTemplates.set(value, entry);
  }
  if ('error' in entry) throw entry.error;
  return entry.program;
}

/** Parses a Handlebars template held in a text value. */
export function analyzeHandlebars(text: TextValue, ctx: SourceContext): HandlebarsResult {
  const plain = plainMustaches(text.value);
  if (plain) {
    const blocks: string[] = [];
    return {
      variables: plain.map(({ name, from }) => ({ name, path: name, span: ctx.spanInDecoded(text.decoded, from, from + name.length), blocks, asBlockParam: false })),
      blocks: [],
      errors: [],
    };
  }
  const lines = new LineIndex(text.value);
  const toSpan = (loc: HbLoc) =>
    ctx.spanInDecoded(
      text.decoded,
      lines.offsetAt({ line: loc.start.line - 1, character: loc.start.column }),
      lines.offsetAt({ line: loc.end.line - 1, character: loc.end.column }),
    );
  const result: HandlebarsResult = { variables: [], blocks: [], errors: [] };
  let program: hbs.AST.Program;
  try {
    program = parseTemplate(text.value);
  } catch (error) {
    result.errors.push(toTemplateError(error, text, lines, ctx));
    // Still read every mustache, so the argument checks stay right while the author fixes the error.
    result.variables.push(...tolerantScan(text, ctx));
    return result;
  }
  walk(program as unknown as HbNode, [], result, toSpan);
  return result;
}

const WORDS_NOT_PATHS = new Set([...NOT_PATHS, 'as', 'else', 'and', 'or', 'not', 'eq', 'ne', 'lt', 'gt']);

/**
 * The variables of a template Handlebars cannot parse, read mustache by mustache: `{{#helper a b}}` opens a block
 * (its parameters are block params), `{{/helper}}` closes the innermost one of that name, `{{x.y}}` and a helper's
 * parameters are uses. Strings, numbers, operators and `this`/`@`/`../` paths are not.
 */
function tolerantScan(text: TextValue, ctx: SourceContext): TemplateVariable[] {
  const out: TemplateVariable[] = [];
  const blocks: string[] = [];
  for (const m of text.value.matchAll(/\{\{\{?~?\s*([#/^!>]?)([^{}]*?)~?\}?\}\}/g)) {
    const [, sigil, body = ''] = m;
    if (sigil === '!' || sigil === '>') continue;
    const bodyStart = (m.index ?? 0) + m[0].indexOf(body);
    const words = [...body.matchAll(/(?:"[^"]*"|'[^']*'|[^\s()=]+)/g)];
    if (sigil === '/') {
      const at = blocks.lastIndexOf(words[0]?.[0] ?? '');
      if (at >= 0) blocks.splice(at);
      continue;
    }
    const isBlock = sigil === '#' || sigil === '^';
    // A mustache with more than one word is a helper call: its first word is the helper, not a variable.
    const uses = isBlock || words.length > 1 ? words.slice(1) : words;
    for (const w of uses) {
      const word = w[0];
      const name = /^[A-Za-z_][\w-]*/.exec(word)?.[0];
      if (!name || WORDS_NOT_PATHS.has(name) || /^(?:this|@|\.\.)/.test(word) || word.includes('=')) continue;
      const from = bodyStart + (w.index ?? 0);
      out.push({ name, path: word, span: ctx.spanInDecoded(text.decoded, from, from + word.length), blocks: [...blocks], asBlockParam: isBlock });
    }
    if (isBlock) blocks.push(words[0]?.[0] ?? 'block');
  }
  return out;
}

function toTemplateError(error: unknown, text: TextValue, lines: LineIndex, ctx: SourceContext): TemplateError {
  const message = error instanceof Error ? error.message : String(error);
  const lastLine = message.split('\n').pop() ?? message;
  if (error instanceof HandlebarsSyntaxError && error.hash.token === 'EOF') {
    // The text ended inside a block: point at the block that is never closed, which is what needs the fix.
    const open = unclosedBlock(text.value);
    if (open) {
      return {
        message: `Handlebars cannot parse this: {{#${open.helper}}} is never closed; add {{/${open.helper}}}`,
        span: ctx.spanInDecoded(text.decoded, open.from, open.to),
        snippet: text.value.slice(open.from, open.to),
        token: 'EOF',
      };
    }
  }
  if (error instanceof HandlebarsSyntaxError && error.hash.loc) {
    const { first_line, first_column, last_column, last_line } = error.hash.loc;
    const tokenStart = lines.offsetAt({ line: first_line - 1, character: first_column });
    const tokenEnd = lines.offsetAt({ line: last_line - 1, character: last_column });
    // Report the whole `{{…}}` the bad token stands in: that is what the author reads and fixes.
    const open = text.value.lastIndexOf('{{', tokenStart);
    const close = text.value.indexOf('}}', tokenEnd > tokenStart ? tokenEnd - 1 : tokenStart);
    const inMustache = open >= 0 && text.value.lastIndexOf('}}', tokenStart - 1) < open;
    const from = inMustache ? open : tokenStart;
    const to = inMustache && close >= 0 ? close + 2 : Math.max(tokenEnd, tokenStart + 1);
    const token = error.hash.text || error.hash.token;
    return {
      message: `Handlebars cannot parse this${token ? ` (unexpected "${token}")` : ''}: ${lastLine}`,
      span: ctx.spanInDecoded(text.decoded, from, to),
      snippet: text.value.slice(from, to),
      ...(token ? { token } : {}),
    };
  }
  // Semantic errors ("each doesn't match if - 1:3") carry a line and column of their own.
  const at = /- (\d+):(\d+)$/.exec(message);
  const offset = at ? lines.offsetAt({ line: Number(at[1]) - 1, character: Number(at[2]) }) : 0;
  const end = text.value.indexOf('}}', offset);
  return {
    message: `Handlebars cannot parse this: ${message.split(' - ')[0] ?? message}`,
    span: ctx.spanInDecoded(text.decoded, offset, end >= 0 ? end + 2 : text.value.length),
  };
}

/** The innermost `{{#block}}` left open at the end of the text, by a simple open/close count. */
function unclosedBlock(value: string): { helper: string; from: number; to: number } | undefined {
  const stack: { helper: string; from: number; to: number }[] = [];
  for (const m of value.matchAll(/\{\{~?\s*([#/])\s*([\w.-]+)[^}]*\}\}/g)) {
    const at = m.index ?? 0;
    if (m[1] === '#') stack.push({ helper: m[2] ?? '', from: at, to: at + m[0].length });
    else if (stack.at(-1)?.helper === m[2]) stack.pop();
  }
  return stack.at(-1);
}

function walk(node: HbNode | undefined, blocks: string[], out: HandlebarsResult, toSpan: (l: HbLoc) => ReturnType<SourceContext['span']>): void {
  if (!node) return;
  switch (node.type) {
    case 'Program':
      for (const child of (node as unknown as hbs.AST.Program).body) walk(child as HbNode, blocks, out, toSpan);
      return;
    case 'MustacheStatement':
    case 'SubExpression': {
      const n = node as unknown as hbs.AST.MustacheStatement;
      const hasArgs = n.params.length > 0 || (n.hash?.pairs.length ?? 0) > 0;
      if (hasArgs || node.type === 'SubExpression') {
        for (const param of n.params) walkExpression(param as HbNode, blocks, false, out, toSpan);
        for (const pair of n.hash?.pairs ?? []) walkExpression(pair.value as HbNode, blocks, false, out, toSpan);
      } else {
        walkExpression(n.path as HbNode, blocks, false, out, toSpan);
      }
      return;
    }
    case 'BlockStatement': {
      const n = node as unknown as hbs.AST.BlockStatement;
      const helper = n.path.type === 'PathExpression' ? (n.path as hbs.AST.PathExpression).original : 'block';
      const openEnd = n.program?.loc?.start ?? n.loc.end;
      out.blocks.push({ helper, span: toSpan(n.loc), openSpan: toSpan({ ...n.loc, end: openEnd }) });
      for (const param of n.params) walkExpression(param as HbNode, blocks, true, out, toSpan);
      for (const pair of n.hash?.pairs ?? []) walkExpression(pair.value as HbNode, blocks, true, out, toSpan);
      walk(n.program as unknown as HbNode, [...blocks, helper], out, toSpan);
      walk(n.inverse as unknown as HbNode, [...blocks, helper], out, toSpan);
      return;
    }
    default:
      return;
  }
}

function walkExpression(node: HbNode, blocks: string[], asBlockParam: boolean, out: HandlebarsResult, toSpan: (l: HbLoc) => ReturnType<SourceContext['span']>): void {
  if (node.type === 'SubExpression') {
    walk(node, blocks, out, toSpan);
    return;
  }
  if (node.type !== 'PathExpression') return;
  const path = node as unknown as hbs.AST.PathExpression;
  const first = path.parts[0];
  // `this`, `@index`, `../x` and block params are context paths, not prompt arguments.
  if (path.data || !first || path.depth > 0 || /^this\b/.test(path.original)) return;
  out.variables.push({ name: first, path: path.original, span: toSpan(path.loc), blocks, asBlockParam });
}
