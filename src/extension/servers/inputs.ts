// Answers to mcp.json's ${input:id} variables: asked with VS Code's input box (masked for password inputs)
// or quick pick, remembered for the window. A password answer is kept in SecretStorage only (never in
// settings, a log or a file of ours), so it survives a reload without being typed again.
import * as vscode from 'vscode';
import type { McpInput } from '../../core/mcp/config';

/** Where a workflow's password inputs are kept between runs (SecretStorage, forgotten with the server inputs). */
export interface WorkflowPasswords {
  get(workflow: vscode.Uri, input: string): Promise<string | undefined>;
  store(workflow: vscode.Uri, input: string, value: string): Promise<void>;
}

/** The workspace-state key listing the SecretStorage keys of workflow passwords, which SecretStorage cannot list. */
const WORKFLOW_KEYS = 'mcpWorkflow.workflowPasswordKeys';

/** Remembers input answers per config file, and the password inputs of workflow files. */
export class InputAnswers implements WorkflowPasswords {
  private readonly answers = new Map<string, Map<string, string>>();

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly state: vscode.Memento,
  ) {}

  get(workflow: vscode.Uri, input: string): Promise<string | undefined> {
    return Promise.resolve(this.secrets.get(workflowKey(workflow, input)));
  }

  async store(workflow: vscode.Uri, input: string, value: string): Promise<void> {
    const key = workflowKey(workflow, input);
    await this.secrets.store(key, value);
    const keys = this.state.get<string[]>(WORKFLOW_KEYS, []);
    if (!keys.includes(key)) await this.state.update(WORKFLOW_KEYS, [...keys, key]);
  }

  /** The answers already given for a config file's inputs, filled as they are asked (core's resolver uses it). */
  answersFor(configFile: string): Map<string, string> {
    let map = this.answers.get(configFile);
    if (!map) this.answers.set(configFile, (map = new Map()));
    return map;
  }

  /** Asks for one input; a password input is first looked up in SecretStorage. undefined: the person cancelled. */
  async ask(configFile: string, input: McpInput, serverName: string): Promise<string | undefined> {
    const key = secretKey(configFile, input.id);
    if (input.password) {
      const kept = await this.secrets.get(key);
      if (kept !== undefined) return kept;
    }
    const title = `${serverName}: ${input.description ?? input.id}`;
    const value =
      input.type === 'pickString'
        ? await vscode.window.showQuickPick(input.options ?? [], { title, placeHolder: input.description ?? input.id, ignoreFocusOut: true })
        : await vscode.window.showInputBox({
            title,
            prompt: `Value of \${input:${input.id}} in .vscode/mcp.json`,
            password: input.password,
            ...(input.default !== undefined && !input.password ? { value: input.default } : {}),
            ignoreFocusOut: true,
          });
    if (value !== undefined && input.password) await this.secrets.store(key, value);
    return value;
  }

  /** Forgets every answer of the window and every stored password input, of mcp.json files and of workflows. */
  async clear(configFiles: readonly string[], inputsOf: (configFile: string) => readonly McpInput[]): Promise<number> {
    let n = 0;
    for (const map of this.answers.values()) n += map.size;
    this.answers.clear();
    for (const file of configFiles) {
      for (const input of inputsOf(file)) {
        if (!input.password) continue;
        const key = secretKey(file, input.id);
        if ((await this.secrets.get(key)) !== undefined) n++;
        await this.secrets.delete(key);
      }
    }
    for (const key of this.state.get<string[]>(WORKFLOW_KEYS, [])) {
      if ((await this.secrets.get(key)) !== undefined) n++;
      await this.secrets.delete(key);
    }
    await this.state.update(WORKFLOW_KEYS, []);
    return n;
  }
}

function workflowKey(workflow: vscode.Uri, input: string): string {
  return `mcpWorkflow.workflowInput:${workflow.toString()}#${input}`;
}

function secretKey(configFile: string, id: string): string {
  return `mcpWorkflow.input:${configFile}#${id}`;
}
