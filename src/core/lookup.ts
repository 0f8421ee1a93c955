// What stands at a position of a file: a tool mention (in prompt text, a description or a server's instructions), a
// template variable, a step's tool, or a declaration name. The language server's hover, definition and completion ask this; it knows nothing of LSP.
import type { Position, Range } from './diagnostic';
import type { ArgumentDef, FileModel, MessageDef, PromptDef, ResourceDef, SourceSpan, ToolDef, ToolMention } from './model';
import { promptMessages } from './rules/util';

export type Found =
  | { kind: 'mention'; prompt?: PromptDef; name: string; span: SourceSpan; tools: ToolDef[] }
  | { kind: 'variable'; prompt: PromptDef; name: string; span: SourceSpan; argument?: ArgumentDef }
  | { kind: 'argument'; prompt: PromptDef; argument: ArgumentDef; span: SourceSpan }
  | { kind: 'step-tool'; prompt: PromptDef; name: string; span: SourceSpan; tools: ToolDef[] }
  | { kind: 'tool'; tool: ToolDef; span: SourceSpan }
  | { kind: 'prompt'; prompt: PromptDef; span: SourceSpan }
  | { kind: 'message'; prompt: PromptDef; message: MessageDef }
  | { kind: 'resource'; resource: ResourceDef; span: SourceSpan };

const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);
/** True when a position lies in a range (both ends included, as a cursor right after a name is on it). */
export const inRange = (range: Range, p: Position) => before(range.start, p) && before(p, range.end);
const contains = (span: SourceSpan, p: Position) => inRange(span.range, p);

/** The most specific thing at a position. `tools` is every callable tool of the workspace; `workspace` holds the
 * declarations of other files, whose texts, arguments and descriptions may be written in this one (imported). */
export function findAt(model: FileModel, p: Position, tools: ToolDef[], workspace: FileModel[] = []): Found | undefined {
  const byName = (name: string) => tools.filter((t) => t.name === name);
  const mentioned = (m: ToolMention) => (m.form === 'title' ? tools.filter((t) => t.title === m.name) : byName(m.name));
  const here = foundInImported(model.file, p, workspace, mentioned);
  if (here) return here;
  for (const prompt of model.prompts) {
    for (const message of promptMessages(prompt)) {
      // A text written in another module has its spans there, not in this file.
      if (message.text.file || !contains(message.text.span, p)) continue;
      return inMessage(prompt, message, p, mentioned);
    }
    for (const argument of prompt.arguments) if (!argument.file && contains(argument.nameSpan, p)) return { kind: 'argument', prompt, argument, span: argument.nameSpan };
    for (const step of prompt.steps ?? []) if (contains(step.toolSpan, p)) return { kind: 'step-tool', prompt, name: step.tool, span: step.toolSpan, tools: byName(step.tool) };
    if (contains(prompt.nameSpan, p)) return { kind: 'prompt', prompt, span: prompt.nameSpan };
  }
  for (const tool of model.tools) {
    if (contains(tool.nameSpan, p)) return { kind: 'tool', tool, span: tool.nameSpan };
    // "call X first" in a tool's description names X.
    for (const m of tool.description?.file ? [] : (tool.mentions ?? [])) if (contains(m.span, p)) return { kind: 'mention', name: m.name, span: m.span, tools: mentioned(m) };
  }
  // "Always call list_projects first" in a server's instructions.
  for (const def of model.instructions ?? []) {
    for (const m of def.text.file ? [] : def.mentions) if (contains(m.span, p)) return { kind: 'mention', name: m.name, span: m.span, tools: mentioned(m) };
  }
  return resourceAt(model, p);
}

/** A resource whose name or URI (written in this file) stands at a position. */
function resourceAt(model: FileModel, p: Position): Found | undefined {
  for (const resource of model.resources ?? []) {
    if (contains(resource.nameSpan, p)) return { kind: 'resource', resource, span: resource.nameSpan };
    if (resource.uri && !resource.uri.file && contains(resource.uri.span, p)) return { kind: 'resource', resource, span: resource.uri.span };
  }
  return undefined;
}

/** A short Markdown description of a resource: its URI (or template with its parameters), MIME type, description. */
export function describeResource(resource: ResourceDef): string {
  const kind = resource.template ? 'resource template' : 'resource';
  const uri = resource.uri ? `\`${resource.uri.value}\`${resource.uriPartial ? ' (partly computed at run time)' : ''}` : '_computed at run time_';
  const params = resource.uriParameters?.map((u) => `\`${u.name}\``) ?? [];
  return [
    `**${resource.name}** (${kind}${resource.title ? `: ${resource.title}` : ''})`,
    '',
    `URI${resource.template ? ' template' : ''}: ${uri}`,
    ...(params.length ? [`Parameters: ${params.join(', ')}`] : []),
    ...(resource.mimeType ? [`MIME type: \`${resource.mimeType.value}\``] : []),
    '',
    resource.description?.value ?? '_No description._',
  ].join('\n');
}

/** What stands at a position inside one of a prompt's messages: a tool mention, a template variable, or the text. */
function inMessage(prompt: PromptDef, message: ReturnType<typeof promptMessages>[number], p: Position, mentioned: (m: ToolMention) => ToolDef[]): Found {
  for (const m of message.template.mentions) if (contains(m.span, p)) return { kind: 'mention', prompt, name: m.name, span: m.span, tools: mentioned(m) };
  for (const v of message.template.variables) {
    if (!contains(v.span, p)) continue;
    const argument = prompt.arguments.find((a) => a.name === v.name);
    return { kind: 'variable', prompt, name: v.name, span: v.span, ...(argument ? { argument } : {}) };
  }
  return { kind: 'message', prompt, message };
}

/** What stands at a position of a file in the texts, arguments and descriptions other files import from it. */
function foundInImported(file: string, p: Position, workspace: FileModel[], mentioned: (m: ToolMention) => ToolDef[]): Found | undefined {
  for (const other of workspace) {
    if (other.file === file || !other.dependencies?.includes(file)) continue;
    for (const prompt of other.prompts) {
      for (const message of promptMessages(prompt)) {
        if (message.text.file !== file || !contains(message.text.span, p)) continue;
        return inMessage(prompt, message, p, mentioned);
      }
      for (const argument of prompt.arguments) if (argument.file === file && contains(argument.nameSpan, p)) return { kind: 'argument', prompt, argument, span: argument.nameSpan };
    }
    for (const tool of other.tools) {
      if (tool.description?.file !== file) continue;
      for (const m of tool.mentions ?? []) if (contains(m.span, p)) return { kind: 'mention', name: m.name, span: m.span, tools: mentioned(m) };
    }
    for (const def of other.instructions ?? []) {
      if (def.text.file !== file) continue;
      for (const m of def.mentions) if (contains(m.span, p)) return { kind: 'mention', name: m.name, span: m.span, tools: mentioned(m) };
    }
  }
  return undefined;
}

/** A prompt argument's declaration (when declared and asked for) and every use of it in the prompt's templates, each
 * in the file it is written in (an arguments schema or a text may be imported from another module). */
export function argumentReferences(prompt: PromptDef, name: string, includeDeclaration = true): { file: string; span: SourceSpan }[] {
  const declared = includeDeclaration ? prompt.arguments.find((a) => a.name === name) : undefined;
  const uses = promptMessages(prompt).flatMap((m) => m.template.variables.filter((v) => v.name === name).map((v) => ({ file: m.text.file ?? prompt.file, span: v.span })));
  return [...(declared ? [{ file: declared.file ?? prompt.file, span: declared.nameSpan }] : []), ...uses];
}

/** A short Markdown description of a tool: description, inputs, outputs. */
export function describeTool(tool: ToolDef): string {
  const props = (schema: unknown) => {
    const s = schema as { properties?: Record<string, { type?: string; description?: string }>; required?: string[] } | undefined;
    return Object.entries(s?.properties ?? {}).map(([k, v]) => `- \`${k}\`${v.type ? `: ${v.type}` : ''}${s?.required?.includes(k) ? ' (required)' : ''}${v.description ? ` — ${v.description}` : ''}`);
  };
  const input = props(tool.inputSchema?.value);
  const output = props(tool.outputSchema?.value);
  return [
    `**${tool.name}** (tool${tool.title ? `: ${tool.title}` : ''})`,
    '',
    tool.description?.value ?? '_No description: the AI has only the name to go on._',
    ...(input.length ? ['', 'Input:', ...input] : []),
    ...(output.length ? ['', 'Output:', ...output] : []),
  ].join('\n');
}
