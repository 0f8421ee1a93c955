// security/injected-instruction: text in a tool description (or a tool argument's) that addresses the model as its
// operator: "ignore previous instructions", "do not tell the user", hidden <IMPORTANT> blocks, reading keys or
// config files, or "always call X first" where the tool takes nothing from X. That is tool poisoning: the model
// follows a tool's description as if the user had said it, and the user never sees it. A server's instructions are
// read for the same wordings but the call order, which is what they are for.
import type { ToolDef } from '../model';
import { findSourceMentions } from './id-sources';
import { perContext } from './memo';
import type { CheckContext, Rule } from './rule';
import { subjectTexts, type ModelText } from './text-values';
import { propertyNamesOf } from './util';

/** Wordings no honest tool description needs, with what each does. */
const INSTRUCTIONS: { pattern: RegExp; what: string }[] = [
  { pattern: /\b(?:ignore|disregard|forget|override)\s+(?:all\s+|any\s+)?(?:the\s+)?(?:previous|prior|above|earlier|other|system|user'?s?)\s+(?:instructions|prompts?|rules|directions|messages)\b/i, what: 'tells the model to drop its other instructions' },
  { pattern: /\b(?:do\s+not|don't|never)\s+(?:tell|inform|mention|reveal|show|notify|disclose)\b[^.\n]{0,40}\buser\b|\bwithout\s+(?:telling|informing|notifying|asking)\s+the\s+user\b|\b(?:hide|keep)\s+(?:this|it)\s+(?:secret\s+)?from\s+the\s+user\b/i, what: 'tells the model to keep something from the user' },
  { pattern: /<\/?(?:important|system|instructions?|secret|hidden)>/i, what: 'holds a hidden-instruction block' },
  { pattern: /\b(?:read|cat|open|include|attach|send|pass|upload)\b[^.\n]{0,60}(?:~\/\.ssh|id_rsa|id_ed25519|\.env\b|\.aws\/credentials|\.npmrc|mcp\.json|\.cursor\/|\.netrc)/i, what: 'tells the model to read or send keys or configuration files' },
];

/** "always call X first", "must use X before", "before using any other tool, call X". */
const ORDERING = /\b(?:always|must|should)\s+(?:first\s+)?(?:call|use|invoke|run)\s+(?:the\s+)?`?([A-Za-z][\w.-]*)`?(?:\s+tool)?\s+(?:first|before)\b|\bbefore\s+(?:using|calling)\s+any\s+other\s+tool\b[^.\n]*?\b(?:call|use|invoke|run)\s+(?:the\s+)?`?([A-Za-z][\w.-]*)`?/gi;

/** The tools each tool takes something from: the sources its arguments name, and the tools outputting a field of
 * an argument's name. Calling one of them first is the workflow, not an injection. */
const feedersOf = perContext((ctx: CheckContext) => {
  const out = new Map<string, Set<string>>();
  const isTool = (n: string) => ctx.toolsByName.has(n);
  for (const tool of ctx.tools) {
    const feeders = new Set<string>();
    const props = (tool.inputSchema?.value as { properties?: Record<string, { description?: unknown }> } | undefined)?.properties ?? {};
    for (const [name, schema] of Object.entries(props)) {
      if (typeof schema?.description === 'string') for (const m of findSourceMentions(schema.description, isTool)) feeders.add(m.name);
      for (const other of ctx.tools) if (other !== tool && other.outputSchema && propertyNamesOf(other.outputSchema).has(name)) feeders.add(other.name);
    }
    out.set(tool.name, feeders);
  }
  return out;
});

/** True when `first` is part of `tool`'s workflow: the tool itself, a tool it takes something from, or one whose
 * description sends the model on to it. */
function inWorkflow(ctx: CheckContext, tool: ToolDef, first: string): boolean {
  if (first === tool.name) return true;
  // A plain word ("always use this first") names no tool; a tool-like name no tool of this server has may be another
  // server's, which is what a poisoned description steers to.
  if (!ctx.toolsByName.has(first)) return !/[_.-]|[a-z][A-Z]/.test(first);
  if (feedersOf(ctx).get(tool.name)?.has(first)) return true;
  return (ctx.toolsByName.get(first) ?? []).some((t) => t.mentions?.some((m) => m.name === tool.name));
}

/** The last tool of each name (a description's owner is looked up by its name). */
const lastToolByName = perContext((ctx: CheckContext) => new Map(ctx.tools.map((t) => [t.name, t])));

function reportAt(text: ModelText, index: number, length: number, message: string, report: Parameters<Rule['check']>[1]): void {
  report({ file: text.file, span: text.spanOf(index, index + length) ?? text.whole, message });
}

export const securityInjectedInstruction: Rule = {
  id: 'security/injected-instruction',
  severity: 'warning',
  // Of other files it reads tools by the names a description holds: the owner's name, and the tool it says to call
  // first (does it exist, what it outputs, whom it mentions; check-facts.ts records them).
  scope: 'names',
  description: 'Text in a tool description or a server\'s instructions that addresses the model as its operator (ignore instructions, hide from the user, read keys; in a description also: call another tool first for no reason): tool poisoning.',
  check(ctx, report) {
    const byName = lastToolByName(ctx);
    for (const text of subjectTexts(ctx)) {
      const said = `${text.what.charAt(0).toUpperCase()}${text.what.slice(1)}`;
      // A server's instructions address the model by design ("call list_projects first" is their job), so only what
      // no server should ask of it is reported there; a text of no tool is not judged.
      const owner = text.instructions ? undefined : (text.toolDescription?.tool ?? /^a schema description of tool `([^`]+)`/.exec(text.what)?.[1]);
      if (!text.instructions && !owner) continue;
      const why = text.instructions
        ? "the client puts them in the model's context, where they weigh like the user's words. Say how to use the server's tools, nothing about the model's other instructions, the user or files."
        : "the model obeys a tool's description as if the user had said it. Describe what the tool does and returns, nothing addressed to the model about other tools, the user or files.";
      for (const { pattern, what } of INSTRUCTIONS) {
        const match = pattern.exec(text.value);
        if (match) reportAt(text, match.index, match[0].length, `${said} ${what} ("${match[0]}"): ${why}`, report);
      }
      if (!owner) continue;
      const tool = byName.get(owner);
      for (const match of tool ? text.value.matchAll(ORDERING) : []) {
        const first = match[1] ?? match[2] ?? '';
        if (inWorkflow(ctx, tool!, first)) continue;
        reportAt(text, match.index ?? 0, match[0].length, `${said} tells the model to call \`${first}\` first, though \`${owner}\` takes nothing from it (no argument comes from its output): a description that steers every session to another tool is how tool poisoning works. If \`${owner}\` needs it, say which argument comes from \`${first}\` output; otherwise remove the sentence.`, report);
      }
    }
  },
};
