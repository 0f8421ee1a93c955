// The `list` report: every prompt and tool with 1-based positions, arguments, schemas, template variables and
// the tools its text mentions, and every resource with its URI (a template's parameters), as plain JSON (no offset
// maps).
import { callablePrompts, callableTools } from '../check';
import { promptMessages } from '../rules/util';
import type { FileModel, MessageDef, SourceSpan, TextValue } from '../model';

export interface At {
  line: number;
  column: number;
}

export const at = (span: SourceSpan): At => ({ line: span.range.start.line + 1, column: span.range.start.character + 1 });
const text = (t: TextValue | undefined) => t?.value;

function messagesReport(messages: MessageDef[], relative: (file: string) => string) {
  // A position in a text written in another module (an imported const) names that file.
  const where = (m: MessageDef, span: SourceSpan) => ({ ...(m.text.file ? { file: relative(m.text.file) } : {}), ...at(span) });
  return {
    variables: messages.flatMap((m) => m.template.variables.map((v) => ({ name: v.name, path: v.path, ...where(m, v.span) }))),
    mentions: messages.flatMap((m) => m.template.mentions.map((x) => ({ name: x.name, form: x.form, ...where(m, x.span) }))),
    templateErrors: messages.flatMap((m) => m.template.errors.map((e) => ({ message: e.message, ...where(m, e.span) }))),
    messages: messages.map((m) => ({ role: m.role, syntax: m.template.syntax, text: m.text.value })),
  };
}

/** Builds the list report for the given file models; `relative` shortens file names for display. */
export function buildListReport(models: FileModel[], skipped: Map<string, string>, relative: (file: string) => string, projectOf?: (file: string) => string) {
  // A `.tool("name", handler)` (`.prompt(…)`) registration is listed only when no declaration of that name says more.
  const callable = new Set(callableTools(models, projectOf));
  const gettable = new Set(callablePrompts(models, projectOf));
  return {
    prompts: models.flatMap((m) =>
      m.prompts.filter((p) => gettable.has(p)).map((p) => ({
        name: p.name,
        file: relative(m.file),
        ...at(p.nameSpan),
        style: p.style,
        description: text(p.description),
        arguments: p.arguments.map((a) => ({ name: a.name, required: a.required, description: text(a.description), ...(a.file ? { file: relative(a.file) } : {}), ...at(a.nameSpan) })),
        ...messagesReport(promptMessages(p), relative),
        ...(p.steps
          ? {
              steps: p.steps.map((s) => ({
                name: s.name, tool: s.tool, ...at(s.nameSpan), binding: s.binding?.name,
                args: s.args.map((a) => ({ name: a.name, source: a.source.kind, ...('name' in a.source ? { from: a.source.name } : {}), ...('binding' in a.source ? { from: a.source.binding } : {}), ...('path' in a.source ? { path: a.source.path } : {}) })),
              })),
            }
          : {}),
      })),
    ),
    tools: models.flatMap((m) =>
      m.tools.filter((t) => callable.has(t)).map((t) => ({
        name: t.name,
        file: relative(m.file),
        ...at(t.nameSpan),
        style: t.style,
        title: t.title,
        description: text(t.description),
        inputSchema: t.inputSchema?.value,
        outputSchema: t.outputSchema?.value,
      })),
    ),
    resources: models.flatMap((m) =>
      (m.resources ?? []).map((r) => ({
        name: r.name,
        file: relative(m.file),
        ...at(r.nameSpan),
        style: r.style,
        title: r.title,
        uri: r.uri?.value,
        ...(r.uriPartial ? { uriPartial: true } : {}),
        template: r.template === true,
        ...(r.uriParameters ? { uriParameters: r.uriParameters.map((u) => ({ name: u.name, ...(u.operator ? { operator: u.operator } : {}), ...(r.uri?.file ? { file: relative(r.uri.file) } : {}), ...at(u.span) })) } : {}),
        description: text(r.description),
        mimeType: text(r.mimeType),
      })),
    ),
    problems: models.flatMap((m) => m.problems.map((p) => ({ file: relative(m.file), ...at(p.span), message: p.message }))),
    skipped: [...skipped].map(([file, reason]) => ({ file: relative(file), reason })),
  };
}

export type ListReport = ReturnType<typeof buildListReport>;
