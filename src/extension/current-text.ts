// What a file says now: the open editor's text when it is open (saved or not), else the file on disk. Every
// reader of workspace files the person may be editing (mcp.json, workflow files) goes through this one.
import * as vscode from 'vscode';

/** The current text of `uri`; throws the file system's error when it is neither open nor readable. */
export async function currentText(uri: vscode.Uri): Promise<string> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}
