// Hover, go-to-definition and completion over the core's lookup: thin translations into LSP shapes.
import { CompletionItemKind, type CompletionItem, type Hover, type Location, type Position } from 'vscode-languageserver/node';
import { describeTool, findAt } from '../core/lookup';
import { promptMessages } from '../core/rules/util';
import type { Session } from './session';
import { fileToUri } from './convert';

export function hover(session: Session, file: string, p: Position): Hover | null {
  const model = session.index.get(file);
  const found = model ? findAt(model, p, session.tools()) : undefined;
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
      const users = session.index.prompts().filter((pr) => promptMessages(pr).some((m) => m.template.mentions.some((x) => x.name === found.tool.name)) || pr.steps?.some((s) => s.tool === found.tool.name));
      return { range: found.span.range, contents: { kind: 'markdown', value: `${describeTool(found.tool)}${users.length ? `\n\nNamed by prompts: ${users.map((u) => `\`${u.name}\``).join(', ')}` : ''}` } };
    }
    default:
      return null;
  }
}

export function definition(session: Session, file: string, p: Position): Location[] {
  const model = session.index.get(file);
  const found = model ? findAt(model, p, session.tools()) : undefined;
  if (found?.kind === 'mention' || found?.kind === 'step-tool') return found.tools.map((t) => ({ uri: fileToUri(t.file), range: t.nameSpan.range }));
  if (found?.kind === 'variable' && found.argument) return [{ uri: fileToUri(found.prompt.file), range: found.argument.nameSpan.range }];
  return [];
}

/** Inside prompt text: after `{{` (or `{` in guidance) the prompt's arguments; after a backtick, the tools. */
export function complete(session: Session, file: string, p: Position, lineText: string): CompletionItem[] {
  const model = session.index.get(file);
  const found = model ? findAt(model, p, session.tools()) : undefined;
  if (!found || !('prompt' in found)) return [];
  const left = lineText.slice(0, p.character);
  if (/\{\{[#/]?\s*[\w.]*$/.test(left) || (/(?<!\{)\{\w*$/.test(left) && found.kind === 'message' && found.message.template.syntax === 'guidance')) {
    return found.prompt.arguments.map((a) => ({ label: a.name, kind: CompletionItemKind.Variable, detail: `argument of ${found.prompt.name}${a.required ? ' (required)' : ''}`, documentation: a.description?.value ?? '' }));
  }
  if (/`[\w.-]*$/.test(left) || /\b(?:[Uu]se|[Cc]all)\s+[\w.-]*$/.test(left)) {
    return session.tools().map((t) => ({ label: t.name, kind: CompletionItemKind.Function, detail: t.title ?? 'tool', documentation: { kind: 'markdown', value: describeTool(t) } }));
  }
  return [];
}
