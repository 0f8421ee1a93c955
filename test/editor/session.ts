// One editor session: a code-server of its own (own HOME, config, user-data-dir and extensions-dir, a free
// port on 127.0.0.1) with the packaged extension and the test-runner extension installed, a fixture workspace
// opened in Chromium through playwright-core, and the extension-host test results once the runner writes them.
import { spawnSync } from 'node:child_process';
import { cpSync, createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { waitForChange } from './watch';
import { basename, dirname, join } from 'node:path';
import { chromium, type Browser, type BrowserServer, type Page } from 'playwright-core';
import type { EditorArtifacts } from './build';
import { CONFIG_ENV, type HostResults, type RunnerConfig, type SessionParams } from './protocol';
import { freePort, killMarkedProcesses, spawnGroup, stopGroup, waitForOutput, type GroupProcess } from './processes';

/** Environment variable holding the artifacts file that run.ts writes for the suites. */
export const ARTIFACTS_ENV = 'MCPWK_EDITOR_ARTIFACTS';
/** Environment marker given to every process a session starts, so run.ts can prove none is left. */
export const RUN_MARKER_ENV = 'MCPWK_EDITOR_RUN';
/**
 * The same per session. Some children leave their group (Chromium's crashpad handler daemonizes, VS Code's
 * file watcher is spawned detached); they inherit the environment, so stop() finds them by this marker.
 */
const SESSION_MARKER_ENV = 'MCPWK_EDITOR_SESSION';

/** Chromium flags measured to work on these machines (../shared/real-vscode.md). */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** User settings of every session. */
const USER_SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'workbench.enableExperiments': false,
  'npm.fetchOnlinePackageInfo': false,
  'typescript.disableAutomaticTypeAcquisition': true,
};

/** How a session opens its workspace. */
export interface SessionOptions {
  /** Used in folder, log and screenshot names. */
  readonly name: string;
  /** A folder under test/editor/workspaces, copied fresh for the session. */
  readonly workspace: string;
  /** true: workspace trust is disabled (everything trusted); false: trust is on and the folder is not trusted. */
  readonly trusted: boolean;
  /** Mocha's per-test timeout inside the extension host. */
  readonly hostTestTimeoutMs?: number;
  /** Copy this folder (absolute) as the workspace instead of test/editor/workspaces/<workspace>. */
  readonly workspaceSource?: string;
  /** Files copied next to the workspace folder (`to` is relative to its parent), e.g. a server bundle it names with `..`. */
  readonly beside?: readonly { from: string; to: string }[];
  /** Extra user settings of the session (merged over the defaults). */
  readonly settings?: Readonly<Record<string, unknown>>;
  /** The extension-host test files to run (names in the runner's out/host); all of them when left out. */
  readonly hostTests?: readonly string[];
  /** Extra environment of code-server, which its extension host inherits. */
  readonly env?: Readonly<Record<string, string>>;
  /** Changes the fresh workspace copy (absolute path) before the editor opens it. */
  readonly prepare?: (workspace: string) => void;
}

/** A running editor session. */
export interface EditorSession {
  readonly page: Page;
  readonly params: SessionParams;
  readonly artifacts: EditorArtifacts;
  readonly url: string;
  /** The session's own folder (home, user-data-dir, extensions, workspace copy, logs of VS Code). */
  readonly dir: string;
  /** Waits for the test-runner extension's results file. */
  hostResults(timeoutMs?: number): Promise<HostResults>;
  /** Waits until the extension host's own log (remoteexthost.log) has a line matching `pattern`; returns it. */
  waitForExtensionHostLog(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Closes the browser and stops every process of the session by process group. Safe to call twice. */
  stop(): Promise<void>;
}

/** Reads the artifacts file named by MCPWK_EDITOR_ARTIFACTS. */
export function loadArtifacts(): EditorArtifacts {
  const path = process.env[ARTIFACTS_ENV];
  if (!path) throw new Error(`${ARTIFACTS_ENV} is not set: run the editor suites with npm run test:editor`);
  return JSON.parse(readFileSync(path, 'utf8')) as EditorArtifacts;
}

/** Starts code-server and Chromium for one session and waits until the workbench is shown. */
export async function startEditorSession(options: SessionOptions): Promise<EditorSession> {
  const artifacts = loadArtifacts();
  const dir = join(artifacts.runDir, options.name);
  const pidDir = join(artifacts.runDir, 'pids');
  const home = join(dir, 'home');
  const userData = join(dir, 'user-data');
  const extensions = join(dir, 'extensions');
  const workspace = join(dir, 'workspace', basename(options.workspace));
  for (const d of [home, userData, extensions, dirname(workspace)]) mkdirSync(d, { recursive: true });
  cpSync(options.workspaceSource ?? join(artifacts.root, 'test', 'editor', 'workspaces', options.workspace), workspace, { recursive: true });
  for (const file of options.beside ?? []) {
    mkdirSync(dirname(join(dirname(workspace), file.to)), { recursive: true });
    cpSync(file.from, join(dirname(workspace), file.to));
  }
  options.prepare?.(workspace);
  // Offline and quiet: no telemetry (built-in extensions' reporters would throw DNS errors into the extension
  // host, which mocha blames on whichever test is running), no update checks, no typings downloads.
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify({ ...USER_SETTINGS, ...options.settings }, null, 2));
  const configYaml = join(dir, 'config.yaml');
  writeFileSync(configYaml, 'auth: none\ncert: false\n');

  const params: SessionParams = {
    session: options.name,
    trusted: options.trusted,
    workspace,
    extensionId: artifacts.extensionId,
    forceFail: Boolean(process.env.EDITOR_TEST_FORCE_FAIL),
  };
  const resultsFile = join(dir, 'host-results.json');
  const runnerConfig: RunnerConfig = {
    mochaPath: artifacts.mochaPath,
    files: options.hostTests ?? artifacts.hostTestFiles,
    resultsFile,
    timeoutMs: options.hostTestTimeoutMs ?? 30_000,
    params,
  };
  const runnerConfigPath = join(dir, 'runner-config.json');
  writeFileSync(runnerConfigPath, JSON.stringify(runnerConfig, null, 2));

  const env = {
    ...process.env,
    HOME: home,
    [CONFIG_ENV]: runnerConfigPath,
    [RUN_MARKER_ENV]: artifacts.runDir,
    [SESSION_MARKER_ENV]: dir,
    ...options.env,
  };
  const dirs = ['--config', configYaml, '--user-data-dir', userData, '--extensions-dir', extensions];
  installExtensions(artifacts, dirs, env);

  const logs = join(artifacts.resultsDir, 'logs');
  mkdirSync(logs, { recursive: true });
  const port = await freePort();
  const server = spawnGroup(
    process.execPath,
    [
      artifacts.codeServerEntry,
      ...dirs,
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      ...(options.trusted ? ['--disable-workspace-trust'] : []),
      workspace,
    ],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
    pidDir,
  );
  const log = createWriteStream(join(logs, `${options.name}-code-server.log`));
  server.child.stdout?.pipe(log);
  server.child.stderr?.pipe(log);

  let browserServer: BrowserServer | undefined;
  let browserProc: GroupProcess | undefined;
  let browser: Browser | undefined;
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    await browser?.close().catch(() => undefined);
    if (browserProc) await stopGroup(browserProc, pidDir);
    await stopGroup(server, pidDir);
    killMarkedProcesses(SESSION_MARKER_ENV, dir);
  };

  try {
    await waitForOutput(server, /HTTP server listening on/, 30_000, 'code-server start');
    browserServer = await chromium.launchServer({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, env });
    browserProc = adoptBrowserProcess(browserServer, pidDir);
    browser = await chromium.connect(browserServer.wsEndpoint());
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`;
    await page.goto(url);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    return {
      page,
      params,
      artifacts,
      url,
      dir,
      hostResults: (timeoutMs = 120_000) => waitForResults(resultsFile, timeoutMs),
      waitForExtensionHostLog: (pattern, timeoutMs = 30_000) => waitForLogLine(join(userData, 'logs'), pattern, timeoutMs),
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** Installs the packaged extension and the test-runner extension into the session's extensions-dir. */
function installExtensions(artifacts: EditorArtifacts, dirs: readonly string[], env: NodeJS.ProcessEnv): void {
  const args = [artifacts.codeServerEntry, ...dirs, '--install-extension', artifacts.extensionVsix, '--install-extension', artifacts.runnerVsix];
  const r = spawnSync(process.execPath, args, { env, encoding: 'utf8', timeout: 120_000 });
  const out = `${r.stdout}${r.stderr}`;
  const installed = out.match(/was successfully installed/g)?.length ?? 0;
  if (r.status !== 0 || installed !== 2) throw new Error(`installing the VSIXes into code-server failed:\n${out}`);
}

/** Records Chromium's process (which playwright starts as a group leader) so it is stopped like code-server. */
function adoptBrowserProcess(server: BrowserServer, pidDir: string): GroupProcess {
  const child = server.process();
  if (child.pid === undefined) throw new Error('Chromium has no pid');
  const pid = child.pid;
  mkdirSync(pidDir, { recursive: true });
  writeFileSync(join(pidDir, String(pid)), 'chromium\n');
  const exited =
    child.exitCode !== null || child.signalCode !== null
      ? Promise.resolve(child.exitCode ?? child.signalCode ?? 'unknown')
      : new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  return { child, pid, exited };
}

/**
 * Resolves with the first line matching `pattern` in the newest remoteexthost.log under `logsDir`, watching
 * the log folder recursively so a line written later (or a log created later) is seen when it is written.
 */
function waitForLogLine(logsDir: string, pattern: RegExp, timeoutMs: number): Promise<string> {
  return waitForChange(
    logsDir,
    () => {
      const log = findFiles(logsDir, 'remoteexthost.log').sort().pop();
      return log ? readFileSync(log, 'utf8').split('\n').find((l) => pattern.test(l)) : undefined;
    },
    timeoutMs,
    `no line matching ${pattern} in the extension host log after ${timeoutMs} ms`,
    { recursive: true },
  );
}

/** Paths of every file called `name` under `dir`. */
function findFiles(dir: string, name: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((p) => basename(p) === name)
    .map((p) => join(dir, p));
}

/** Resolves when the runner's results file appears (it is renamed into place whole), or rejects on timeout. */
function waitForResults(file: string, timeoutMs: number): Promise<HostResults> {
  return waitForChange(
    dirname(file),
    () => (existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as HostResults) : undefined),
    timeoutMs,
    `no extension-host results in ${file} after ${timeoutMs} ms (see test-results/editor/logs)`,
  );
}

/**
 * Makes the stdio example server of a fresh examples/ copy record what it receives (EXAMPLE_SERVER_CALL_LOG, see
 * examples/server/README.md) into a file beside the workspace, and returns a reader of that record.
 */
export function recordServerCalls(workspace: string): () => { method: string; id?: unknown; tool?: string; requestId?: unknown }[] {
  const log = join(dirname(workspace), 'server-calls.jsonl');
  const mcp = join(workspace, '.vscode', 'mcp.json');
  const text = readFileSync(mcp, 'utf8');
  const args = '"args": ["${workspaceFolder}/../dist/example-server.js", "--stdio"]';
  if (!text.includes(args)) throw new Error(`${mcp} no longer starts the stdio example server with ${args}`);
  writeFileSync(mcp, text.replace(args, `${args},\n      "env": { "EXAMPLE_SERVER_CALL_LOG": ${JSON.stringify(log)} }`));
  return () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { method: string; id?: unknown; tool?: string; requestId?: unknown }) : []);
}

/**
 * A session on a fresh copy of the repo's examples/ folder, with the example server's bundle beside it where
 * examples/.vscode/mcp.json looks (`../dist/example-server.js`), dark theme, no startup editor and no host tests.
 */
export function startExamplesSession(name: string, trusted: boolean, prepare?: (workspace: string) => void): Promise<EditorSession> {
  const artifacts = loadArtifacts();
  return startEditorSession({
    ...(prepare ? { prepare } : {}),
    name,
    workspace: 'examples',
    workspaceSource: join(artifacts.root, 'examples'),
    beside: [{ from: join(artifacts.root, 'dist', 'example-server.js'), to: 'dist/example-server.js' }],
    trusted,
    hostTests: [],
    settings: { 'workbench.startupEditor': 'none', 'workbench.colorTheme': 'Default Dark Modern' },
  });
}
