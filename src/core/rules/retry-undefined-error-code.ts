// retry/undefined-error-code: retry guidance ("if RATE_LIMITED, wait and retry") naming an error code that no
// tool's output schema or description defines. The client is told to react to a code it will never be shown,
// or one spelled differently from what the tool returns.
import type { TextValue } from '../model';
import { subjectsOf, type CheckContext, type Rule } from './rule';
import { closest, fileOfText, promptMessages } from './util';
import { spanInText } from './spans';
import { perContext } from './memo';

const SNAKE = /\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/g;
const BARE_AFTER_CODE = /\b(?:error|code|status)\s*(?:code\s*)?[:=]?\s*`?([A-Z][A-Z0-9]{3,})\b/g;
// Words that tell the client what to do; "fails with X" alone defines a code rather than guiding on it.
const GUIDANCE = /\b(?:retry|retries|retrying|retried|wait|back\s?off|if|when|on|stop|abort)\b/i;

/** Error codes named in retry guidance, with their offsets in the text. */
export function findGuidanceCodes(text: string): { code: string; index: number }[] {
  const out = new Map<number, string>();
  const isGuidance = (index: number) => {
    // The sentence around the word must read as guidance about errors.
    const start = Math.max(text.lastIndexOf('.', index), text.lastIndexOf('\n', index)) + 1;
    const ends = ['.', '\n'].map((c) => text.indexOf(c, index)).filter((i) => i >= 0);
    return GUIDANCE.test(text.slice(start, ends.length ? Math.min(...ends) : text.length));
  };
  for (const match of text.matchAll(SNAKE)) if (isGuidance(match.index ?? 0)) out.set(match.index ?? 0, match[0]);
  for (const match of text.matchAll(BARE_AFTER_CODE)) {
    const index = (match.index ?? 0) + match[0].lastIndexOf(match[1]!);
    if (isGuidance(index)) out.set(index, match[1]!);
  }
  return [...out].map(([index, code]) => ({ code, index })).sort((a, b) => a.index - b.index);
}

/** Every upper-case word in a JSON value (enum and const members, descriptions), collected into `out`. */
function collectCodes(value: unknown, out: Set<string>): void {
  if (typeof value === 'string') for (const word of value.match(/\b[A-Z][A-Z0-9_]{2,}\b/g) ?? []) out.add(word);
  else if (Array.isArray(value)) value.forEach((v) => collectCodes(v, out));
  else if (value && typeof value === 'object') for (const v of Object.values(value)) collectCodes(v, out);
}

/** The codes every output/input schema mentions, and for each code the tools whose descriptions mention it. */
const definedCodes = perContext((ctx: CheckContext): { schemas: Set<string>; describedBy: Map<string, Set<string>> } => {
  const schemas = new Set<string>();
  const describedBy = new Map<string, Set<string>>();
  for (const tool of ctx.tools) {
    // An input enum (e.g. a `simulate.error` test switch) also documents the codes the tool knows.
    collectCodes(tool.outputSchema?.value, schemas);
    collectCodes(tool.inputSchema?.value, schemas);
    const own = new Set<string>();
    collectCodes(tool.description?.value, own);
    for (const code of own) describedBy.set(code, (describedBy.get(code) ?? new Set()).add(tool.name));
  }
  return { schemas, describedBy };
});

export const retryUndefinedErrorCode: Rule = {
  id: 'retry/undefined-error-code',
  severity: 'hint',
  scope: 'names',
  description: 'Retry guidance in a prompt or tool description naming an error code (e.g. RATE_LIMITED) that no tool\'s schema (enum, const, description) or other tool description defines.',
  check(ctx, report) {
    // Guidance naming a code is rare; the codes every schema defines are collected only when some text has it.
    const found: { file: string; text: TextValue; where: string; exceptTool: string | undefined; codes: { code: string; index: number }[] }[] = [];
    const consider = (file: string, text: TextValue, where: string, exceptTool?: string) => {
      const codes = findGuidanceCodes(text.value);
      if (codes.length > 0) found.push({ file, text, where, exceptTool, codes });
    };
    const subjects = subjectsOf(ctx);
    for (const tool of subjects.tools) if (tool.description) consider(fileOfText(tool.description, tool.file), tool.description, `The description of tool \`${tool.name}\``, tool.name);
    for (const prompt of subjects.prompts) for (const message of promptMessages(prompt)) consider(fileOfText(message.text, prompt.file), message.text, `Prompt \`${prompt.name}\``);
    if (found.length === 0) return;
    const defined = definedCodes(ctx);
    const known = new Set([...defined.schemas, ...defined.describedBy.keys()]);
    const isDefined = (code: string, exceptTool?: string) => {
      if (defined.schemas.has(code)) return true;
      const tools = defined.describedBy.get(code);
      return !!tools && (tools.size > 1 || (tools.size === 1 && !tools.has(exceptTool ?? '')));
    };
    for (const { file, text, where, exceptTool, codes } of found) {
      for (const { code, index } of codes) {
        if (isDefined(code, exceptTool)) continue;
        const similar = closest(code, [...known].filter((k) => k !== code));
        report({
          file,
          span: spanInText(ctx, file, text, index, index + code.length) ?? text.span,
          message: `${where} tells the client to react to error code ${code}, but no tool's schema or other description defines it${similar ? ` (did you mean ${similar}?)` : ''}; declare it where the tool reports errors, e.g. an output property \`error\` with "enum": [${JSON.stringify(code)}, …].`,
        });
      }
    }
  },
};
