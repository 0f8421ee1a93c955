// Restricted Mode: why nothing configured by the workspace starts, and the offer to manage trust. Kept apart
// from the controller so the heavy half (lazy/heavy.ts) can use it without bundling the controller.
import * as vscode from 'vscode';

export const RESTRICTED_REASON = 'Restricted Mode: servers configured by this workspace are not started or connected to until you trust it';

/** Says why nothing configured by the workspace starts in Restricted Mode, with the way out. */
export async function offerTrust(): Promise<void> {
  const choice = await vscode.window.showWarningMessage(RESTRICTED_REASON, 'Manage Workspace Trust');
  if (choice) await vscode.commands.executeCommand('workbench.trust.manage');
}
