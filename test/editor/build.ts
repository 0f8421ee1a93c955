// Prepares everything an editor session needs before any editor starts: code-server (through the project's
// setup script), the extension's VSIX built from the working tree, the test-runner extension's VSIX, and the
// extension-host tests compiled to CommonJS.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { build, type BuildOptions } from 'esbuild';

/** esbuild options for code that runs in the extension host: CommonJS for Node 20, `vscode` supplied by it. */
export const bundleOptions: BuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // Mocha stays outside: the runner and the tests' globals must come from the one instance the runner loads.
  external: ['vscode', 'mocha'],
  // jsonc-parser's UMD entry hides its requires from esbuild; its ES module entry bundles cleanly.
  mainFields: ['module', 'main'],
  logLevel: 'warning',
};

/** Paths the suites read from the artifacts file that run.ts writes. */
export interface EditorArtifacts {
  readonly root: string;
  readonly codeServerEntry: string;
  readonly extensionVsix: string;
  readonly extensionId: string;
  /** The packaged package.json, extracted from the VSIX. */
  readonly extensionManifest: string;
  readonly runnerVsix: string;
  /** Extension-host test files, by name inside the runner extension's out/host folder. */
  readonly hostTestFiles: readonly string[];
  readonly mochaPath: string;
  /** Scratch folder of this run (homes, user-data-dirs, pids); its path appears in every process it starts. */
  readonly runDir: string;
  /** Where screenshots, logs and results go (test-results/editor). */
  readonly resultsDir: string;
}

/**
 * Runs a step and throws a message naming the step when it fails. A quiet step prints its output only then;
 * the extension's own packaging stays loud, since its file list shows what the VSIX really contains.
 */
function step(what: string, command: string, args: readonly string[], cwd: string, quiet = false): void {
  const r = spawnSync(command, args, { cwd, stdio: ['ignore', quiet ? 'pipe' : 'inherit', quiet ? 'pipe' : 'inherit'] });
  if (r.status === 0) return;
  if (quiet) process.stderr.write(`${r.stdout?.toString() ?? ''}${r.stderr?.toString() ?? ''}`);
  throw new Error(`${what} failed (${command} ${args.join(' ')} exited ${r.status ?? r.signal})`);
}

/** Installs code-server if needed and returns its entry script (the setup script prints it last). */
export function setupEditor(root: string): string {
  const r = spawnSync('bash', [join(root, 'scripts', 'setup-editor.sh')], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  if (r.status !== 0) throw new Error(`scripts/setup-editor.sh failed (exit ${r.status ?? r.signal})`);
  const entry = r.stdout.toString().trim().split('\n').pop() ?? '';
  if (!existsSync(entry)) throw new Error(`scripts/setup-editor.sh printed no code-server entry (got "${entry}")`);
  return entry;
}

/**
 * Builds the extension's VSIX with `npm run package`; returns its path, `publisher.name`, and the packaged
 * package.json, copied to `manifestCopy` so UI tests can read what the VSIX contributes.
 */
export function packageExtension(root: string, manifestCopy: string): { vsix: string; id: string; manifest: string } {
  step('npm run package', 'npm', ['run', '--silent', 'package'], root);
  const vsix = join(root, 'dist', 'mcp-workflow-kit.vsix');
  if (!existsSync(vsix)) throw new Error(`npm run package wrote no ${vsix}`);
  // The id comes from the packaged manifest, which is what VS Code installs.
  const text = execFileSync('unzip', ['-p', vsix, 'extension/package.json']).toString();
  mkdirSync(dirname(manifestCopy), { recursive: true });
  writeFileSync(manifestCopy, text);
  const manifest = JSON.parse(text) as { publisher: string; name: string };
  return { vsix, id: `${manifest.publisher}.${manifest.name}`, manifest: manifestCopy };
}

/**
 * Bundles the test-runner extension, compiles the extension-host tests into its out/host folder (so VS Code
 * gives them the runner's own `vscode` API), and packages it with vsce into `outDir`. Returns the VSIX and
 * the test files' names inside out/host.
 */
export async function packageRunnerExtension(root: string, outDir: string): Promise<{ vsix: string; hostTests: string[] }> {
  const source = join(root, 'test', 'editor', 'runner-extension');
  const stage = join(outDir, 'runner-extension');
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(stage, { recursive: true });
  cpSync(join(source, 'package.json'), join(stage, 'package.json'));
  cpSync(join(source, 'README.md'), join(stage, 'README.md'));
  await build({ ...bundleOptions, entryPoints: [join(source, 'src', 'extension.ts')], outfile: join(stage, 'out', 'extension.js') });
  const hostTests = await compileHostTests(root, join(stage, 'out', 'host'));
  const vsix = join(outDir, 'mcpwk-editor-test-runner.vsix');
  const vsce = join(root, 'node_modules', '.bin', 'vsce');
  step('packaging the test-runner extension', vsce, ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '-o', vsix], stage, true);
  return { vsix, hostTests: hostTests.map((f) => basename(f)) };
}

/** Compiles every `*.test.ts` under test/editor/host to CommonJS in `outDir` and returns the output paths. */
export async function compileHostTests(root: string, outDir: string): Promise<string[]> {
  const hostDir = join(root, 'test', 'editor', 'host');
  const sources = readdirSync(hostDir).filter((f) => f.endsWith('.test.ts')).sort();
  rmSync(outDir, { recursive: true, force: true });
  await build({ ...bundleOptions, entryPoints: sources.map((f) => join(hostDir, f)), outdir: outDir });
  return sources.map((f) => join(outDir, f.replace(/\.ts$/, '.js')));
}

/** Absolute path of mocha's entry as the repo resolves it. */
export function resolveMocha(root: string): string {
  return createRequire(join(root, 'package.json')).resolve('mocha');
}
