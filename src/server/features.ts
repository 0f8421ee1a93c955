// Hover, go-to-definition, completion, references and rename over the core's lookup and rename: thin translations
// into LSP shapes.
import { CompletionItemKind, ErrorCodes, ResponseError, type CompletionItem, type Hover, type Location, type Position, type Range, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver/node';
import { findNodeAtOffset, parseTree } from 'jsonc-parser';
import { argumentReferences, describeResource, describeTool, findAt, inRange, type Found } from '../core/lookup';
import { renameTool, toolReferences, type NameReference, type TextOf } from '../core/rename';
import { LineIndex } from '../core/text/line-index';
import { isWorkflowFile } from './workflow-files';
import { promptMessages } from '../core/rules/util';
import type { Session } from './session';
import { fileToUri } from './convert';

export function hover(session: Session, file: string, p: Position, textOf: TextOf): Hover | null {
  if (isWorkflowFile(file)) {
    // A step's `"tool"`: the tool as the workspace's sources declare it.
    const at = workflowToolAt(file, p, textOf);
    if (!at) return null;
    const tool = session.tools().find((t) => t.name === at.name);
    return { range: at.range, contents: { kind: 'markdown', value: tool ? describeTool(tool) : `**${at.name}**: no tool of this name is declared in the workspace's sources.` } };
  }
  const found = foundAt(session, file, p);
  if (!found) return null;
  switch (found.kind) {
    case 'mention':
    case 'step-tool':
      return { range: found.span.range, contents: { kind: 'markdown', value: found.tools[0] ? describeTool(found.tools[0]) : `**${found.name}**: no tool of this name is declared in the workspace.` } };
    case 'variable':
      return {
        range: found.span.range,
        contents: { kind: 'markdown', value: found.argument ? `**${found.name}** (argument of \`${found.prompt.name}\`${found.argument.required ? ', required' : ''})\n\n${found.argument.description?.value ?? ''}` : `**${found.name}**: \`${found.prompt.name}\` declares no argument of this name.` },
      };
    case 'tool': {
      const project = session.modelsOfProject(file);
      const users = project.flatMap((m) => m.prompts).filter((pr) => promptMessages(pr).some((m) => m.template.mentions.some((x) => x.name === found.tool.name)) || pr.steps?.some((s) => s.tool === found.tool.name));
      const instructed = project.some((m) => m.instructions?.some((d) => d.mentions.some((x) => x.name === found.tool.name)));
      return { range: found.span.range, contents: { kind: 'markdown', value: `${describeTool(found.tool)}${users.length ? `\n\nNamed by prompts: ${users.map((u) => `\`${u.name}\``).join(', ')}` : ''}${instructed ? "\n\nNamed in the server's instructions." : ''}` } };
    }
    case 'resource':
      return { range: found.span.range, contents: { kind: 'markdown', value: describeResource(found.resource) } };
    default:
      return null;
  }
}

export function definition(session: Session, file: string, p: Position, textOf: TextOf): Location[] {
  if (isWorkflowFile(file)) {
    const name = workflowToolAt(file, p, textOf)?.name;
    return session.tools().filter((t) => t.name === name).map((t) => ({ uri: fileToUri(t.file), range: t.nameSpan.range }));
  }
  const found = foundAt(session, file, p);
  if (found?.kind === 'mention' || found?.kind === 'step-tool') return found.tools.map((t) => ({ uri: fileToUri(t.file), range: t.nameSpan.range }));
  if (found?.kind === 'variable' && found.argument) return [{ uri: fileToUri(found.argument.file ?? found.prompt.file), range: found.argument.nameSpan.range }];
  return [];
}

/** Inside prompt text: after `{{` (or `{` in guidance) the prompt's arguments; after a backtick, the tools. */
export function complete(session: Session, file: string, p: Position, lineText: string): CompletionItem[] {
  // Space is a trigger character: the text left of the cursor decides first, before any lookup in the index.
  const left = lineText.slice(0, p.character);
  const afterBraces = /\{\{[#/]?\s*[\w.]*$/.test(left);
  const afterBrace = /(?<!\{)\{\w*$/.test(left);
  const afterTool = /`[\w.-]*$/.test(left) || /\b(?:[Uu]se|[Cc]all)\s+[\w.-]*$/.test(left);
  if (!afterBraces && !afterBrace && !afterTool) return [];
  const found = foundAt(session, file, p);
  if (!found || !('prompt' in found) || !found.prompt) return [];
  if (afterBraces || (afterBrace && found.kind === 'message' && found.message.template.syntax === 'guidance')) {
    const prompt = found.prompt;
    return prompt.arguments.map((a) => ({ label: a.name, kind: CompletionItemKind.Variable, detail: `argument of ${prompt.name}${a.required ? ' (required)' : ''}`, documentation: a.description?.value ?? '' }));
  }
  if (afterTool) {
    return session.toolsOfProject(file).map((t) => ({ label: t.name, kind: CompletionItemKind.Function, detail: t.title ?? 'tool', documentation: { kind: 'markdown', value: describeTool(t) } }));
  }
  return [];
}

/** The `"tool"` string value of a workflow file at a position: its name and the range of the name. */
function workflowToolAt(file: string, p: Position, textOf: TextOf): { name: string; range: Range } | undefined {
  const text = textOf(file);
  if (text === undefined) return undefined;
  const lines = new LineIndex(text);
  const tree = parseTree(text);
  const node = tree ? findNodeAtOffset(tree, lines.offsetAt(p)) : undefined;
  const [key, value] = node?.parent?.type === 'property' ? (node.parent.children ?? []) : [];
  if (!node || node !== value || node.type !== 'string' || key?.value !== 'tool') return undefined;
  return { name: String(node.value), range: lines.rangeOf(node.offset + 1, node.offset + node.length - 1) };
}

/** What stands at a position of a source file (none in a workflow file). */
function foundAt(session: Session, file: string, p: Position): Found | undefined {
  const model = isWorkflowFile(file) ? undefined : session.index.get(file);
  return model ? findAt(model, p, session.toolsOfProject(file), session.index.models()) : undefined;
}

/** The tool name at a position: a mention, a workflow step, a declaration, or a workflow file's `"tool"` value. */
function toolNameAt(file: string, p: Position, textOf: TextOf, found: Found | undefined): string | undefined {
  if (isWorkflowFile(file)) return workflowToolAt(file, p, textOf)?.name;
  if (found?.kind === 'mention' || found?.kind === 'step-tool') return found.name;
  if (found?.kind === 'tool') return found.tool.name;
  return undefined;
}

function referencesAt(session: Session, file: string, p: Position, textOf: TextOf, found = foundAt(session, file, p)): { name: string; refs: NameReference[] } | undefined {
  const name = toolNameAt(file, p, textOf, found);
  // A name in a source file means its own project's tool; a workflow file names a server's tools, whichever project.
  const models = isWorkflowFile(file) ? session.index.models() : session.modelsOfProject(file);
  return name ? { name, refs: toolReferences(models, name, textOf, session.workflows.files()) } : undefined;
}

export function references(session: Session, file: string, p: Position, includeDeclaration: boolean, textOf: TextOf): Location[] {
  const at = foundAt(session, file, p);
  // A prompt argument: its declaration and its `{{uses}}` in that prompt's templates.
  if (at?.kind === 'argument' || (at?.kind === 'variable' && at.argument)) {
    const name = at.kind === 'argument' ? at.argument.name : at.name;
    return argumentReferences(at.prompt, name, includeDeclaration).map((r) => ({ uri: fileToUri(r.file), range: r.span.range }));
  }
  const found = referencesAt(session, file, p, textOf, at);
  return (found?.refs ?? [])
    .filter((r) => includeDeclaration || (r.kind !== 'declaration' && r.kind !== 'registration'))
    .map((r) => ({ uri: fileToUri(r.file), range: r.range }));
}

/** The name under the cursor, when it is a tool name that can be renamed; null tells the editor there is none. */
export function prepareRename(session: Session, file: string, p: Position, textOf: TextOf): { range: Range; placeholder: string } | null {
  const found = referencesAt(session, file, p, textOf);
  const here = found?.refs.find((r) => r.file === file && inRange(r.range, p));
  return found && here ? { range: here.range, placeholder: found.name } : null;
}

/** The workspace edit of a tool rename, or an error the editor shows as is. */
export function rename(session: Session, file: string, p: Position, newName: string, textOf: TextOf): WorkspaceEdit | ResponseError {
  const name = toolNameAt(file, p, textOf, foundAt(session, file, p));
  if (!name) return new ResponseError(ErrorCodes.InvalidRequest, 'Only tool names can be renamed here: put the cursor on a tool name in a declaration, in prompt text or in a workflow file.');
  const result = renameTool(isWorkflowFile(file) ? session.index.models() : session.modelsOfProject(file), name, newName, textOf, session.workflows.files());
  if ('error' in result) return new ResponseError(ErrorCodes.InvalidRequest, result.error);
  const changes: Record<string, TextEdit[]> = {};
  for (const e of result.edits) (changes[fileToUri(e.file)] ??= []).push({ range: e.range, newText: e.newText });
  return { changes };
}
