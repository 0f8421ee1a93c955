// `npm run test:editor`: installs code-server and Chromium if needed (scripts/setup-editor.sh), builds the
// extension's VSIX and the test-runner extension, runs the editor suites (test/editor/suites, node:test, one
// file at a time: each starts its own code-server and Chromium), then proves that no process of the run is
// left. Exits non-zero when a test fails, naming it, or when a process had to be killed afterwards.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { packageExtension, packageRunnerExtension, resolveMocha, setupEditor, type EditorArtifacts } from './build';
import { findLiveProcesses, killMarkedProcesses, killRecordedGroups } from './processes';
import { ARTIFACTS_ENV, RUN_MARKER_ENV } from './session';

const root = join(__dirname, '..', '..');
const resultsDir = join(root, 'test-results', 'editor');
/** The whole suite run must end within this; the warm run takes about two minutes. */
const SUITE_TIMEOUT_MS = Number(process.env.EDITOR_TEST_TIMEOUT_MS ?? 15 * 60_000);

const timings: [string, number][] = [];
async function timed<T>(what: string, action: () => T | Promise<T>): Promise<T> {
  const start = Date.now();
  console.log(`[test:editor] ${what}`);
  const value = await action();
  timings.push([what, Date.now() - start]);
  return value;
}

function runSuites(artifactsFile: string, runDir: string): Promise<number> {
  const suiteDir = join(root, 'test', 'editor', 'suites');
  const only = process.env.EDITOR_TEST_SUITE;
  const files = readdirSync(suiteDir)
    .filter((f) => f.endsWith('.test.ts') && (!only || f.startsWith(only)))
    .sort()
    .map((f) => relative(root, join(suiteDir, f)));
  if (files.length === 0) throw new Error(`no suites match EDITOR_TEST_SUITE=${only}`);
  const args = ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=1', ...files];
  // Temporary files of the suites, Chromium (playwright's profile) and code-server go inside the run folder,
  // which is removed at the end even when a process was killed before it could clean up after itself.
  const tmp = join(runDir, 'tmp');
  mkdirSync(tmp, { recursive: true });
  const env = { ...process.env, [ARTIFACTS_ENV]: artifactsFile, TMPDIR: tmp };
  const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit', detached: true, env });
  const stopOnSignal = (): void => {
    // Ctrl+C, a CI cancel or the timeout: stop the suites' process group; sweepLeftovers then kills the editors.
    if (child.pid) process.kill(-child.pid, 'SIGKILL');
  };
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      console.error(`[test:editor] the suites did not finish within ${SUITE_TIMEOUT_MS} ms: stopping them`);
      stopOnSignal();
    }, SUITE_TIMEOUT_MS);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(code ?? (signal ? 128 : 1));
    });
  });
}

/** Kills whatever process of this run is still alive and says so; returns how many there were. */
function sweepLeftovers(runDir: string): number {
  const groups = killRecordedGroups(join(runDir, 'pids'));
  if (groups.length > 0) console.error(`[test:editor] process groups left running, killed: ${groups.join(', ')}`);
  const left = killMarkedProcesses(RUN_MARKER_ENV, runDir);
  for (const p of left) console.error(`[test:editor] left running, killed pid ${p.pid}: ${p.command.slice(0, 160)}`);
  return groups.length + left.length;
}

/** Copies VS Code's own logs (extension host, server) of each session next to the screenshots. */
function keepVsCodeLogs(runDir: string): void {
  for (const session of readdirSync(runDir)) {
    const logs = join(runDir, session, 'user-data', 'logs');
    if (existsSync(logs)) cpSync(logs, join(resultsDir, 'logs', `${session}-vscode`), { recursive: true });
  }
}

async function main(): Promise<number> {
  rmSync(resultsDir, { recursive: true, force: true });
  mkdirSync(resultsDir, { recursive: true });
  const started = Date.now();
  const codeServerEntry = await timed('setup (scripts/setup-editor.sh)', () => setupEditor(root));
  const buildDir = join(resultsDir, 'build');
  const extension = await timed('npm run package', () => packageExtension(root, join(buildDir, 'extension-package.json')));
  const runner = await timed('package the test-runner extension and its tests', () => packageRunnerExtension(root, buildDir));
  const runDir = mkdtempSync(join(tmpdir(), 'mcpwk-editor-'));
  const artifacts: EditorArtifacts = {
    root,
    codeServerEntry,
    extensionVsix: extension.vsix,
    extensionId: extension.id,
    extensionManifest: extension.manifest,
    runnerVsix: runner.vsix,
    hostTestFiles: runner.hostTests,
    mochaPath: resolveMocha(root),
    runDir,
    resultsDir,
  };
  const artifactsFile = join(runDir, 'artifacts.json');
  writeFileSync(artifactsFile, JSON.stringify(artifacts, null, 2));

  let code = 1;
  let leftovers = 0;
  try {
    code = await timed('editor suites', () => runSuites(artifactsFile, runDir));
  } finally {
    leftovers = sweepLeftovers(runDir);
    keepVsCodeLogs(runDir);
    rmSync(runDir, { recursive: true, force: true });
  }
  // Shown for the record: code-server or Chromium processes still on the machine belong to other runs (this
  // run's were found by their marker above); zombies waiting for init to reap them are left out.
  const alive = findLiveProcesses(/code-server|chromium/);
  console.log(`[test:editor] no process of this run is left; other code-server/chromium processes on this machine: ${alive.length === 0 ? 'none' : alive.map((p) => `\n  ${p.pid} ${p.command.slice(0, 120)}`).join('')}`);
  timings.push(['total', Date.now() - started]);
  console.log(`[test:editor] times: ${timings.map(([w, ms]) => `${w} ${(ms / 1000).toFixed(1)} s`).join('; ')}`);
  console.log(`[test:editor] screenshots and logs: ${relative(root, resultsDir)}/`);
  if (leftovers > 0) {
    console.error(`[test:editor] FAILED: ${leftovers} process(es) of the run were still alive after the suites`);
    return code || 1;
  }
  if (code !== 0) console.error('[test:editor] FAILED: see the failing tests named above (✖)');
  return code;
}

/**
 * Runs main() holding a lock for this checkout: a second `npm run test:editor` in the same repo waits, since
 * both would rebuild dist/ and test-results/editor/ under each other (and two editors on two cores are slow).
 */
function runLocked(): number | undefined {
  if (process.env.MCPWK_EDITOR_LOCKED) return undefined;
  const lock = join(root, 'test-results', 'editor.lock');
  mkdirSync(join(root, 'test-results'), { recursive: true });
  const rerun = [process.execPath, ...process.execArgv, __filename];
  const env = { ...process.env, MCPWK_EDITOR_LOCKED: '1' };
  const free = spawnSync('flock', ['-n', lock, 'true']).status === 0;
  if (!free) console.log('[test:editor] another test:editor run holds this checkout: waiting for it to finish');
  return spawnSync('flock', [lock, ...rerun], { stdio: 'inherit', env }).status ?? 1;
}

const lockedExit = runLocked();
if (lockedExit !== undefined) process.exit(lockedExit);

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`[test:editor] FAILED: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
