// Every text of the workspace a client shows the model (names, titles aside, descriptions, argument descriptions,
// schema descriptions, prompt messages, servers' instructions), each with a way to place a finding at [from, to) of its decoded value.
import type { JsonDoc, SourceSpan, TextValue } from '../model';
import type { CheckContext, Subjects } from './rule';
import { perContext } from './memo';
import { spanInJsonString, spanInText } from './spans';
import { subSchemas } from './schema-walk';
import { fileOfText, promptMessages } from './util';

/** One text the model reads, and where it stands. */
export interface ModelText {
  file: string;
  /** What it is, for messages: "the description of tool `x`". */
  what: string;
  value: string;
  /** The source literal's opening quote, when the text is one literal (for encoding fix text). */
  opening?: string;
  /** True for a tool description (the text tool poisoning hides in). */
  toolDescription?: { tool: string };
  /** True for a server's instructions (sent at `initialize`: they address the model by design). */
  instructions?: true;
  /** The exact span of [from, to), or undefined when the text cannot be placed exactly. */
  spanOf(from: number, to: number): SourceSpan | undefined;
  /** The span of the whole text (or its owner), for findings that cannot be placed exactly. */
  whole: SourceSpan;
}

function fromTextValue(ctx: CheckContext, file: string, what: string, text: TextValue): ModelText {
  return { file, what, value: text.value, opening: text.opening, spanOf: (a, b) => spanInText(ctx, file, text, a, b), whole: text.span };
}

function fromName(file: string, what: string, name: string, span: SourceSpan): ModelText {
  // A name literal is written as is (names are plain identifiers); an exact span is the name's own when the
  // source holds as many characters as the name, which an escape would break.
  const exact = span.end - span.start === name.length && span.range.start.line === span.range.end.line;
  const spanOf = (a: number, b: number): SourceSpan | undefined => exact
    ? { start: span.start + a, end: span.start + b, range: { start: { line: span.range.start.line, character: span.range.start.character + a }, end: { line: span.range.start.line, character: span.range.start.character + b } } }
    : undefined;
  return { file, what, value: name, spanOf, whole: span };
}

/** Every `description` string of a schema, at its JSON pointer. */
function schemaDescriptions(file: string, owner: string, doc: JsonDoc): ModelText[] {
  if (doc.errors.length > 0) return [];
  const out: ModelText[] = [];
  for (const { schema, pointer } of subSchemas(doc)) {
    const description = schema['description'];
    if (typeof description !== 'string') continue;
    const at = `${pointer}/description`;
    const whole = (doc.locations[at] ?? doc.locations[pointer])?.value ?? doc.span;
    out.push({ file, what: `a schema description of ${owner}`, value: description, spanOf: (a, b) => spanInJsonString(doc, at, a, b), whole });
  }
  return out;
}

/** Every text the model reads, once per check. */
export const modelTexts = perContext((ctx: CheckContext): ModelText[] => textsOf(ctx, ctx));

/** The texts a rule reports on: those of the context's subjects (see subjectsOf), else every text. */
export function subjectTexts(ctx: CheckContext): ModelText[] {
  if (!ctx.subjects) return modelTexts(ctx);
  let texts = textsBySubjects.get(ctx.subjects);
  if (!texts) textsBySubjects.set(ctx.subjects, (texts = textsOf(ctx, ctx.subjects)));
  return texts;
}

const textsBySubjects = new WeakMap<Subjects, ModelText[]>();

/** The texts of some files' tools and of some prompts, placed through the context's models. */
function textsOf(ctx: CheckContext, { files, prompts }: Pick<Subjects, 'files' | 'prompts'>): ModelText[] {
  const out: ModelText[] = [];
  for (const model of files) {
    for (const tool of model.tools) {
      const owner = `tool \`${tool.name}\``;
      out.push(fromName(tool.file, `the name of ${owner}`, tool.name, tool.nameSpan));
      if (tool.description) out.push({ ...fromTextValue(ctx, tool.file, `the description of ${owner}`, tool.description), toolDescription: { tool: tool.name } });
      for (const doc of [tool.inputSchema, tool.outputSchema]) if (doc) out.push(...schemaDescriptions(tool.file, owner, doc));
    }
    for (const def of model.instructions ?? []) out.push({ ...fromTextValue(ctx, fileOfText(def.text, def.file), 'the text of the server\'s instructions', def.text), instructions: true });
  }
  for (const prompt of prompts) {
    const owner = `prompt "${prompt.name}"`;
    out.push(fromName(prompt.file, `the name of ${owner}`, prompt.name, prompt.nameSpan));
    if (prompt.description) out.push(fromTextValue(ctx, prompt.file, `the description of ${owner}`, prompt.description));
    for (const a of prompt.arguments) if (a.description) out.push(fromTextValue(ctx, prompt.file, `the description of argument \`${a.name}\` of ${owner}`, a.description));
    for (const m of promptMessages(prompt)) out.push(fromTextValue(ctx, prompt.file, `the text of ${owner}`, m.text));
  }
  return out;
}
