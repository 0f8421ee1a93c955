// Reads "where does this ID come from" out of descriptions ("ID from find_candidates output", "from X's result",
// "returned by X", "from the X tool"), for the ids/* rules, and lists every ID-carrying argument of the workspace.
import type { JsonDoc, PromptDef, SourceSpan, ToolDef } from '../model';
import type { Fix } from '../diagnostic';
import { replaceFix, type CheckContext, type Subjects } from './rule';
import { spanAtPointer, spanInJsonString, spanInText } from './spans';
import { pointerSegment } from '../json/json-doc';
import { perContext } from './memo';

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
const MAY_NAME_SOURCE = /from|returned/i;
/** Words that fill the tool slot in ordinary prose ("from the previous output"), never tool names. */
const PROSE = new Set(['previous', 'last', 'earlier', 'above', 'prior', 'same', 'step', 'that', 'this', 'its', 'their', 'your', 'a', 'an', 'any', 'first', 'next', 'each', 'search', 'list', 'server', 'api', 'tool', 'workflow', 'another', 'other']);

/** Tool names a description gives as the source of an ID. A word counts when it is a known tool or looks like
 * a tool name (snake_case, kebab-case, dotted, camelCase or in backticks), so plain prose is not read as a name. */
export function findSourceMentions(text: string, isTool: (name: string) => boolean): SourceMention[] {
  // Every wording starts with "from" or "returned"; most descriptions have neither, and one test is cheaper than three.
  if (!MAY_NAME_SOURCE.test(text)) return [];
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
  readonly nameSpan: SourceSpan;
  description: string | undefined;
  /** The tools its description names as the source of its value (empty without a description). */
  readonly mentions: SourceMention[];
  /** Where the description is written in the source (for zod, the whole `z….describe(…)` expression). */
  readonly descriptionSpan: SourceSpan | undefined;
  /** True when `descriptionSpan` is a whole zod expression, whose text after its last `.describe(` is the description. */
  readonly descriptionInExpression: boolean;
  /** The exact span of [from, to) of the description, or undefined when only the argument can be pointed at. */
  spanOf(from: number, to: number): SourceSpan | undefined;
}

/** A tool input property: its span and source mentions are worked out when a rule first asks for them. */
class ToolArgument implements IdArgument {
  readonly ownerKind = 'tool';
  readonly owner: string;
  readonly file: string;
  readonly description: string | undefined;
  private found: SourceMention[] | undefined;

  constructor(private readonly tool: ToolDef & { inputSchema: JsonDoc }, readonly name: string, description: unknown, private readonly isTool: (name: string) => boolean) {
    this.owner = tool.name;
    // Its name and description stand in the schema, which may be imported from another module.
    this.file = tool.inputSchema.file ?? tool.file;
    this.description = typeof description === 'string' ? description : undefined;
  }

  private get pointer(): string {
    return `/properties/${pointerSegment(this.name)}`;
  }

  get nameSpan(): SourceSpan {
    return spanAtPointer(this.tool.inputSchema, this.pointer, 'key');
  }

  get mentions(): SourceMention[] {
    return (this.found ??= this.description ? findSourceMentions(this.description, this.isTool) : []);
  }

  get descriptionSpan(): SourceSpan | undefined {
    const locations = this.tool.inputSchema.locations;
    return this.description === undefined ? undefined : (locations[`${this.pointer}/description`] ?? locations[this.pointer])?.value;
  }

  get descriptionInExpression(): boolean {
    return this.tool.inputSchema.origin === 'zod' && !this.tool.inputSchema.locations[`${this.pointer}/description`];
  }

  spanOf(from: number, to: number): SourceSpan | undefined {
    return spanInJsonString(this.tool.inputSchema, `${this.pointer}/description`, from, to);
  }
}

/** A prompt argument, with its description's source mentions worked out when first asked for. */
class PromptArgumentView implements IdArgument {
  readonly ownerKind = 'prompt';
  readonly owner: string;
  readonly file: string;
  readonly name: string;
  readonly nameSpan: SourceSpan;
  readonly description: string | undefined;
  private found: SourceMention[] | undefined;

  constructor(private readonly ctx: CheckContext, prompt: PromptDef, private readonly argument: PromptDef['arguments'][number]) {
    this.owner = prompt.name;
    this.file = argument.file ?? prompt.file;
    this.name = argument.name;
    this.nameSpan = argument.nameSpan;
    this.description = argument.description?.value;
  }

  get mentions(): SourceMention[] {
    return (this.found ??= this.description ? findSourceMentions(this.description, (n) => this.ctx.toolsByName.has(n)) : []);
  }

  get descriptionSpan(): SourceSpan | undefined {
    return this.argument.description?.span;
  }

  readonly descriptionInExpression = false;

  spanOf(from: number, to: number): SourceSpan | undefined {
    const description = this.argument.description;
    return description ? spanInText(this.ctx, this.file, description, from, to) : undefined;
  }
}

/** Every top-level tool input property and every prompt argument in the workspace, read once per check. */
export const workspaceArguments = perContext((ctx: CheckContext): IdArgument[] => argumentsOf(ctx, ctx));

/** The arguments of the items a rule reports on (see subjectsOf), read once per check. */
export function subjectArguments(ctx: CheckContext): IdArgument[] {
  return ctx.subjects ? argumentsOfSubjects(ctx.subjects, ctx) : workspaceArguments(ctx);
}

// Keyed by the subjects, not the context: the incremental check keeps one context across re-checks of other subjects.
const subjectMemo = new WeakMap<Subjects, IdArgument[]>();
function argumentsOfSubjects(subjects: Subjects, ctx: CheckContext): IdArgument[] {
  let found = subjectMemo.get(subjects);
  if (!found) subjectMemo.set(subjects, (found = argumentsOf(ctx, subjects)));
  return found;
}

function argumentsOf(ctx: CheckContext, of: Subjects): IdArgument[] {
  const out: IdArgument[] = [];
  const isTool = (name: string) => ctx.toolsByName.has(name);
  for (const model of of.files) {
    for (const tool of model.tools) {
      const doc = tool.inputSchema;
      const props = (doc?.value as { properties?: unknown } | undefined)?.properties;
      if (!doc || !props || typeof props !== 'object') continue;
      for (const [name, schema] of Object.entries(props as Record<string, unknown>)) {
        out.push(new ToolArgument(tool as ToolDef & { inputSchema: JsonDoc }, name, (schema as { description?: unknown } | null)?.description, isTool));
      }
    }
  }
  for (const prompt of of.prompts) for (const argument of prompt.arguments) out.push(new PromptArgumentView(ctx, prompt, argument));
  return out;
}

/** A fix replacing the mentioned name, when its span is exact. */
export function renameFix(file: string, span: SourceSpan | undefined, from: string, to: string): Fix[] {
  return span ? [replaceFix(`Change \`${from}\` to \`${to}\``, file, span, to)] : [];
}

/** True for names that carry an ID: `id`, `*_id`, `*Id`, and their plurals (case-sensitive, so `valid` is not one). */
export const isIdName = (name: string): boolean => /^(?:id|ids|ID|IDs)$|_(?:id|ids|ID|IDs)$|[a-z0-9](?:Id|Ids|ID|IDs)$/.test(name);
