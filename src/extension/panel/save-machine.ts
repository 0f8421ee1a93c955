// Save as Workflow from a call panel's state-machine section: the core builds the workflow from the session,
// a save dialog (beside the server's .vscode folder) says where, and the file is offered to open or run.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { formatWorkflowFile, withWorkflowSuffix, workflowFromMachineSession, type MachineVisit } from '../../core/workflow/workflow-from-session';
import type { HubServer } from '../../core/mcp/server-hub';
import type { HostMessage } from '../../shared/panel-protocol';

/** What the webview asked to save: the session's base arguments and the states it went through. */
export interface MachineSaveRequest {
  baseArgs: Record<string, unknown>;
  visits: MachineVisit[];
  completed: boolean;
}

export type MachineSaveOutcome = Omit<Extract<HostMessage, { type: 'machineSaved' }>, 'type' | 'requestId'>;

/** Asks where, writes the workflow file, and says what the person should know about it. */
export async function saveMachineWorkflow(server: HubServer | undefined, tool: string, request: MachineSaveRequest): Promise<MachineSaveOutcome> {
  if (!server) return { outcome: 'failed', message: 'the server is no longer in any .vscode/mcp.json' };
  const { workflow, warnings } = workflowFromMachineSession({ server: server.name, tool, ...request });
  // A workflow names its server by its key in the mcp.json of its own folder: the file goes beside that .vscode.
  const folder = path.dirname(path.dirname(server.configFile));
  const chosen = await vscode.window.showSaveDialog({
    defaultUri: vscode.Uri.file(path.join(folder, `${workflow.id}.workflow.json`)),
    filters: { 'Workflow files': ['json'] },
    saveLabel: 'Save Workflow',
    title: `Save the ${tool} session as a workflow file`,
  });
  if (!chosen) return { outcome: 'cancelled' };
  const target = chosen.with({ path: withWorkflowSuffix(chosen.path) });
  try {
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(formatWorkflowFile(workflow)));
  } catch (error) {
    return { outcome: 'failed', message: `${target.fsPath} could not be written: ${error instanceof Error ? error.message : String(error)}` };
  }
  void offerFile(target, warnings);
  return { outcome: 'saved', file: vscode.workspace.asRelativePath(target, false), ...(warnings.length ? { message: warnings.join('; ').slice(0, 4096) } : {}) };
}


async function offerFile(target: vscode.Uri, warnings: string[]): Promise<void> {
  const name = path.basename(target.fsPath);
  const text = warnings.length ? `Saved ${name}, but ${warnings.join('; ')}.` : `Saved ${name}: its stateMachine step replays this session's inputs.`;
  const show = warnings.length ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  const picked = await show(text, 'Open', 'Run Workflow');
  if (picked === 'Open') await vscode.window.showTextDocument(target);
  if (picked === 'Run Workflow') await vscode.commands.executeCommand('mcpWorkflow.runWorkflow', target);
}
