// Runs a workflow file from the editor, as `mcp-workflow run` does from a terminal, with the same core runner:
// its server is the one the Servers view runs (started when it is not), its static check is shown before
// anything runs (and can be overridden), inputs are asked with input boxes (passwords masked and kept in
// SecretStorage), approvals are answered in the run's tab, and the audit log and checkpoints go to the
// workspace's .mcp-workflow/runs like the CLI's.
import { userInfo } from 'node:os';
import { basename, dirname, join } from 'node:path';
import * as vscode from 'vscode';
import type { HubServer } from '../../core/mcp/server-hub';
import { openAuditLog } from '../../core/workflow/audit';
import { checkWorkflowAgainstTools, checkWorkflowReferences } from '../../core/workflow/check';
import { createCheckpointStore, workflowHash } from '../../core/workflow/checkpoints';
import { loadWorkflowText } from '../../core/workflow/loader';
import { outlineOf } from '../../core/workflow/outline';
import { createRunner, newRunId } from '../../core/workflow/runner';
import { inputValue } from '../../core/workflow/input-values';
import type { Workflow } from '../../core/workflow/types';
import type { ConfigSource } from '../servers/config-source';
import { offerTrust, type ServerController } from '../servers/controller';
import { RunPanel } from './run-panel';

export interface RunContext {
  extensionUri: vscode.Uri;
  log: vscode.LogOutputChannel;
  configs: ConfigSource;
  controller: ServerController;
  secrets: vscode.SecretStorage;
}

/** Runs the workflow file at `uri` in a new run tab; every refusal says why. */
export async function runWorkflow(ctx: RunContext, uri: vscode.Uri): Promise<void> {
  if (!vscode.workspace.isTrusted) {
    await offerTrust();
    return;
  }
  const path = vscode.workspace.asRelativePath(uri);
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  const loaded = loadWorkflowText(path, text);
  const loadErrors = loaded.diagnostics.filter((d) => d.severity === 'error');
  if (!loaded.workflow || loadErrors.length > 0) {
    const d = loadErrors[0];
    void vscode.window.showErrorMessage(`${path} cannot run: ${d ? `${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.message}` : 'it is not a workflow'}${loadErrors.length > 1 ? ` (and ${loadErrors.length - 1} more)` : ''}`);
    return;
  }
  const workflow = loaded.workflow;
  const server = serverFor(ctx, workflow, uri);
  if (!server) {
    const names = ctx.controller.hub.all().map((s) => s.name);
    void vscode.window.showErrorMessage(`${path} runs on server "${workflow.server}", which no .vscode/mcp.json declares${names.length ? ` (servers: ${names.join(', ')})` : ''}.`);
    return;
  }
  if (server.status.state !== 'running' && !(await ctx.controller.start(server.id))) return;
  const live = ctx.controller.hub.get(server.id);
  if (!live?.connection || !live.lists) return;
  const problems = [...checkWorkflowReferences(workflow, loaded.document), ...checkWorkflowAgainstTools(workflow, loaded.document, live.lists.tools)].filter((d) => d.severity === 'error');
  if (problems.length > 0) {
    const d = problems[0]!;
    const choice = await vscode.window.showWarningMessage(
      `${path} has ${problems.length} problem${problems.length > 1 ? 's' : ''} against server "${server.name}"`,
      { modal: true, detail: `${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.message}${problems.length > 1 ? `\n(and ${problems.length - 1} more, in Problems)` : ''}` },
      'Run Anyway',
    );
    if (choice !== 'Run Anyway') return;
  }
  const inputs = await askInputs(ctx, workflow, uri);
  if (!inputs) return;
  await start(ctx, { uri, path, text, workflow, server: live, inputs: inputs.values, passwords: inputs.passwords });
}

interface Prepared {
  uri: vscode.Uri;
  path: string;
  text: string;
  workflow: Workflow;
  server: HubServer;
  inputs: Record<string, unknown>;
  passwords: string[];
}

async function start(ctx: RunContext, p: Prepared): Promise<void> {
  const connection = p.server.connection!;
  const runsDir = join(workspaceOf(p.server.configFile), '.mcp-workflow', 'runs');
  const runId = newRunId();
  const auditFile = join(runsDir, `${runId}.audit.jsonl`);
  const secrets = (): readonly string[] => [...p.server.secrets, ...p.passwords.map((name) => String(p.inputs[name]))];
  const abort = new AbortController();
  let audit: ReturnType<typeof openAuditLog>;
  try {
    await vscode.workspace.fs.createDirectory(vscode.Uri.file(runsDir));
    audit = openAuditLog(auditFile, { actor: actorName(), secrets, exclusive: true });
  } catch (error) {
    void vscode.window.showErrorMessage(`Cannot write the audit log ${auditFile}: ${error instanceof Error ? error.message : String(error)}; nothing was run.`);
    return;
  }
  const panel = new RunPanel({
    extensionUri: ctx.extensionUri,
    log: ctx.log,
    workflow: { id: p.workflow.id, file: p.path, server: p.server.name, steps: outlineOf(p.workflow) },
    runId,
    live: true,
    auditFile,
    onCancel: () => abort.abort(new Error('cancelled from the run view')),
    onRerun: () => void runWorkflow(ctx, p.uri),
    onClosed: () => abort.abort(new Error('the run tab was closed')),
  });
  const runner = createRunner({
    workflow: p.workflow,
    workflowFile: p.uri.fsPath,
    workflowHash: workflowHash(p.text),
    connection,
    inputs: p.inputs,
    passwordInputs: p.passwords,
    secrets,
    checkpoints: createCheckpointStore(runsDir),
    signal: abort.signal,
    runId,
    approve: async (request) => ({ approved: await panel.decision(request.stepId), actor: `${actorName()} (VS Code)` }),
    // A person is watching: a destructive tool that no approval step covers is confirmed in the tab first.
    confirmDestructive: async (request) => ({ approved: await panel.decision(request.stepId), actor: `${actorName()} (VS Code)` }),
    tools: p.server.lists?.tools ?? [],
  });
  runner.on(audit.listener);
  runner.on((event) => panel.post(event));
  try {
    const summary = await runner.run();
    ctx.log.info(`workflow ${p.workflow.id} run ${runId}: ${summary.outcome} in ${summary.durationMs} ms (audit log ${auditFile})`);
  } catch (error) {
    ctx.log.error(`workflow ${p.workflow.id} run ${runId} failed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    audit.close();
  }
}

/** The hub server a workflow names: in the mcp.json of the workflow's own folder first, then in any. */
function serverFor(ctx: RunContext, workflow: Workflow, uri: vscode.Uri): HubServer | undefined {
  const candidates = ctx.controller.hub.all().filter((s) => s.name === workflow.server);
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  const own = folder ? candidates.find((s) => ctx.configs.fileOf(s.id)?.folder.uri.toString() === folder.uri.toString()) : undefined;
  return own ?? candidates[0];
}

/** Asks each declared input (prefilled with its default); undefined when the person cancels one. */
async function askInputs(ctx: RunContext, workflow: Workflow, uri: vscode.Uri): Promise<{ values: Record<string, unknown>; passwords: string[] } | undefined> {
  const values: Record<string, unknown> = {};
  const passwords: string[] = [];
  for (const [name, spec] of Object.entries(workflow.inputs ?? {})) {
    const key = `mcpWorkflow.workflowInput:${uri.toString()}#${name}`;
    if (spec.password) {
      passwords.push(name);
      const kept = await ctx.secrets.get(key);
      if (kept !== undefined) {
        values[name] = kept;
        continue;
      }
    }
    const answer = await vscode.window.showInputBox({
      title: `${workflow.id}: input ${name}`,
      prompt: spec.description ?? `Value of input "${name}"${spec.type ? ` (${spec.type})` : ''}`,
      password: spec.password ?? false,
      ...(spec.default !== undefined && !spec.password ? { value: String(spec.default) } : {}),
      ignoreFocusOut: true,
      validateInput: (text) => {
        const converted = inputValue(text, spec.type);
        return converted.ok ? undefined : `expected ${converted.expected}`;
      },
    });
    if (answer === undefined) return undefined;
    const converted = inputValue(answer, spec.type);
    values[name] = converted.ok ? converted.value : answer;
    if (spec.password) await ctx.secrets.store(key, answer);
  }
  return { values, passwords };
}

/** The folder that holds `.vscode/mcp.json`, where runs are kept (as the CLI keeps them). */
function workspaceOf(configFile: string): string {
  const folder = dirname(configFile);
  return basename(folder) === '.vscode' ? dirname(folder) : folder;
}

function actorName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
