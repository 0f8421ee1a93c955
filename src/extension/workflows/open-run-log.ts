// A past run opened from its audit log in the same run view as a live one: the log's lines become the
// runner's events again (run-view-model's eventsFromAuditLog), drawn over the outline of the workflow file
// whose id the log names (or, when that file is gone, over the step ids the run started with).
import { basename } from 'node:path';
import * as vscode from 'vscode';
import type { RunEvent } from '../../core/workflow/events';
import { outlineOf, type StepOutline } from '../../core/workflow/outline';
import { eventsFromAuditLog } from '../../core/workflow/run-view-model';
import { RunPanel } from './run-panel';
import type { WorkflowFiles } from './workflow-files';

export async function openRunLog(extensionUri: vscode.Uri, log: vscode.LogOutputChannel, files: WorkflowFiles, target?: vscode.Uri): Promise<void> {
  const uri = target ?? (await pickLog());
  if (!uri) return;
  let events: RunEvent[];
  try {
    events = eventsFromAuditLog(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)));
  } catch (error) {
    void vscode.window.showErrorMessage(`Cannot read ${vscode.workspace.asRelativePath(uri)}: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  const started = events.find((e): e is Extract<RunEvent, { type: 'run-started' }> => e.type === 'run-started');
  if (!started) {
    void vscode.window.showErrorMessage(`${vscode.workspace.asRelativePath(uri)} is not an audit log of a run (it has no run-started line).`);
    return;
  }
  const file = files.all().find((f) => f.workflow?.id === started.workflowId);
  const steps: StepOutline[] = file?.workflow ? outlineOf(file.workflow) : started.stepIds.map((id) => ({ id, kind: 'tool' }));
  const panel = new RunPanel({
    extensionUri,
    log,
    workflow: { id: started.workflowId, file: file ? vscode.workspace.asRelativePath(file.uri) : `(not in the workspace) ${basename(uri.fsPath)}`, server: started.server, steps },
    runId: started.runId,
    live: false,
    auditFile: uri.fsPath,
    ...(file ? { onRerun: () => void vscode.commands.executeCommand('mcpWorkflow.runWorkflow', file.uri) } : {}),
  });
  for (const event of events) panel.post(event);
}

async function pickLog(): Promise<vscode.Uri | undefined> {
  const logs = await vscode.workspace.findFiles('**/.mcp-workflow/runs/*.audit.jsonl', '**/node_modules/**', 500);
  if (logs.length === 0) {
    void vscode.window.showInformationMessage('No run has been recorded in this workspace yet (.mcp-workflow/runs/*.audit.jsonl).');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    logs.sort((a, b) => b.fsPath.localeCompare(a.fsPath)).map((u) => ({ label: basename(u.fsPath, '.audit.jsonl'), description: vscode.workspace.asRelativePath(u), uri: u })),
    { title: 'Open a run from its audit log', placeHolder: 'Run id (newest first)' },
  );
  return picked?.uri;
}
