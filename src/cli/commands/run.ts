// `mcp-workflow run FILE`: loads a workflow, connects to its server from .vscode/mcp.json, runs it with
// live progress, an audit log and checkpoints, and prints a report. Exit 0 only when every step and every
// expect passed; 1 when the run failed or was denied; 2 for bad input (file, config, flags, server); 3 when a
// rollback failed; 128 + n after signal n (docs/workflow-files.md lists them).
import { userInfo } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { describeFsError, readTextFile } from '../../core/node-host';
import { neutralizeControls, neutralizeDeep, terminalJson } from '../../core/text/control-chars';
import { openAuditLog, redact } from '../../core/workflow/audit';
import { createCheckpointStore, resumeIndex, workflowHash, type SavedRun } from '../../core/workflow/checkpoints';
import { checkWorkflowAgainstTools, checkWorkflowReferences, fromToolsList } from '../../core/workflow/check';
import type { RunEvent } from '../../core/workflow/events';
import { loadWorkflowText } from '../../core/workflow/loader';
import type { JsonDocument } from '../../core/workflow/json-document';
import { createRunner, newRunId, type RunSummary } from '../../core/workflow/runner';
import { isCheckpointStep, type Workflow } from '../../core/workflow/types';
import { checkRunFilesWritable, resumeCommand, workspaceOf } from '../run-files';
import { parseCommand, writeError, type CliCommand } from '../command';
import { createRunRenderer } from '../run-renderer';
import { formatRunReport } from '../run-report';
import { CliError, connectionLimits, findConfig, openServerSession, parseInputFlags, toCliError, type ServerSession } from '../server-session';
import { installInterrupts, type Interrupts } from '../interrupts';
import { onStdoutClosed } from '../stdout-closed';
import { askLine, PromptInterrupted } from '../terminal';
import { resolveWorkflowInputs } from '../workflow-inputs';

const help = `Usage: mcp-workflow run FILE [options]

Runs a *.workflow.json against its MCP server (a key of .vscode/mcp.json "servers").

Options:
  --server NAME      run against this server instead of the file's "server"
  --config FILE      the mcp.json to use (default: the nearest .vscode/mcp.json)
  --input NAME=VALUE a workflow input or an mcp.json input (repeatable; visible to other users in ps)
  --input-file FILE  NAME=VALUE lines, one input each (repeatable); or set MCP_WORKFLOW_INPUT_NAME
                     (NAME upper-cased, - as _): both keep secrets off the command line
  --yes              approve every approval gate without asking
  --json             print the run's summary as JSON instead of live progress
  --audit FILE       where to write the JSON Lines audit log (default .mcp-workflow/runs/RUN_ID.audit.jsonl)
  --resume RUN_ID    continue a failed or interrupted run from its last checkpoint
  --force            with --resume: resume although the workflow file changed since the checkpoint
                     (where the checkpoint step and the next step are still there)
  --max-message-mb N the largest message read from a stdio server, in MiB (default 10;
                     env MCP_WORKFLOW_MAX_MESSAGE_MB)
  --connect-timeout-ms N  how long the server may take to finish the MCP handshake (default 10000;
                     env MCP_WORKFLOW_CONNECT_TIMEOUT_MS)`;

/** The `run` command. */
export const runRun: CliCommand = async (argv) => {
  const values = parseCommand('run', help, argv, {
    server: { type: 'string' },
    config: { type: 'string' },
    input: { type: 'string', multiple: true, default: [] },
    'input-file': { type: 'string', multiple: true, default: [] },
    yes: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    audit: { type: 'string' },
    resume: { type: 'string' },
    force: { type: 'boolean', default: false },
    'max-message-mb': { type: 'string' },
    'connect-timeout-ms': { type: 'string' },
  });
  if (typeof values === 'number') return values;
  try {
    const { 'max-message-mb': maxMessageMb, 'connect-timeout-ms': connectTimeoutMs, 'input-file': inputFile, ...rest } = values.values;
    return await run(values.positionals, { ...rest, maxMessageMb, connectTimeoutMs, inputFile });
  } catch (error) {
    if (error instanceof CliError) {
      // A server's last words and its error texts end up in these messages.
      writeError('run', error.message, 2, values.values.json);
      return 2;
    }
    // Ctrl-C or Ctrl-D at an input's prompt, before anything ran.
    if (error instanceof PromptInterrupted) {
      process.stderr.write(`mcp-workflow run: ${error.message} at a prompt; nothing was run\n`);
      return error.how === 'EOF' ? 2 : 130;
    }
    throw error;
  }
};

interface RunFlags {
  server?: string | undefined;
  config?: string | undefined;
  input: string[];
  inputFile: string[];
  yes: boolean;
  json: boolean;
  audit?: string | undefined;
  resume?: string | undefined;
  force: boolean;
  maxMessageMb?: string | undefined;
  connectTimeoutMs?: string | undefined;
}

async function run(positionals: string[], flags: RunFlags): Promise<number> {
  const [file, ...extra] = positionals;
  if (!file || extra.length) throw new CliError(`expected one workflow file, got ${positionals.length}; see --help`);
  const { workflow, document, hash } = await loadWorkflow(file);
  const configFile = findConfig(flags.config, resolve(file, '..'));
  // Runs are kept beside the workspace whose mcp.json the run uses, wherever it is started from, so --resume
  // finds them from any folder.
  const workspace = workspaceOf(configFile);
  const store = createCheckpointStore(join(workspace, '.mcp-workflow', 'runs'));
  let resume: SavedRun | undefined;
  if (flags.resume) {
    const saved = store.load(flags.resume);
    if ('error' in saved) throw new CliError(saved.error);
    if (saved.workflowId !== workflow.id) throw new CliError(`run ${flags.resume} is of workflow "${saved.workflowId}", not "${workflow.id}"`);
    const at = resumeIndex(saved, workflow, file, hash, flags.force);
    if (typeof at !== 'number') throw new CliError(at.error);
    resume = saved;
  }
  const answers = parseInputFlags(flags.input, flags.inputFile);
  const { inputs, passwords } = await resolveWorkflowInputs(workflow, answers, resume?.inputs ?? {});
  const serverName = flags.server ?? resume?.server ?? workflow.server;
  const limits = connectionLimits({ maxMessageMb: flags.maxMessageMb, connectTimeoutMs: flags.connectTimeoutMs });
  const runId = resume?.runId ?? newRunId();
  const auditFile = resolve(flags.audit ?? join(store.dir, `${runId}.audit.jsonl`));
  checkRunFilesWritable(auditFile, workflow.steps.some(isCheckpointStep) ? store.dir : undefined);
  const interrupts = installInterrupts((line) => process.stderr.write(`${line}\n`));
  // `run … | head`: the reader leaving does not cut a workflow short (see stdout-closed.ts).
  onStdoutClosed(() => process.stderr.write(`mcp-workflow run: standard output was closed (its reader left); the run goes on to its end, and ${auditFile} records every step\n`));
  try {
    let session: ServerSession;
    try {
      session = await openServerSession(configFile, serverName, answers, { ...limits, signal: interrupts.signal }, Object.keys(workflow.inputs ?? {}));
    } catch (error) {
      const code = interrupts.exitCode();
      if (code === undefined) throw error;
      process.stderr.write(`mcp-workflow run: ${neutralizeControls(error instanceof Error ? error.message : String(error), true)}\n`);
      return code;
    }
    const secrets = [...session.secrets, ...passwords.map((name) => String(inputs[name]))];
    try {
      checkAgainstServer(file, workflow, document, session);
      return await execute(file, workflow, flags, session, { inputs, passwords, secrets, store, resume, interrupts, hash, runId, auditFile, workspace });
    } catch (error) {
      throw toCliError(error, secrets);
    } finally {
      await session.connection.close();
    }
  } finally {
    interrupts.dispose();
  }
}

async function loadWorkflow(file: string): Promise<{ workflow: Workflow; document: JsonDocument; hash: string }> {
  let text: string;
  try {
    text = await readTextFile(file);
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as Error).message}`);
  }
  const loaded = loadWorkflowText(file, text);
  const all = [...loaded.diagnostics, ...(loaded.workflow ? checkWorkflowReferences(loaded.workflow, loaded.document) : [])];
  const diagnostics = all.filter((d) => d.severity === 'error');
  if (diagnostics.length === 0) {
    for (const d of all.filter((x) => x.severity === 'warning')) process.stderr.write(`warning: ${file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.message}\n`);
  }
  if (diagnostics.length > 0) {
    const d = diagnostics[0]!;
    const more = diagnostics.length > 1 ? ` (and ${diagnostics.length - 1} more)` : '';
    throw new CliError(`${file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.message}${more}`);
  }
  return { workflow: loaded.workflow!, document: loaded.document, hash: workflowHash(text) };
}

function checkAgainstServer(file: string, workflow: Workflow, document: JsonDocument, session: ServerSession): void {
  const problems = checkWorkflowAgainstTools(workflow, document, fromToolsList(session.tools)).filter((d) => d.severity === 'error');
  if (problems.length > 0) {
    const d = problems[0]!;
    throw new CliError(`${file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.message} (server "${session.connection.name}")${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`);
  }
}

interface Prepared {
  inputs: Record<string, unknown>;
  passwords: string[];
  secrets: string[];
  store: ReturnType<typeof createCheckpointStore>;
  resume: SavedRun | undefined;
  interrupts: Interrupts;
  hash: string;
  runId: string;
  auditFile: string;
  workspace: string;
}

async function execute(file: string, workflow: Workflow, flags: RunFlags, session: ServerSession, p: Prepared): Promise<number> {
  const { runId, auditFile } = p;
  const actor = safeUser();
  // A new run's own log is created exclusively: a file already there is another run's (or a collision).
  let audit: ReturnType<typeof openAuditLog>;
  try {
    audit = openAuditLog(auditFile, { actor, secrets: () => p.secrets, exclusive: !p.resume && !flags.audit });
  } catch (error) {
    throw new CliError(`cannot open the audit log ${relative(process.cwd(), auditFile)}: ${describeFsError(error as NodeJS.ErrnoException)}`);
  }
  const live = !flags.json && Boolean(process.stdout.isTTY);
  const renderer = flags.json ? undefined : createRunRenderer(process.stdout, live, () => p.secrets);
  const { interrupts } = p;
  const interactive = Boolean(process.stdin.isTTY) && !flags.json;
  const ask = async (question: string): Promise<string> => {
    renderer?.pause();
    try {
      // The question quotes the server (an approval summary built from results, a state's next actions).
      return await askLine(neutralizeControls(redact(question, p.secrets)), { signal: interrupts.signal });
    } catch (error) {
      // Ctrl-C typed at the prompt reaches readline as a key, not as a signal: it interrupts the run all the same.
      if (error instanceof PromptInterrupted && error.how === 'SIGINT') interrupts.interrupt('SIGINT');
      throw error;
    } finally {
      renderer?.resume();
    }
  };
  const runner = createRunner({
    workflow,
    workflowFile: relative(p.workspace, resolve(file)),
    workflowHash: p.hash,
    connection: session.connection,
    inputs: p.inputs,
    passwordInputs: p.passwords,
    secrets: () => p.secrets,
    checkpoints: p.store,
    runId,
    signal: interrupts.signal,
    rollbackSignal: interrupts.rollbackSignal,
    ...(p.resume ? { resume: p.resume } : {}),
    approve: async (request) => {
      if (flags.yes) return { approved: true, actor: `${actor} (--yes)` };
      if (!interactive) return { approved: false, actor: 'mcp-workflow', reason: flags.json ? '--json does not ask at approval gates; pass --yes to approve' : 'no terminal to ask; pass --yes to approve' };
      let answer: string;
      try {
        answer = await ask(`  Approve "${request.summary}"${request.reversible ? '' : ' (NOT reversible)'}? Type yes to proceed: `);
      } catch (error) {
        // Any interruption at a gate is a denial, with the reason in the audit log.
        if (!(error instanceof PromptInterrupted)) throw error;
        const reason = error.how === 'aborted' ? String((interrupts.signal.reason as Error | undefined)?.message ?? error.message) : error.message;
        return { approved: false, actor, reason };
      }
      return answer.toLowerCase() === 'yes' || answer.toLowerCase() === 'y' ? { approved: true, actor } : { approved: false, actor, reason: answer ? `answered "${answer}"` : 'no answer' };
    },
    offerState: async (offer) => {
      if (!interactive || flags.yes) return offer.suggestedInput;
      const hint = offer.suggestedInput ? ` [${JSON.stringify(offer.suggestedInput)}]` : '';
      let answer: string;
      try {
        answer = await ask(`  ${offer.stepId} is in state "${offer.state}": ${offer.nextActions.join('; ')}\n  input as JSON${hint}: `);
      } catch (error) {
        if (error instanceof PromptInterrupted) return undefined;
        throw error;
      }
      if (answer === '') return offer.suggestedInput;
      try {
        return JSON.parse(answer) as Record<string, unknown>;
      } catch {
        return undefined;
      }
    },
  });
  const events: RunEvent[] = [];
  runner.on(audit.listener);
  runner.on((e) => {
    events.push(e);
    if (e.type === 'rollback-started') interrupts.setRollingBack(true);
    if (e.type === 'rolled-back') interrupts.setRollingBack(false);
  });
  // Everything the renderer shows may come from the server: its control characters are made visible first.
  // Secrets are masked first: a secret holding a control character would no longer match once made visible.
  if (renderer) runner.on((e) => renderer.listener(neutralizeDeep(redact(e, p.secrets))));
  const summary = await runner.run().finally(() => {
    renderer?.stop();
    audit.close();
  });
  const shownAudit = relative(process.cwd(), auditFile);
  if (flags.json) {
    process.stdout.write(`${terminalJson(redact({ ...summary, auditFile: shownAudit }, p.secrets), 2)}\n`);
  } else {
    const resumeWith = resumeCommand(file, { config: flags.config, server: flags.server }, runId);
    process.stdout.write(`${redact(formatRunReport(workflow, neutralizeDeep(redact(summary, p.secrets)), neutralizeDeep(redact(events, p.secrets)), shownAudit, resumeWith), p.secrets).join('\n')}\n`);
  }
  return interrupts.exitCode() ?? exitCodes[summary.outcome];
}

/** The exit code of each outcome when no signal stopped the run (a signal gives 128 + its number). */
const exitCodes: Record<RunSummary['outcome'], number> = { done: 0, failed: 1, denied: 1, 'rolled-back': 1, 'rollback-failed': 3, interrupted: 130 };

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

