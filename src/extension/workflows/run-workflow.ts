// Runs a workflow file from the editor, as `mcp-workflow run` does from a terminal, with the same core runner:
// its server is the one the Servers view runs (started when it is not), its static check is shown before
// anything runs (and can be overridden), inputs are asked with input boxes (passwords masked and kept in
// SecretStorage), approvals and destructive-tool confirmations are answered in the run's tab, and the audit
// log and checkpoints go to the workspace's .mcp-workflow/runs like the CLI's. A finished run continues in its
// own tab: Resume from its last checkpoint (as --resume does), or Rollback to one of its checkpoints.
import { userInfo } from 'node:os';
import { basename, dirname, join } from 'node:path';
import * as vscode from 'vscode';
import type { HubServer } from '../../core/mcp/server-hub';
import { openAuditLog } from '../../core/workflow/audit';
import { checkWorkflowAgainstTools, checkWorkflowReferences, fromToolsList } from '../../core/workflow/check';
import { createCheckpointStore, resumeIndex, workflowHash, type SavedRun } from '../../core/workflow/checkpoints';
import type { ApprovalRequest } from '../../core/workflow/context';
import type { JsonDocument } from '../../core/workflow/json-document';
import { loadWorkflowText } from '../../core/workflow/loader';
import { outlineOf } from '../../core/workflow/outline';
import { createRollbackRunner, createRunner, newRunId, type Runner } from '../../core/workflow/runner';
import { inputValue } from '../../core/workflow/input-values';
import type { Workflow } from '../../core/workflow/types';
import { currentText } from '../current-text';
import type { ConfigSource } from '../servers/config-source';
import type { WorkflowPasswords } from '../servers/inputs';
import type { ServerController } from '../servers/controller';
import { offerTrust } from '../servers/trust';
import { RunPanel } from './run-panel';

export interface RunContext {
  extensionUri: vscode.Uri;
  log: vscode.LogOutputChannel;
  configs: ConfigSource;
  controller: ServerController;
  /** Workflow password inputs, kept between runs and forgotten with "Forget Entered Inputs". */
  passwords: WorkflowPasswords;
}

/** A workflow file read and loaded, or undefined after saying why it cannot run. */
interface LoadedFile {
  uri: vscode.Uri;
  path: string;
  text: string;
  workflow: Workflow;
  /** The parsed text, for positions of the static checks' problems. */
  document: JsonDocument;
}

async function loadFile(uri: vscode.Uri): Promise<LoadedFile | undefined> {
  const path = vscode.workspace.asRelativePath(uri);
  let text: string;
  try {
    // The text as the person sees it: a draft not saved yet runs as shown.
    text = await currentText(uri);
  } catch (error) {
    void vscode.window.showErrorMessage(`Cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
  const loaded = loadWorkflowText(path, text);
  const loadErrors = loaded.diagnostics.filter((d) => d.severity === 'error');
  if (!loaded.workflow || loadErrors.length > 0) {
    const d = loadErrors[0];
    void vscode.window.showErrorMessage(`${path} cannot run: ${d ? `${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.message}` : 'it is not a workflow'}${loadErrors.length > 1 ? ` (and ${loadErrors.length - 1} more)` : ''}`);
    return undefined;
  }
  return { uri, path, text, workflow: loaded.workflow, document: loaded.document };
}

/** The workflow's server, started when it is not running; undefined after saying why there is none. */
async function liveServer(ctx: RunContext, file: LoadedFile, name = file.workflow.server): Promise<HubServer | undefined> {
  const server = serverFor(ctx, name, file.uri);
  if (!server) {
    const names = ctx.controller.hub.all().map((s) => s.name);
    void vscode.window.showErrorMessage(`${file.path} runs on server "${name}", which no .vscode/mcp.json declares${names.length ? ` (servers: ${names.join(', ')})` : ''}.`);
    return undefined;
  }
  if (server.status.state !== 'running' && !(await ctx.controller.start(server.id))) return undefined;
  const live = ctx.controller.hub.get(server.id);
  return live?.connection && live.lists ? live : undefined;
}

/** Runs the workflow file at `uri` in a new run tab; every refusal says why. */
export async function runWorkflow(ctx: RunContext, uri: vscode.Uri): Promise<void> {
  if (!vscode.workspace.isTrusted) {
    await offerTrust();
    return;
  }
  const file = await loadFile(uri);
  if (!file) return;
  const live = await liveServer(ctx, file);
  if (!live) return;
  const { workflow, path, document } = file;
  const problems = [...checkWorkflowReferences(workflow, document), ...checkWorkflowAgainstTools(workflow, document, fromToolsList(live.lists!.tools))].filter((d) => d.severity === 'error');
  if (problems.length > 0) {
    const d = problems[0]!;
    const choice = await vscode.window.showWarningMessage(
      `${path} has ${problems.length} problem${problems.length > 1 ? 's' : ''} against server "${live.name}"`,
      { modal: true, detail: `${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.message}${problems.length > 1 ? `\n(and ${problems.length - 1} more, in Problems)` : ''}` },
      'Run Anyway',
    );
    if (choice !== 'Run Anyway') return;
  }
  const inputs = await askInputs(ctx, workflow, uri, false);
  if (!inputs) return;
  const runsDir = join(workspaceOf(live.configFile), '.mcp-workflow', 'runs');
  const runId = newRunId();
  const auditFile = join(runsDir, `${runId}.audit.jsonl`);
  try {
    await vscode.workspace.fs.createDirectory(vscode.Uri.file(runsDir));
  } catch (error) {
    void vscode.window.showErrorMessage(`Cannot create ${runsDir}: ${error instanceof Error ? error.message : String(error)}; nothing was run.`);
    return;
  }
  const panel = openRunPanel(ctx, file, live.name, runId, auditFile, true);
  await drive(ctx, { file, server: live, runId, auditFile, panel, inputs, exclusive: true }, (common) =>
    createRunner({ ...common, workflowFile: uri.fsPath, workflowHash: workflowHash(file.text), inputs: inputs.values, checkpoints: createCheckpointStore(runsDir), runId }),
  );
}

/** A run tab for a run of `file`, whose buttons re-run the file, resume this run and roll it back. */
export function openRunPanel(ctx: RunContext, file: Pick<LoadedFile, 'uri' | 'path' | 'workflow'>, server: string, runId: string, auditFile: string, live: boolean): RunPanel {
  const panel = new RunPanel({
    extensionUri: ctx.extensionUri,
    log: ctx.log,
    workflow: { id: file.workflow.id, file: file.path, server, steps: outlineOf(file.workflow), rollback: (file.workflow.rollback?.length ?? 0) > 0 },
    runId,
    live,
    auditFile,
  });
  const run = { uri: file.uri, runId, auditFile, panel };
  panel.setControls({
    onRerun: () => void runWorkflow(ctx, file.uri),
    onResume: () => void continueRun(ctx, run, { kind: 'resume' }),
    onRollback: (checkpoint) => void continueRun(ctx, run, { kind: 'rollback', checkpoint }),
  });
  return panel;
}

/** A finished run (live or replayed) that goes on in its tab. */
interface Continued {
  uri: vscode.Uri;
  runId: string;
  auditFile: string;
  panel: RunPanel;
}

/**
 * Resumes a finished run from its last checkpoint, or runs the workflow's rollback steps back to one of its
 * checkpoints, with the run's saved results and inputs; the events extend the run's audit log and its tab.
 */
export async function continueRun(ctx: RunContext, run: Continued, action: { kind: 'resume' } | { kind: 'rollback'; checkpoint: string }): Promise<void> {
  if (!vscode.workspace.isTrusted) {
    await offerTrust();
    return;
  }
  if (run.panel.busy) {
    void vscode.window.showInformationMessage(`Run ${run.runId} is still going on in its tab; wait for it to end.`);
    return;
  }
  const file = await loadFile(run.uri);
  if (!file) return;
  const store = createCheckpointStore(dirname(run.auditFile));
  const saved = store.load(run.runId, { finished: action.kind === 'rollback' });
  if ('error' in saved) {
    void vscode.window.showErrorMessage(`Cannot ${action.kind === 'resume' ? 'resume' : 'roll back'} run ${run.runId}: ${saved.error}`);
    return;
  }
  if (saved.workflowId !== file.workflow.id) {
    void vscode.window.showErrorMessage(`Run ${run.runId} is of workflow "${saved.workflowId}", and ${file.path} is "${file.workflow.id}" now.`);
    return;
  }
  const hash = workflowHash(file.text);
  if (action.kind === 'resume' ? !(await resumable(saved, file, hash)) : !(await confirmRollback(saved, file, action.checkpoint))) return;
  const live = await liveServer(ctx, file, saved.server);
  if (!live) return;
  const inputs = await askInputs(ctx, file.workflow, run.uri, true);
  if (!inputs) return;
  const values = { ...saved.inputs, ...inputs.values };
  await drive(ctx, { file, server: live, runId: run.runId, auditFile: run.auditFile, panel: run.panel, inputs: { values, passwords: inputs.passwords }, exclusive: false }, (common) =>
    action.kind === 'resume'
      ? createRunner({ ...common, workflowFile: run.uri.fsPath, workflowHash: hash, inputs: values, checkpoints: store, resume: saved })
      : createRollbackRunner({ ...common, inputs: values, saved, checkpoint: action.checkpoint, actor: `${actorName()} (VS Code)`, checkpoints: store }),
  );
}

/** Whether the saved run may resume in this file: refused when its steps moved, asked when its text changed. */
async function resumable(saved: SavedRun, file: LoadedFile, hash: string): Promise<boolean> {
  const at = resumeIndex(saved, file.workflow, file.path, hash, false);
  if (typeof at === 'number') return true;
  const forced = resumeIndex(saved, file.workflow, file.path, hash, true);
  if (typeof forced !== 'number') {
    void vscode.window.showErrorMessage(`Cannot resume run ${saved.runId}: ${forced.error}`);
    return false;
  }
  const choice = await vscode.window.showWarningMessage(
    `${file.path} changed since run ${saved.runId} saved checkpoint "${saved.checkpoint}"`,
    { modal: true, detail: `Saved ${saved.savedAt}. Resuming at step "${saved.nextStepId ?? '(the end)'}" could skip or repeat steps.` },
    'Resume Anyway',
  );
  return choice === 'Resume Anyway';
}

/** Asks before running the rollback steps, naming them and their tools. */
async function confirmRollback(saved: SavedRun, file: LoadedFile, checkpoint: string): Promise<boolean> {
  const steps = file.workflow.rollback ?? [];
  if (steps.length === 0) {
    void vscode.window.showErrorMessage(`${file.path} has no rollback steps, so run ${saved.runId} cannot be rolled back from here.`);
    return false;
  }
  const choice = await vscode.window.showWarningMessage(
    `Roll back run ${saved.runId} to checkpoint "${checkpoint}"?`,
    { modal: true, detail: `This runs the workflow's rollback steps against server "${saved.server}": ${steps.map((s) => `${s.id} (${s.tool})`).join(', ')}.` },
    'Roll Back',
  );
  return choice === 'Roll Back';
}

/** What every run started here shares: the connection, approvals and confirmations in the tab, secrets, cancel. */
type CommonOptions = Pick<Parameters<typeof createRunner>[0], 'workflow' | 'connection' | 'passwordInputs' | 'secrets' | 'signal' | 'approve' | 'confirmDestructive' | 'tools'>;

interface Drive {
  file: LoadedFile;
  server: HubServer;
  runId: string;
  auditFile: string;
  panel: RunPanel;
  inputs: { values: Record<string, unknown>; passwords: string[] };
  /** A new run's log must not exist yet; a continuation appends to its run's. */
  exclusive: boolean;
}

/** Runs `make`'s runner with the tab live, its events into the audit log and the tab, and its end in the log. */
async function drive(ctx: RunContext, d: Drive, make: (common: CommonOptions) => Runner): Promise<void> {
  const secrets = (): readonly string[] => [...d.server.secrets, ...d.inputs.passwords.map((name) => String(d.inputs.values[name]))];
  let audit: ReturnType<typeof openAuditLog>;
  try {
    audit = openAuditLog(d.auditFile, { actor: actorName(), secrets, exclusive: d.exclusive });
  } catch (error) {
    void vscode.window.showErrorMessage(`Cannot write the audit log ${d.auditFile}: ${error instanceof Error ? error.message : String(error)}; nothing was run.`);
    return;
  }
  const abort = new AbortController();
  d.panel.busy = true;
  d.panel.goLive({ onCancel: () => abort.abort(new Error('cancelled from the run view')), onClosed: () => abort.abort(new Error('the run tab was closed')) });
  const decide = async (request: ApprovalRequest) => ({ approved: await d.panel.decision(request.stepId), actor: `${actorName()} (VS Code)` });
  const runner = make({
    workflow: d.file.workflow,
    connection: d.server.connection!,
    passwordInputs: d.inputs.passwords,
    secrets,
    signal: abort.signal,
    approve: decide,
    // A person is watching: a destructive tool that no approval step covers is confirmed in the tab first.
    confirmDestructive: decide,
    tools: d.server.lists?.tools ?? [],
  });
  runner.on(audit.listener);
  runner.on((event) => d.panel.post(event));
  try {
    const summary = await runner.run();
    ctx.log.info(`workflow ${d.file.workflow.id} run ${d.runId}: ${summary.outcome} in ${summary.durationMs} ms (audit log ${d.auditFile})`);
  } catch (error) {
    ctx.log.error(`workflow ${d.file.workflow.id} run ${d.runId} failed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    audit.close();
    d.panel.busy = false;
    d.panel.setControls({ onCancel: undefined, onClosed: undefined });
  }
}

/** The hub server named `name`: in the mcp.json of the workflow's own folder first, then in any. */
function serverFor(ctx: RunContext, name: string, uri: vscode.Uri): HubServer | undefined {
  const candidates = ctx.controller.hub.all().filter((s) => s.name === name);
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  const own = folder ? candidates.find((s) => ctx.configs.fileOf(s.id)?.folder.uri.toString() === folder.uri.toString()) : undefined;
  return own ?? candidates[0];
}

/**
 * Asks each declared input (prefilled with its default); undefined when the person cancels one. `passwordsOnly`:
 * a continued run has its other inputs saved, and asks only for the passwords no checkpoint keeps.
 */
async function askInputs(ctx: RunContext, workflow: Workflow, uri: vscode.Uri, passwordsOnly: boolean): Promise<{ values: Record<string, unknown>; passwords: string[] } | undefined> {
  const values: Record<string, unknown> = {};
  const passwords: string[] = [];
  for (const [name, spec] of Object.entries(workflow.inputs ?? {})) {
    if (passwordsOnly && !spec.password) continue;
    if (spec.password) {
      passwords.push(name);
      const kept = await ctx.passwords.get(uri, name);
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
    if (spec.password) await ctx.passwords.store(uri, name, answer);
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
