// `npm run test:electron`: the extension-host tests in a VS Code that @vscode/test-electron downloads, for
// developers with internet access. CI cannot download VS Code and runs `npm run test:editor` instead.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { build } from 'esbuild';
import { bundleOptions, compileHostTests, resolveMocha } from './build';
import { CONFIG_ENV, type RunnerConfig } from './protocol';

const root = join(__dirname, '..', '..');
const VSCODE_VERSION = '1.100.3';

async function main(): Promise<number> {
  const built = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('npm run build failed');
  const out = join(root, 'test-results', 'editor', 'electron');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  await build({ ...bundleOptions, entryPoints: [join(root, 'test', 'editor', 'electron-entry.ts')], outfile: join(out, 'entry.js') });
  const files = await compileHostTests(root, join(out, 'host'));
  const dir = mkdtempSync(join(tmpdir(), 'mcpwk-electron-'));
  const workspace = join(dir, 'rust-server');
  cpSync(join(root, 'test', 'editor', 'workspaces', 'rust-server'), workspace, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { publisher: string; name: string };
  const config: RunnerConfig = {
    mochaPath: resolveMocha(root),
    files,
    resultsFile: join(out, 'host-results.json'),
    timeoutMs: 30_000,
    params: {
      session: 'electron',
      trusted: true,
      workspace,
      extensionId: `${manifest.publisher}.${manifest.name}`,
      forceFail: Boolean(process.env.EDITOR_TEST_FORCE_FAIL),
    },
  };
  const configPath = join(dir, 'runner-config.json');
  writeFileSync(configPath, JSON.stringify(config, null, 2));
  try {
    return await runTests({
      version: VSCODE_VERSION,
      extensionDevelopmentPath: root,
      extensionTestsPath: join(out, 'entry.js'),
      extensionTestsEnv: { [CONFIG_ENV]: configPath },
      launchArgs: [workspace, '--disable-workspace-trust', '--disable-extensions', '--user-data-dir', join(dir, 'user-data')],
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`test:electron failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
