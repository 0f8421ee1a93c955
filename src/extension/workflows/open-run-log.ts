// A past run opened from its audit log in the same run view as a live one: the log's lines become the
// runner's events again (run-view-model's eventsFromAuditLog), drawn over the outline of the workflow file
// whose id the log names (or, when that file is gone, over the step ids the run started with).
import { basename } from 'node:path';
import * as vscode from 'vscode';
import type { RunEvent } from '../../core/workflow/events';
import type { StepOutline } from '../../core/workflow/outline';
import { eventsFromAuditLog } from '../../core/workflow/run-view-model';
import { RunPanel } from './run-panel';
import { openRunPanel, type RunContext } from './run-workflow';
import type { WorkflowFiles } from './workflow-files';

/** Opens the run whose audit log is `target` (else one picked); a run of a workspace file can be re-run, resumed and rolled back. */
export async function openRunLog(ctx: RunContext, files: WorkflowFiles, target?: vscode.Uri): Promise<void> {
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
  const panel = file?.workflow
    ? openRunPanel(ctx, { uri: file.uri, path: vscode.workspace.asRelativePath(file.uri), workflow: file.workflow }, started.server, started.runId, uri.fsPath, false)
    : new RunPanel({
        extensionUri: ctx.extensionUri,
        log: ctx.log,
        // The file is gone: the run is drawn over the step ids it started with, and cannot go on.
        workflow: { id: started.workflowId, file: `(not in the workspace) ${basename(uri.fsPath)}`, server: started.server, steps: started.stepIds.map((id): StepOutline => ({ id, kind: 'tool' })) },
        runId: started.runId,
        live: false,
        auditFile: uri.fsPath,
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
