// The watched entry's launcher survives an extension update: it runs the install that wrote it, and when an update
// has moved the extension to a new folder (the old one deleted, not yet activated to rewrite the launcher), the
// newest install beside it; activation rewrites it, and a launcher with nothing to run says so. Real node processes
// run the launcher, on a folder laid out as VS Code's extensions folder is.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { LAUNCHER_FILE } from '../../src/core/mcp/watch-launcher';
import { ensureLauncher } from '../../src/extension/watch/launcher';
import { repoRoot } from '../cli/run-cli';

const id = 'mcp-workflow-kit.mcp-workflow-kit';

/** An install folder `id-version` whose bin/mcp-workflow.js prints its version and arguments. */
function install(extensions: string, version: string): string {
  const bin = join(extensions, `${id}-${version}`, 'bin');
  mkdirSync(bin, { recursive: true });
  const cli = join(bin, 'mcp-workflow.js');
  writeFileSync(cli, `process.stdout.write(${JSON.stringify(version)} + ' ' + process.argv.slice(2).join(' '));\n`);
  return cli;
}

function run(launcher: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [launcher, 'proxy', '--server', 'example'], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the watched entry launcher', () => {
  it('runs the install that wrote it, then after an update the newest install, then what activation rewrote', async () => {
    const root = mkdtempSync(join(tmpdir(), 'launcher-'));
    const extensions = join(root, 'extensions');
    const storage = join(root, 'globalStorage', id);
    const old = install(extensions, '0.9.0');
    const launcher = await ensureLauncher(storage, old, id);
    assert.equal(launcher, join(storage, LAUNCHER_FILE));
    assert.deepEqual(run(launcher), { status: 0, stdout: '0.9.0 proxy --server example', stderr: '' });
    // An update: new folders appear, the old one is deleted; the launcher has not been rewritten yet.
    install(extensions, '0.10.0');
    install(extensions, '0.2.0');
    mkdirSync(join(extensions, 'other.extension-9.9.9', 'bin'), { recursive: true });
    writeFileSync(join(extensions, 'other.extension-9.9.9', 'bin', 'mcp-workflow.js'), 'process.stdout.write("wrong");');
    rmSync(join(extensions, `${id}-0.9.0`), { recursive: true });
    assert.equal(run(launcher).stdout, '0.10.0 proxy --server example');
    // Activation of the new version rewrites it (same path: the mcp.json entry is unchanged).
    const rewritten = await ensureLauncher(storage, join(extensions, `${id}-0.2.0`, 'bin', 'mcp-workflow.js'), id);
    assert.equal(rewritten, launcher);
    assert.equal(run(launcher).stdout, '0.2.0 proxy --server example');
    // The extension uninstalled: a clear message and exit 2, not a stack trace.
    rmSync(extensions, { recursive: true });
    const gone = run(launcher);
    assert.equal(gone.status, 2);
    assert.match(gone.stderr, /the MCP Workflow Kit extension is not installed any more/);
  });

  it('is rewritten only when its text changes, and runs the real CLI of this checkout', async () => {
    const storage = join(mkdtempSync(join(tmpdir(), 'launcher-')), 'storage');
    const cli = join(repoRoot, 'bin', 'mcp-workflow.js');
    const launcher = await ensureLauncher(storage, cli, id);
    const text = readFileSync(launcher, 'utf8');
    const past = new Date(Date.UTC(2020, 0, 1));
    utimesSync(launcher, past, past);
    await ensureLauncher(storage, cli, id);
    assert.equal(statSync(launcher).mtimeMs, past.getTime(), 'an unchanged launcher is not written again');
    assert.equal(readFileSync(launcher, 'utf8'), text);
    await ensureLauncher(storage, join(storage, 'elsewhere.js'), id);
    assert.notEqual(statSync(launcher).mtimeMs, past.getTime(), 'a changed one is');
    await ensureLauncher(storage, cli, id);
    const r = spawnSync(process.execPath, [launcher, 'replay', '--help'], { encoding: 'utf8' });
    assert.equal(r.status, 0);
    assert.match(r.stdout, /^Usage: mcp-workflow replay TRACE/);
  });
});
