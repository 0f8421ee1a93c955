// annotations/destructive-without-approval: a prompt that tells the AI to call a destructive tool (its annotations
// say destructiveHint, or it has none and its name says it deletes, sends or pays) with no approval step before it.
// The seed's approval pattern puts a step that shows what will change and asks the user before any such call;
// without it the AI runs the deletion as one more step of the workflow.
import type { MessageDef, PromptDef, SourceSpan } from '../model';
import { subjectsOf, type CheckContext, type Finding, type Rule } from './rule';
import { destructiveBecause } from './tool-effects';
import { projectTools } from './util';

/** Words of an approval step: asking the user, confirming, approving. */
const APPROVAL = /\b(?:approv(?:e|es|ed|al|ing)|confirm(?:s|ed|ing|ation)?|ask(?:s|ing)?\s+(?:the\s+)?user|user(?:'s)?\s+(?:ok|go-ahead|consent)|permission|consent|sign[- ]?off|elicit\w*)\b/i;
/** Words of the reversible path the seed's safe migration takes instead: a backup or checkpoint made first, so a
 * failure rolls back (the approval pattern is for what cannot be undone). */
const REVERSIBLE = /\b(?:back\s?up|backups?|checkpoints?|snapshots?)\b/i;
/** An approval step, or a backup made, in a text. */
const COVERS = new RegExp(`${APPROVAL.source}|${REVERSIBLE.source}`, 'i');
/** A line that forbids the call rather than asking for it ("never call x", "do not use x"). */
const FORBIDS = /\b(?:do\s+not|don't|never|avoid|must\s+not)\b[^.\n]*$/i;

/** The decoded offset where a mention starts, or -1 when its place in the text cannot be found. */
const decodedIndexOf = (message: MessageDef, span: SourceSpan): number => message.text.decoded.starts.indexOf(span.start);

/** The destructive tools a prompt's messages name before any approval or backup wording, in text order. */
function unapprovedMentions(ctx: CheckContext, prompt: PromptDef, report: (f: Finding) => void): void {
  const tools = projectTools(ctx, prompt.file);
  let approved = false;
  for (const message of prompt.messages) {
    const text = message.text.decoded.text;
    const approvalAt: number = approved ? 0 : (COVERS.exec(text)?.index ?? Infinity);
    for (const mention of message.template.mentions) {
      const tool = tools.get(mention.name)?.[0];
      const because = tool && !mention.templated ? destructiveBecause(tool) : undefined;
      if (!because) continue;
      const at = decodedIndexOf(message, mention.span);
      if (at < 0 || approvalAt < at) continue;
      if (FORBIDS.test(text.slice(text.lastIndexOf('\n', at) + 1, at))) continue;
      report({
        file: prompt.file, span: mention.span,
        message: `"${prompt.name}" tells the AI to call \`${mention.name}\` (${because}) with no approval step before it: first show the user what it will change and ask them to approve (e.g. "Show the records that will be deleted and ask the user to confirm before calling ${mention.name}").`,
      });
    }
    approved ||= approvalAt !== Infinity;
  }
}

/** The same for a pmcp workflow's steps: an earlier step (or its guidance) that asks for approval covers a later one. */
function unapprovedSteps(ctx: CheckContext, prompt: PromptDef, report: (f: Finding) => void): void {
  const tools = projectTools(ctx, prompt.file);
  let approved = false;
  for (const step of prompt.steps ?? []) {
    const tool = tools.get(step.tool)?.[0];
    const because = tool ? destructiveBecause(tool) : undefined;
    if (because && !approved) {
      report({
        file: prompt.file, span: step.toolSpan,
        message: `Workflow "${prompt.name}" calls \`${step.tool}\` in step "${step.name}" (${because}) with no approval step before it: add a step that shows what will change and asks the user to approve.`,
      });
    }
    approved ||= COVERS.test(`${step.name} ${step.tool} ${step.guidance?.text.decoded.text ?? ''}`.replace(/_/g, ' '));
  }
}

export const annotationsDestructiveWithoutApproval: Rule = {
  id: 'annotations/destructive-without-approval',
  severity: 'warning',
  // It reads other files' tools by name: their annotations, names and descriptions (check-facts.ts records them).
  scope: 'names',
  description: 'A prompt or pmcp workflow that calls a destructive tool with no approval step (nor a backup to roll back to) before it.',
  check(ctx, report) {
    for (const prompt of subjectsOf(ctx).prompts) {
      unapprovedMentions(ctx, prompt, report);
      unapprovedSteps(ctx, prompt, report);
    }
  },
};
