// retry/non-idempotent-retry: retry guidance ("retry up to 3 times") for a tool whose annotations say a second call
// is not the same as the first (idempotentHint: false, or destructive without idempotentHint: true). A timeout
// does not mean the call did nothing: retrying a payment or a send may do it twice. A hint where the annotations do
// not say (no idempotentHint on a tool that writes): say whether a retry is safe.
import type { ToolDef } from '../model';
import { subjectsOf, type Finding, type Rule } from './rule';
import { spanInText } from './spans';
import { annotationsOf } from './tool-effects';
import { projectTools, promptMessages } from './util';

const RETRY = /\b(?:retry|retries|retrying|try\s+again|call\s+(?:it\s+)?again)\b/gi;
const NEGATED = /\b(?:not|never|no|don't|without)\s+(?:\w+\s+)?$/i;

/** Where in a text retry guidance stands (not "do not retry"), as [start, end) of each sentence with one. */
function retrySentences(text: string): { start: number; end: number; at: number }[] {
  const out: { start: number; end: number; at: number }[] = [];
  for (const match of text.matchAll(RETRY)) {
    const at = match.index ?? 0;
    const start = Math.max(text.lastIndexOf('.', at), text.lastIndexOf('\n', at)) + 1;
    if (NEGATED.test(text.slice(start, at))) continue;
    const ends = ['.', '\n'].map((c) => text.indexOf(c, at)).filter((i) => i >= 0);
    out.push({ start, end: ends.length ? Math.min(...ends) : text.length, at });
  }
  return out;
}

/** Why retrying the tool is unsafe (severity and reason), or undefined when its annotations say it is safe or say nothing read. */
function retryRisk(tool: ToolDef): { severity: 'warning' | 'hint'; why: string } | undefined {
  const a = annotationsOf(tool);
  if (a === undefined || a?.['readOnlyHint'] === true || a?.['idempotentHint'] === true) return undefined;
  if (a === null) return { severity: 'hint', why: 'it has no annotations, so a client must assume a second call is not harmless' };
  if (a['idempotentHint'] === false) return { severity: 'warning', why: 'its annotations say idempotentHint: false (a second call is not the same as the first)' };
  if (a['destructiveHint'] === true) return { severity: 'warning', why: 'its annotations mark it destructive and do not say idempotentHint: true' };
  return { severity: 'hint', why: 'its annotations say it writes (readOnlyHint is not true) but not whether a retry is safe (idempotentHint)' };
}

/** Reports retry guidance at `span` of `file` when retrying `tool` is unsafe. */
function judge(tool: ToolDef, where: string, file: string, span: Finding['span'], report: (f: Finding) => void): void {
  const risk = retryRisk(tool);
  if (!risk) return;
  report({
    file, span, severity: risk.severity,
    message: `${where} tells the client to retry \`${tool.name}\`, but ${risk.why}: a failed call may still have taken effect. Make it idempotent (an idempotency key) and say idempotentHint: true, or tell the client to check before retrying.`,
  });
}

export const retryNonIdempotent: Rule = {
  id: 'retry/non-idempotent-retry',
  severity: 'warning',
  // A prompt's retry guidance is judged by the annotations of the tool it names, in any file (check-facts.ts records them).
  scope: 'names',
  description: 'Retry guidance for a tool annotated non-idempotent or destructive (a hint when its annotations do not say whether a retry is safe).',
  check(ctx, report) {
    const subjects = subjectsOf(ctx);
    for (const tool of subjects.tools) {
      const d = tool.description;
      const sentence = d ? retrySentences(d.value)[0] : undefined;
      if (!d || !sentence) continue;
      const span = spanInText(ctx, tool.file, d, sentence.at, sentence.at + 5) ?? d.span;
      judge(tool, `The description of \`${tool.name}\``, tool.file, span, report);
    }
    for (const prompt of subjects.prompts) {
      const tools = projectTools(ctx, prompt.file);
      for (const message of promptMessages(prompt)) {
        const sentences = retrySentences(message.text.decoded.text);
        for (const mention of message.template.mentions) {
          const at = message.text.decoded.starts.indexOf(mention.span.start);
          const tool = tools.get(mention.name)?.[0];
          if (!tool || at < 0 || !sentences.some((s) => s.start <= at && at < s.end)) continue;
          judge(tool, `"${prompt.name}"`, prompt.file, mention.span, report);
        }
      }
    }
  },
};
