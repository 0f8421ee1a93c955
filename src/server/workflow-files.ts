// Workflow files (*.workflow.json) in the language server: their text (open document, else disk), checked
// with the core's static checks against the tools the workspace's Rust/TS sources declare. It only reads
// files; it never starts or reaches an MCP server, so it is safe in an untrusted workspace.
import type { Diagnostic } from '../core/diagnostic';
import type { ToolDef } from '../core/model';
import { nodeHost } from '../core/node-host';
import { checkWorkflowText } from '../core/workflow/check';
import { isWorkflowFile, toToolInfos } from '../core/workflow/source-tools';

export { isWorkflowFile, toToolInfos };

/** The workflow files of a workspace and their last published diagnostics. */
export class WorkflowFiles {
  private readonly texts = new Map<string, string>();
  private readonly published = new Map<string, string>();
  private readonly last = new Map<string, Diagnostic[]>();
  /** Each file's diagnostics as the checks made them, before the settings (rule levels, enable) were applied. */
  private readonly made = new Map<string, Diagnostic[]>();

  /** `report` applies the settings to a file's diagnostics before they are kept and published. */
  constructor(private readonly publish: (file: string, diagnostics: Diagnostic[]) => void, private readonly report: (file: string, diagnostics: Diagnostic[]) => Diagnostic[] = (_file, d) => d) {}

  /** Reads every workflow file under the folders (the same folders the source index skips are skipped). */
  async loadFolders(folders: string[]): Promise<void> {
    for (const folder of folders) {
      const files = await nodeHost.listFiles(folder).catch(() => []);
      for (const file of files.filter(isWorkflowFile)) await this.refresh(file, false);
    }
  }

  /** An open document's text: it wins over the file on disk until the file changes on disk again. */
  update(file: string, text: string): void {
    this.texts.set(file, text);
  }

  /** A workflow file changed or vanished on disk. */
  async refresh(file: string, deleted: boolean): Promise<void> {
    if (!deleted) {
      try {
        this.texts.set(file, new TextDecoder().decode(await nodeHost.readFile(file)));
        return;
      } catch {
        // Unreadable now (deleted between the event and the read): treated as gone.
      }
    }
    this.texts.delete(file);
    this.made.delete(file);
    this.send(file, []);
  }

  /** The workflow files known, and the text of one. */
  files(): string[] {
    return [...this.texts.keys()];
  }

  text(file: string): string | undefined {
    return this.texts.get(file);
  }

  diagnosticsOf(file: string): Diagnostic[] {
    return this.last.get(file) ?? [];
  }

  /** How many problems the workflow files have, for the status line. */
  problemCount(): number {
    let n = 0;
    for (const list of this.last.values()) n += list.length;
    return n;
  }

  /**
   * Checks one workflow file, or all of them, against the workspace's tools. With no tools in the workspace
   * (a workflow for a server whose sources are elsewhere) only what the file itself says is checked.
   */
  check(tools: readonly ToolDef[], only?: string): void {
    const infos = tools.length > 0 ? toToolInfos(tools) : undefined;
    for (const [file, text] of this.texts) {
      if (only === undefined || only === file) this.send(file, checkWorkflowText(file, text, infos, 'the workspace'));
    }
  }

  /** The settings changed: every file's last diagnostics go through them again (published where that changes them). */
  republish(): void {
    for (const [file, made] of this.made) this.send(file, made);
  }

  private send(file: string, made: Diagnostic[]): void {
    if (made.length) this.made.set(file, made);
    else this.made.delete(file);
    const diagnostics = made.length ? this.report(file, made) : made;
    const key = JSON.stringify(diagnostics);
    if (diagnostics.length === 0) this.last.delete(file);
    else this.last.set(file, diagnostics);
    if (this.published.get(file) === key || (!this.published.has(file) && diagnostics.length === 0)) return;
    this.published.set(file, key);
    this.publish(file, diagnostics);
  }
}
