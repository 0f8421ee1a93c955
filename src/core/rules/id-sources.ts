// Reads "where does this ID come from" out of descriptions ("ID from find_candidates output", "from X's result",
// "returned by X", "from the X tool"), for the ids/* rules, and lists every ID-carrying argument of the workspace.
import type { SourceSpan } from '../model';
import type { Fix } from '../diagnostic';
import { replaceFix, type CheckContext } from './rule';
import { spanAtPointer, spanInJsonString, spanInText } from './spans';
import { pointerSegment } from '../json/json-doc';

/** A tool named as the source of a value, at [index, index + name.length) of the description. */
export interface SourceMention {
  name: string;
  index: number;
}

const NAME = '`?([A-Za-z][\\w.-]*)`?';
const PATTERNS = [
  new RegExp(`\\bfrom\\s+(?:the\\s+)?${NAME}(?:'s)?\\s+(?:tool'?s?\\s+)?(?:output|outputs|result|results|response)\\b`, 'gi'),
  new RegExp(`\\breturned\\s+by\\s+(?:the\\s+)?${NAME}`, 'gi'),
  new RegExp(`\\bfrom\\s+(?:the\\s+)?${NAME}\\s+tool\\b`, 'gi'),
];
/** Words that fill the tool slot in ordinary prose ("from the previous output"), never tool names. */
const PROSE = new Set(['previous', 'last', 'earlier', 'above', 'prior', 'same', 'step', 'that', 'this', 'its', 'their', 'your', 'a', 'an', 'any', 'first', 'next', 'each', 'search', 'list', 'server', 'api', 'tool', 'workflow', 'another', 'other']);

/** Tool names a description gives as the source of an ID. A word counts when it is a known tool or looks like
 * a tool name (snake_case, kebab-case, dotted, camelCase or in backticks), so plain prose is not read as a name. */
export function findSourceMentions(text: string, isTool: (name: string) => boolean): SourceMention[] {
  const found = new Map<number, SourceMention>();
  for (const pattern of PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const name = match[1]!;
      const index = (match.index ?? 0) + match[0].indexOf(name);
      const backticked = text[index - 1] === '`';
      const looksLikeName = /[_.-]|[a-z][A-Z]|\d/.test(name) || backticked;
      if (isTool(name) || (looksLikeName && !PROSE.has(name.toLowerCase()))) found.set(index, { name, index });
    }
  }
  return [...found.values()].sort((a, b) => a.index - b.index);
}

/** An argument (tool input property or prompt argument) with its description and how to place findings in it. */
export interface IdArgument {
  file: string;
  owner: string;
  ownerKind: 'tool' | 'prompt';
  name: string;
  nameSpan: SourceSpan;
  description?: string;
  /** The exact span of [from, to) of the description, or undefined when only the argument can be pointed at. */
  spanOf(from: number, to: number): SourceSpan | undefined;
}

/** Every top-level tool input property and every prompt argument in the workspace. */
export function workspaceArguments(ctx: CheckContext): IdArgument[] {
  const out: IdArgument[] = [];
  for (const tool of ctx.files.flatMap((m) => m.tools)) {
    const doc = tool.inputSchema;
    const props = (doc?.value as { properties?: unknown } | undefined)?.properties;
    if (!doc || !props || typeof props !== 'object') continue;
    for (const [name, schema] of Object.entries(props as Record<string, unknown>)) {
      const pointer = `/properties/${pointerSegment(name)}`;
      const description = (schema as { description?: unknown } | null)?.description;
      out.push({
        file: tool.file, owner: tool.name, ownerKind: 'tool', name, nameSpan: spanAtPointer(doc, pointer, 'key'),
        ...(typeof description === 'string' ? { description } : {}),
        spanOf: (from, to) => spanInJsonString(doc, `${pointer}/description`, from, to),
      });
    }
  }
  for (const prompt of ctx.prompts) {
    for (const argument of prompt.arguments) {
      const description = argument.description;
      out.push({
        file: prompt.file, owner: prompt.name, ownerKind: 'prompt', name: argument.name, nameSpan: argument.nameSpan,
        ...(description ? { description: description.value } : {}),
        spanOf: (from, to) => (description ? spanInText(ctx, prompt.file, description, from, to) : undefined),
      });
    }
  }
  return out;
}

/** A fix replacing the mentioned name, when its span is exact. */
export function renameFix(file: string, span: SourceSpan | undefined, from: string, to: string): Fix[] {
  return span ? [replaceFix(`Change \`${from}\` to \`${to}\``, file, span, to)] : [];
}

/** True for names that carry an ID: `id`, `*_id`, `*Id`, and their plurals (case-sensitive, so `valid` is not one). */
export const isIdName = (name: string): boolean => /^(?:id|ids|ID|IDs)$|_(?:id|ids|ID|IDs)$|[a-z0-9](?:Id|Ids|ID|IDs)$/.test(name);
