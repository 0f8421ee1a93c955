// The past runs of the workspace, for the Workflows view's history under each workflow: every
// .mcp-workflow/runs/*.audit.jsonl read into a RunRecord (core/workflow/run-history.ts) and watched, so a run
// appears as it starts and its outcome as it ends. A live run writes its log often: re-reads are debounced.
import * as vscode from 'vscode';
import { runRecordOf, type RunRecord } from '../../core/workflow/run-history';

export interface PastRun {
  uri: vscode.Uri;
  record: RunRecord;
}

const GLOB = '**/.mcp-workflow/runs/*.audit.jsonl';
const DEBOUNCE_MS = 250;

export class RunHistory implements vscode.Disposable {
  private readonly runs = new Map<string, PastRun>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Fires with the ids of the workflows whose runs changed, or `undefined` when any may have (a reload). */
  private readonly emitter = new vscode.EventEmitter<readonly string[] | undefined>();
  readonly onDidChange = this.emitter.event;
  private readonly disposables: vscode.Disposable[] = [];

  constructor() {
    const watcher = vscode.workspace.createFileSystemWatcher(GLOB);
    this.disposables.push(
      watcher,
      watcher.onDidCreate((uri) => this.schedule(uri)),
      watcher.onDidChange((uri) => this.schedule(uri)),
      watcher.onDidDelete((uri) => {
        const gone = this.runs.get(uri.toString());
        if (gone && this.runs.delete(uri.toString())) this.emitter.fire([gone.record.workflowId]);
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.reload()),
      this.emitter,
    );
  }

  /** The runs of workflow `id`, newest first. */
  of(workflowId: string): PastRun[] {
    return [...this.runs.values()].filter((r) => r.record.workflowId === workflowId).sort((a, b) => b.record.startedAt.localeCompare(a.record.startedAt) || b.record.runId.localeCompare(a.record.runId));
  }

  async reload(): Promise<void> {
    this.runs.clear();
    const uris = await vscode.workspace.findFiles(GLOB, '**/node_modules/**', 5000);
    await Promise.all(uris.map((uri) => this.read(uri)));
    this.emitter.fire(undefined);
  }

  private schedule(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      const before = this.runs.get(key)?.record.workflowId;
      void this.read(uri).then(() => {
        const after = this.runs.get(key)?.record.workflowId;
        this.emitter.fire([...new Set([before, after].filter((id): id is string => id !== undefined))]);
      });
    }, DEBOUNCE_MS));
  }

  private async read(uri: vscode.Uri): Promise<void> {
    try {
      const record = runRecordOf(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)));
      if (record) this.runs.set(uri.toString(), { uri, record });
      else this.runs.delete(uri.toString());
    } catch {
      this.runs.delete(uri.toString());
    }
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const d of this.disposables) d.dispose();
  }
}
