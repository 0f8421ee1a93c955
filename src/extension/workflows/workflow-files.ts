// Every *.workflow.json of the workspace, read with the core loader and watched, for the Workflows view and
// its code lens: each file's id, server, steps and load problems.
import * as vscode from 'vscode';
import type { Diagnostic } from '../../core/diagnostic';
import { currentText } from '../current-text';
import { heavy } from '../lazy';
import type { Workflow } from '../../core/workflow/types';

/** One workflow file as last read. */
export interface WorkflowFile {
  uri: vscode.Uri;
  text: string;
  workflow: Workflow | undefined;
  /** The loader's errors (a file with any cannot run). */
  errors: Diagnostic[];
}

export class WorkflowFiles implements vscode.Disposable {
  private readonly files = new Map<string, WorkflowFile>();
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private readonly disposables: vscode.Disposable[] = [];

  /** The first full read, started by the first view or command that needs the files (not at activation). */
  private loading: Promise<void> | undefined;

  constructor() {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.workflow.json');
    // Before the first read there is nothing to keep up to date: that read sees the file as it is then.
    const whenLoaded = (uri: vscode.Uri): void => {
      if (this.loading) void this.loading.then(() => this.read(uri));
    };
    this.disposables.push(
      watcher,
      watcher.onDidCreate(whenLoaded),
      watcher.onDidChange(whenLoaded),
      watcher.onDidDelete((uri) => {
        this.files.delete(uri.toString());
        this.emitter.fire();
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => {
        if (this.loading) this.loading = this.reload();
      }),
      this.emitter,
    );
  }

  all(): WorkflowFile[] {
    return [...this.files.values()].sort((a, b) => a.uri.fsPath.localeCompare(b.uri.fsPath));
  }

  get(uri: vscode.Uri): WorkflowFile | undefined {
    return this.files.get(uri.toString());
  }

  /** Reads every workflow file once (the loader is in the heavy half, loaded now); later calls wait for that read. */
  ensureLoaded(): Promise<void> {
    return (this.loading ??= this.reload());
  }

  private async reload(): Promise<void> {
    this.files.clear();
    const uris = await vscode.workspace.findFiles('**/*.workflow.json', '**/node_modules/**', 2000);
    await Promise.all(uris.map((uri) => this.read(uri, false)));
    this.emitter.fire();
  }

  /** Reads one file (the open buffer's text when it is open). */
  async read(uri: vscode.Uri, fire = true): Promise<WorkflowFile | undefined> {
    let text: string;
    try {
      text = await currentText(uri);
    } catch {
      this.files.delete(uri.toString());
      if (fire) this.emitter.fire();
      return undefined;
    }
    const loaded = heavy().loadWorkflowText(vscode.workspace.asRelativePath(uri), text);
    const file: WorkflowFile = { uri, text, workflow: loaded.workflow, errors: loaded.diagnostics.filter((d) => d.severity === 'error') };
    this.files.set(uri.toString(), file);
    if (fire) this.emitter.fire();
    return file;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
