// A tool named in prompt text, a tool description or a server's instructions that no tool of its project declares:
// the AI calls a tool that does not exist. Judged per project, so what a project gets never depends on which other
// projects are checked.
import type { ToolMention } from '../model';
import { encodeForLiteral } from '../text/encode';
import { replaceFix, subjectsOf, type CheckContext, type Rule } from './rule';
import { closest, fileOfText, projectTools, promptMessages, propertyNamesOf } from './util';
import { perContext } from './memo';

/** Names that are data, not tools, per project: its arguments and schema properties (once per context). */
const dataNames = perContext((ctx: CheckContext): Map<string, Set<string>> => {
  const byProject = new Map<string, Set<string>>();
  const of = (file: string) => {
    const project = ctx.projectOf(file);
    let names = byProject.get(project);
    if (!names) byProject.set(project, (names = new Set()));
    return names;
  };
  for (const p of ctx.prompts) for (const a of p.arguments) of(p.file).add(a.name);
  for (const t of ctx.tools) {
    for (const doc of [t.inputSchema, t.outputSchema]) if (doc) for (const n of propertyNamesOf(doc)) of(t.file).add(n);
  }
  return byProject;
});

/** The projects with a tool registered under a name computed at run time (once per context). */
const incompleteProjects = perContext((ctx: CheckContext) => new Set(ctx.files.filter((m) => m.unreadToolNames).map((m) => ctx.projectOf(m.file))));

interface Mentioning {
  /** Where the text is written (reported there). */
  file: string;
  /** The file of the prompt or tool it belongs to, whose project and program judge it. */
  owner: string;
  /** Who says it, with its verb: `"weekly-review" tells` / `The description of \`x\` tells` / `The instructions of
   * this server tell` (the AI to use …). */
  who: string;
  opening: string;
  mentions: ToolMention[];
}

/** Every text that names tools: prompt messages, tool descriptions and servers' instructions. */
function mentioningTexts(ctx: CheckContext): Mentioning[] {
  const out: Mentioning[] = [];
  const subjects = subjectsOf(ctx);
  for (const prompt of subjects.prompts) for (const m of promptMessages(prompt)) out.push({ file: fileOfText(m.text, prompt.file), owner: prompt.file, who: `"${prompt.name}" tells`, opening: m.text.opening, mentions: m.template.mentions });
  for (const tool of subjects.tools) if (tool.mentions && tool.description) out.push({ file: fileOfText(tool.description, tool.file), owner: tool.file, who: `The description of \`${tool.name}\` tells`, opening: tool.description.opening, mentions: tool.mentions });
  for (const model of subjects.files) for (const def of model.instructions ?? []) out.push({ file: fileOfText(def.text, def.file), owner: def.file, who: 'The instructions of this server tell', opening: def.text.opening, mentions: def.mentions });
  return out;
}

export const unknownToolMention: Rule = {
  id: 'tools/unknown-tool',
  severity: 'warning',
  scope: 'names',
  description: 'A tool named in prompt text, in a tool description or in a server\'s instructions that no tool in the workspace declares: the AI will try to call a tool that does not exist.',
  check(ctx, report) {
    const dataByProject = dataNames(ctx);
    // A file registering a tool under a name computed at run time has tools no name was read for; a text is judged
    // against its project's tools, so that project's tools are not all known.
    const incomplete = incompleteProjects(ctx);
    for (const { file, owner, who, opening, mentions } of mentioningTexts(ctx)) {
      if (incomplete.has(ctx.projectOf(owner))) continue;
      // A text names the tools of its own project, so what it reports never depends on other projects checked.
      const tools = projectTools(ctx, owner);
      // Listed only for a suggestion: a project may have thousands of tools.
      let names: string[] | undefined;
      const toolNames = () => (names ??= [...tools.keys()]);
      const data = dataByProject.get(ctx.projectOf(owner)) ?? new Set<string>();
      for (const mention of mentions) {
        // A plain word or a title names a tool only if one has that name: never reported.
        if (mention.weak || tools.has(mention.name) || (mention.form !== 'call' && data.has(mention.name))) continue;
        if (mention.templated) {
          checkFamily(mention, toolNames(), (m) => report({ file, span: mention.span, message: m }));
          continue;
        }
        const suggestion = closest(mention.name, toolNames());
        const fixes = suggestion ? [replaceFix(`Change to ${suggestion}`, file, mention.span, encodeForLiteral(opening, suggestion))] : [];
        report({
          file, span: mention.span, fixes,
          message: `${who} the AI to use "${mention.name}", but no tool of that name is declared in this project. ${suggestion ? `Did you mean "${suggestion}"?` : 'Declare the tool, or fix the name.'}`,
        });
      }
    }
  },
};

function checkFamily(mention: ToolMention, toolNames: string[], say: (message: string) => void): void {
  const re = new RegExp(mention.pattern ?? '^$');
  if (toolNames.some((n) => re.test(n))) return;
  say(`No declared tool matches "${mention.name}" for any value: the AI will call tools that do not exist. Declare the tools of this family (names like ${mention.name.replace(/\{\{?\s*([\w.]+)\s*\}?\}/g, '<$1>')}), or fix the name.`);
}
