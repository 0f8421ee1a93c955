// Shared by the runner tests: the real example server (dist/example-server.js, built by `pretest`) over
// stdio or Streamable HTTP, and a way to run a workflow while recording every event it emits.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { connectServer, type McpConnection } from '../../src/core/mcp/client';
import { createCheckpointStore, type CheckpointStore, type SavedRun } from '../../src/core/workflow/checkpoints';
import type { RunEvent } from '../../src/core/workflow/events';
import { loadWorkflowText } from '../../src/core/workflow/loader';
import { createRunner, type RunnerOptions, type RunSummary } from '../../src/core/workflow/runner';
import type { Workflow } from '../../src/core/workflow/types';

export const root = join(__dirname, '..', '..');
export const serverBundle = join(root, 'dist', 'example-server.js');
export type TransportKind = 'stdio' | 'http';
export const transports: TransportKind[] = ['stdio', 'http'];

if (!existsSync(serverBundle)) throw new Error(`${serverBundle} is missing: run "npm run build" first`);

/** A started example server and a connection to it; `stop` closes both. */
export interface Served {
  connection: McpConnection;
  url?: string;
  stop(): Promise<void>;
}

/** Starts an HTTP example server on a free port and resolves once it prints its `listening` line. */
export async function startHttpServer(): Promise<{ url: string; child: ChildProcess; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [serverBundle, '--http', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    lines.on('line', (line) => {
      const m = /^listening (\S+)/.exec(line);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`example server exited with ${code} before listening`)));
  });
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  return { url, child, stop };
}

/** A fresh example server (its own state) reached over the given transport. */
export async function serve(kind: TransportKind): Promise<Served> {
  if (kind === 'stdio') {
    const connection = await connectServer('example-stdio', { type: 'stdio', command: process.execPath, args: [serverBundle, '--stdio'] });
    await connection.listTools();
    return { connection, stop: () => connection.close() };
  }
  const http = await startHttpServer();
  const connection = await connectServer('example-http', { type: 'http', url: http.url });
  await connection.listTools();
  return {
    connection,
    url: http.url,
    async stop() {
      await connection.close();
      await http.stop();
    },
  };
}

/** Loads a workflow from examples/ (or a given object), failing the test on any diagnostic. */
export function loadExample(name: string): Workflow {
  const file = join(root, 'examples', name);
  return loadValid(file, readFileSync(file, 'utf8'));
}

/** Validates a workflow object through the real loader, so tests use only what a file could say. */
export function workflowOf(value: object): Workflow {
  return loadValid('test.workflow.json', JSON.stringify(value, null, 2));
}

function loadValid(file: string, text: string): Workflow {
  const loaded = loadWorkflowText(file, text);
  if (!loaded.workflow) throw new Error(`${file}: ${loaded.diagnostics.map((d) => d.message).join('; ')}`);
  return loaded.workflow;
}

/** A run's summary together with every event it emitted, in order. */
export interface RecordedRun {
  summary: RunSummary;
  events: RunEvent[];
}

/** Runs a workflow on a connection and records its events; `onEvent` may act mid-run (e.g. kill the server). */
export async function record(options: RunnerOptions, onEvent?: (event: RunEvent) => void): Promise<RecordedRun> {
  const runner = createRunner(options);
  const events: RunEvent[] = [];
  runner.on((event) => {
    events.push(event);
    onEvent?.(event);
  });
  const summary = await runner.run();
  return { summary, events };
}

/** Events of one type, narrowed. */
export function ofType<T extends RunEvent['type']>(events: RunEvent[], type: T): Extract<RunEvent, { type: T }>[] {
  return events.filter((e): e is Extract<RunEvent, { type: T }> => e.type === type);
}

/** A checkpoint store in a fresh temporary folder. */
export function tempStore(): CheckpointStore {
  return createCheckpointStore(join(mkdtempSync(join(tmpdir(), 'mcpwf-runs-')), 'runs'));
}

/** A fresh temporary folder. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'mcpwf-'));
}

/** The saved run, failing when it could not be loaded. */
export function loadSaved(store: CheckpointStore, runId: string): SavedRun {
  const saved = store.load(runId);
  if ('error' in saved) throw new Error(saved.error);
  return saved;
}

/** The built CLI started in its own process (pipes, no terminal), for tests that signal it mid-run. */
export function startCli(args: string[], cwd: string, env: Record<string, string> = {}): { child: ChildProcess; result: Promise<{ code: number | null; stdout: string; stderr: string }> } {
  const child = spawn(process.execPath, [join(root, 'bin', 'mcp-workflow.js'), ...args], { cwd, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  return { child, result: new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr }))) };
}

/**
 * A fresh workspace folder whose .vscode/mcp.json is the examples' one, pointing at the built example server:
 * runs started against it keep their audit logs and checkpoints in it, not in the repository. Returns the
 * mcp.json's path.
 */
export function exampleConfig(): string {
  const dir = tempDir();
  mkdirSync(join(dir, '.vscode'));
  const text = readFileSync(join(root, 'examples', '.vscode', 'mcp.json'), 'utf8').replace('${workspaceFolder}/../dist/example-server.js', serverBundle.replace(/\\/g, '/'));
  const file = join(dir, '.vscode', 'mcp.json');
  writeFileSync(file, text);
  return file;
}

/** Runs the built CLI as a separate process and collects its output (without colours). */
export function runCli(args: string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(root, 'bin', 'mcp-workflow.js'), ...args], { cwd, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Whether a process is still alive (signal 0 reaches it). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
