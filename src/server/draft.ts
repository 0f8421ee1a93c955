// "Draft workflow file": a code lens above each guided prompt (beside its "Get prompt") (its text names two tools or more) and a code
// action on its name, both running a command that drafts the prompt's workflow (core/workflow/draft.ts) into a
// new file through a workspace edit (create, then insert: undoable, never over an existing file).
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, isAbsolute } from 'node:path';
import { CodeActionKind, ErrorCodes, ResponseError, type CodeAction, type CodeLens, type Command, type Connection, type ExecuteCommandParams, type Range, type WorkspaceEdit } from 'vscode-languageserver/node';
import type { Todo } from '../core/workflow/draft';
import type { PromptDef } from '../core/model';
import { isGuidedPrompt } from '../core/workflow/draft';
import { placeDraft, type PlacedDraft } from '../core/workflow/draft-target';
import { fileToUri, uriToFile } from './convert';
import { itemStart } from './item-start';
import type { Session } from './session';

/** The command the lens and the action run; the client forwards it to this server (executeCommandProvider). */
export const DRAFT_COMMAND = 'mcpWorkflow.draftWorkflow';

const TITLE = 'Draft workflow file';

/** A lens above each guided prompt of a source file. */
export function draftLenses(session: Session, file: string): CodeLens[] {
  // On the line of the item's other lenses ("Get prompt"), so they read as one row above it.
  return guidedPrompts(session, file).map((p) => {
    const start = itemStart(session, file, p.span.range);
    return { range: { start, end: start }, command: draftCommand(p) };
  });
}

/** The action on a guided prompt's name (the cursor or selection starts inside it). */
export function draftActions(session: Session, file: string, range: Range): CodeAction[] {
  const at = range.start;
  const inside = (r: Range) => (at.line > r.start.line || (at.line === r.start.line && at.character >= r.start.character)) && (at.line < r.end.line || (at.line === r.end.line && at.character <= r.end.character));
  return guidedPrompts(session, file)
    .filter((p) => inside(p.nameSpan.range))
    .map((p) => ({ title: `${TITLE} for "${p.name}"`, kind: CodeActionKind.Refactor, command: draftCommand(p) }));
}

/** The draft of a prompt, and the edit that creates its file; an error the editor shows when there is no such prompt. */
export function draftEdit(session: Session, uri: string, name: string, folders: readonly string[]): { placed: PlacedDraft; uri: string; edit: WorkspaceEdit } | ResponseError {
  const file = uriToFile(uri);
  const prompt = session.index.get(file)?.prompts.find((p) => p.name === name);
  if (!prompt) return new ResponseError(ErrorCodes.InvalidParams, `No prompt "${name}" in ${file} (any more): save the file and try again.`);
  const folder = folders.find((f) => { const rel = relative(f, file); return !rel.startsWith('..') && !isAbsolute(rel); });
  const placed = placeDraft(prompt, session.toolsOfProject(file), { exists: existsSync, readText }, { kitSchema: join(__dirname, '..', 'schemas', 'workflow.schema.json'), ...(folder ? { stopAt: folder } : {}) });
  const target = fileToUri(placed.file);
  const start = { line: 0, character: 0 };
  const edit: WorkspaceEdit = {
    documentChanges: [
      { kind: 'create', uri: target, options: { overwrite: false, ignoreIfExists: false } },
      { textDocument: { uri: target, version: null }, edits: [{ range: { start, end: start }, newText: placed.draft.text }] },
    ],
  };
  return { placed, uri: target, edit };
}

/** Runs the command: the new file is created and filled by one workspace edit (undoable), then shown. */
export async function runDraftCommand(connection: Connection, session: Session, folders: readonly string[], p: ExecuteCommandParams): Promise<{ uri: string; todos: Todo[] } | ResponseError> {
  if (p.command !== DRAFT_COMMAND) return new ResponseError(ErrorCodes.InvalidRequest, `unknown command ${p.command}`);
  const [uri, name] = p.arguments ?? [];
  if (typeof uri !== 'string' || typeof name !== 'string') return new ResponseError(ErrorCodes.InvalidParams, `${DRAFT_COMMAND} takes a source file's URI and a prompt name`);
  const drafted = draftEdit(session, uri, name, folders);
  if (drafted instanceof ResponseError) return drafted;
  const applied = await connection.workspace.applyEdit({ label: `Draft workflow file for "${name}"`, edit: drafted.edit });
  if (!applied.applied) return new ResponseError(ErrorCodes.InternalError, `The draft of "${name}" was not written: ${applied.failureReason ?? 'the editor refused the edit'}`);
  void connection.window.showDocument({ uri: drafted.uri, takeFocus: true }).catch(() => undefined);
  return { uri: drafted.uri, todos: drafted.placed.draft.todos };
}

function guidedPrompts(session: Session, file: string): PromptDef[] {
  const tools = session.toolsOfProject(file);
  return (session.index.get(file)?.prompts ?? []).filter((p) => isGuidedPrompt(p, tools));
}

function draftCommand(prompt: PromptDef): Command {
  return { title: TITLE, command: DRAFT_COMMAND, arguments: [fileToUri(prompt.file), prompt.name] };
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
