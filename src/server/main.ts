// The language server: LSP over the core. It reads the workspace, re-checks on every change and answers
// code actions, hover, definition and completion. No logic of its own beyond wiring.
import { createConnection, DidChangeConfigurationNotification, FileChangeType, ProposedFeatures, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { languageOf } from '../core/extract';
import type { Diagnostic } from '../core/diagnostic';
import { buildListReport } from '../core/report/list';
import { DeclarationsRequest, IndexStatusNotification, ListWorkspaceRequest } from '../shared/protocol';
import { fileToUri, toCodeActions, toLspDiagnostic, uriToFile } from './convert';
import { complete, definition, hover, prepareRename, references, rename } from './features';
import { DRAFT_COMMAND, draftActions, draftLenses, runDraftCommand } from './draft';
import { itemStart } from './item-start';
import { Session } from './session';
import { createStdioConnection } from './stdio-connection';
import { ServerSettingsReader, type WorkspaceSettings } from './settings';
import { foldingRanges, sourceSymbols, workflowSymbols, workspaceSymbols } from './symbols';
import { isWorkflowFile } from './workflow-files';
import { isProjectFile } from '../core/project';

// Over stdio, each message is written whole (stdio-connection.ts); Node IPC (VS Code's client) and sockets as the library does.
const connection = process.argv.includes('--stdio') ? createStdioConnection() : createConnection(ProposedFeatures.all);
// Each change reaches the session's syntax trees before the document's text changes, for an incremental parse.
const documents = new TextDocuments({
  create: (uri: string, languageId: string, version: number, text: string) => {
    session.openDocument(uriToFile(uri));
    return TextDocument.create(uri, languageId, version, text);
  },
  update: (document: TextDocument, changes: TextDocumentContentChangeEvent[], version: number) => {
    session.applyChanges(uriToFile(document.uri), changes);
    return TextDocument.update(document, changes, version);
  },
});
/** The counts of the last status, sent again with the index time once the folders are read. */
let lastStatus: IndexStatusNotification.Params | undefined;
const publisher = {
  publish: (file: string, diagnostics: Diagnostic[]) => void connection.sendDiagnostics({ uri: fileToUri(file), diagnostics: diagnostics.map(toLspDiagnostic) }),
  status: (counts: IndexStatusNotification.Params) => {
    lastStatus = counts;
    void connection.sendNotification(IndexStatusNotification.method, counts);
  },
};
// Created when the client's settings arrive with `initialize`.
let session = new Session(publisher);
let folders: string[] = [];
/** Whether the client shows server-made work-done progress (window/workDoneProgress/create). */
let workDoneProgress = false;
const settingsReader = new ServerSettingsReader(connection);
/** Whether the client answers workspace/configuration (then settings are pulled per folder), and lets the server
 * register for didChangeConfiguration. */
let pullSettings = false;
let registerForChanges = false;

connection.onInitialize((params) => {
  session = new Session(publisher, undefined, { window: settingsReader.read(params.initializationOptions), folders: new Map() });
  folders = (params.workspaceFolders ?? []).map((f) => uriToFile(f.uri));
  workDoneProgress = params.capabilities.window?.workDoneProgress === true;
  pullSettings = params.capabilities.workspace?.configuration === true;
  registerForChanges = params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
  if (!folders.length && params.rootUri) folders = [uriToFile(params.rootUri)];
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      codeActionProvider: { codeActionKinds: ['quickfix', 'refactor'] },
      codeLensProvider: { resolveProvider: false },
      executeCommandProvider: { commands: [DRAFT_COMMAND] },
      hoverProvider: true,
      definitionProvider: true,
      completionProvider: { triggerCharacters: ['{', '`', ' '] },
      referencesProvider: true,
      renameProvider: { prepareProvider: true },
      documentSymbolProvider: true,
      workspaceSymbolProvider: true,
      foldingRangeProvider: true,
    },
  };
});

// Work started by a notification has no response to carry its failure: it is logged, since a rejection no one
// handles would end the server's process.
const logFailure = (what: string) => (error: unknown) => connection.console.error(`mcp-workflow: ${what} failed: ${String(error)}`);

connection.onInitialized(() => {
  // A client may refuse (its dynamic registration turned off): settings changes then reach the server only if it
  // sends them unasked.
  if (registerForChanges) void connection.client.register(DidChangeConfigurationNotification.type, { section: ['mcpWorkflow', 'files.exclude'] }).catch(logFailure('registering for settings changes'));
  void (async () => {
    // Pulled settings are the folders' own; the initializationOptions stay the fallback when the pull fails.
    const pulled = pullSettings ? await pullAll() : undefined;
    if (pulled) session.configure(pulled);
    await indexWithProgress();
  })().catch(logFailure('reading the workspace'));
});

async function pullAll(): Promise<WorkspaceSettings | undefined> {
  try {
    return await settingsReader.pull(folders);
  } catch (error) {
    connection.console.warn(`mcp-workflow: workspace/configuration failed (${String(error)}); using the settings sent with initialize`);
    return undefined;
  }
}

/** Reads the folders with work-done progress (files read of files found), when the client shows it. */
async function indexWithProgress(): Promise<void> {
  const progress = workDoneProgress ? await connection.window.createWorkDoneProgress() : undefined;
  progress?.begin('MCP Workflow: indexing', 0, 'listing files', false);
  let last = -1;
  const started = Date.now();
  try {
    await session.loadFolders(folders, (read, total) => {
      const percent = total ? Math.floor((read / total) * 100) : 100;
      if (percent === last) return;
      last = percent;
      progress?.report(percent, `${read}/${total} files`);
    });
  } finally {
    progress?.done();
  }
  // The check at the end of the reading sent its counts; they go again with the time it all took.
  const indexedInMs = Date.now() - started;
  connection.console.info(`mcp-workflow: workspace indexed in ${indexedInMs} ms`);
  if (lastStatus) publisher.status({ ...lastStatus, indexedInMs });
}

// A change of the settings: pulled again (per folder) when the client answers workspace/configuration, else read
// from the notification (vscode-languageclient's synchronize.configurationSection sends the sections).
connection.onDidChangeConfiguration((p) => {
  void (async () => {
    const next = (pullSettings && (await pullAll())) || settingsReader.pushed(p.settings);
    await session.applySettings(next);
  })().catch(logFailure('applying the settings'));
});

documents.onDidChangeContent((e) => void session.updateDocument(uriToFile(e.document.uri), e.document.getText()).catch(logFailure(`reading ${e.document.uri}`)));
// A closed document may have had unsaved text: what counts again is the file on disk.
documents.onDidClose((e) => void session.refreshFile(uriToFile(e.document.uri), false).catch(logFailure(`reading ${e.document.uri}`)));
connection.onDidChangeWatchedFiles((e) => {
  // Manifests and lock files (the client watches them too) decide projects and revisions: read again once per batch.
  if (e.changes.some((change) => isProjectFile(uriToFile(change.uri)))) void session.projectFileChanged().catch(logFailure('reading the projects again'));
  for (const change of e.changes) {
    const file = uriToFile(change.uri);
    // Anything else is a folder that came or went, or a file of no interest (the client's folder watcher sees all).
    if (!languageOf(file) && !isWorkflowFile(file) && !isProjectFile(file)) void folderEvent(file, change.type).catch(logFailure(`reading ${change.uri}`));
    else if (!documents.get(change.uri)) void session.refreshFile(file, change.type === FileChangeType.Deleted).catch(logFailure(`reading ${change.uri}`));
  }
});

/** A folder deleted (its files' models go) or created (its files are read); a path that is not a folder is passed by. */
async function folderEvent(path: string, type: number): Promise<void> {
  if (type === FileChangeType.Deleted) return session.folderChanged(path, true);
  if (type === FileChangeType.Created && (await stat(path).catch(() => undefined))?.isDirectory()) return session.folderChanged(path, false);
}

connection.onCodeAction((params) => {
  const file = uriToFile(params.textDocument.uri);
  const known = session.diagnosticsOf(file);
  // The client sends back the diagnostics it shows; the current ones with the same rule, range and message carry
  // the fixes (a re-check may have replaced the list since it was published).
  const same = (a: Diagnostic['range'], b: Diagnostic['range']) => a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
  const fixes = params.context.diagnostics.flatMap((lsp) => {
    const d = known.find((k) => k.ruleId === lsp.code && k.message === lsp.message && same(k.range, lsp.range));
    return d ? toCodeActions(d, lsp) : [];
  });
  const wantsRefactor = !params.context.only || params.context.only.some((k) => k === 'refactor' || k.startsWith('refactor.'));
  return [...fixes, ...(wantsRefactor ? draftActions(session, file, params.range) : [])];
});

connection.onCodeLens((p) => draftLenses(session, uriToFile(p.textDocument.uri)));
connection.onExecuteCommand((p) => runDraftCommand(connection, session, folders, p));

// Hover, definition, references and rename read each file's current text: the open buffer, else the file on disk.
const textOf = (file: string): string | undefined => documents.get(fileToUri(file))?.getText() ?? session.workflows.text(file) ?? readTextSync(file);
connection.onHover((p) => hover(session, uriToFile(p.textDocument.uri), p.position, textOf));
connection.onDefinition((p) => definition(session, uriToFile(p.textDocument.uri), p.position, textOf));
connection.onCompletion((p) => {
  const file = uriToFile(p.textDocument.uri);
  const doc = documents.get(p.textDocument.uri);
  // Clients complete in open documents; reading the file covers one that is not (yet) open here.
  const line = doc ? doc.getText({ start: { line: p.position.line, character: 0 }, end: p.position }) : (readLineSync(file, p.position.line) ?? '').slice(0, p.position.character);
  return complete(session, file, p.position, line);
});

connection.onReferences((p) => references(session, uriToFile(p.textDocument.uri), p.position, p.context.includeDeclaration, textOf));
connection.onPrepareRename((p) => prepareRename(session, uriToFile(p.textDocument.uri), p.position, textOf));
connection.onRenameRequest((p) => rename(session, uriToFile(p.textDocument.uri), p.position, p.newName, textOf));

connection.onDocumentSymbol((p) => {
  const file = uriToFile(p.textDocument.uri);
  if (isWorkflowFile(file)) return workflowSymbols(textOf(file) ?? '');
  const model = session.index.get(file);
  return model ? sourceSymbols(model) : [];
});
connection.onWorkspaceSymbol((p) => workspaceSymbols(session.index.allModels(), p.query));
connection.onFoldingRanges((p) => {
  const model = session.index.get(uriToFile(p.textDocument.uri));
  return model ? foldingRanges(model) : [];
});

connection.onRequest(ListWorkspaceRequest.method, () => buildListReport(session.index.models(), session.index.skipped, (f) => f));
connection.onRequest(DeclarationsRequest.method, (p: DeclarationsRequest.Params): DeclarationsRequest.Result => {
  const model = session.index.get(uriToFile(p.uri));
  if (!model) return [];
  return [...model.tools, ...model.prompts].map((d) => ({ kind: d.kind, name: d.name, range: { start: itemStart(session, model.file, d.span.range), end: d.span.range.end } }));
});

function readTextSync(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function readLineSync(file: string, line: number): string | undefined {
  return readTextSync(file)?.split(/\r?\n/)[line];
}

documents.listen(connection);
connection.listen();
