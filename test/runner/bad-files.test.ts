// Issue 13, cases 5 and 6 (and later the encoding cases): files no one should write still get a positioned
// problem or a skip with a reason, and one bad file never stops `check` or `run` from saying so clearly.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { workflowHash } from '../../src/core/workflow/checkpoints';
import { exampleConfig, root, runCli, tempDir } from './helpers';

/** Runs the CLI as a user the file modes apply to: as root (which reads everything), as nobody. */
function runCliUnprivileged(args: string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const asRoot = process.getuid?.() === 0;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(root, 'bin', 'mcp-workflow.js'), ...args], { cwd, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'], ...(asRoot ? { uid: 65534, gid: 65534 } : {}) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const tool = `import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
const server = new McpServer({ name: 'x', version: '1.0.0' });
server.registerTool('hello', { description: 'Says hello.', inputSchema: {} }, async () => ({ content: [{ type: 'text', text: 'hi' }] }));
`;

const nested = (levels: number): string => `${'['.repeat(levels)}${']'.repeat(levels)}`;

describe('bad files', () => {
  test('case 5: a workflow file nested 2,000 levels deep is a positioned error, and check still checks the other files', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'deep.workflow.json'), `{"id":"d","server":"s","steps":[{"id":"a","tool":"t","arguments":{"x":${nested(2000)}}}]}`);
    writeFileSync(join(dir, 'other.workflow.json'), '{"id":"o","server":"s","steps":[{"id":"a","tool":"t","arguments":{"x":"${steps.nope.result}"}}]}');
    const r = await runCli(['check', dir], dir);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.doesNotMatch(r.stderr, /internal error/);
    assert.match(r.stdout, /deep\.workflow\.json\n\s+1:\d+\s+error\s+objects and arrays nest more than 100 levels deep/);
    assert.match(r.stdout, /other\.workflow\.json\n\s+1:\d+\s+error\s+.*no step "nope"/);
    const run = await runCli(['run', join(dir, 'deep.workflow.json')], dir);
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /deep\.workflow\.json:1:\d+: objects and arrays nest more than 100 levels deep/);
  });

  test('case 5: an mcp.json nested 2,000 levels deep is a positioned error, exit 2', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, '.vscode'));
    writeFileSync(join(dir, '.vscode', 'mcp.json'), `{"servers":{"s":{"type":"stdio","command":"node","args":${nested(2000)}}}}`);
    writeFileSync(join(dir, 'w.workflow.json'), '{"id":"w","server":"s","steps":[{"id":"a","tool":"t"}]}');
    const r = await runCli(['run', join(dir, 'w.workflow.json')], dir);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /mcp\.json:1:\d+: .*nest more than 100 levels deep/);
  });

  test('case 6: an unreadable directory is skipped with its reason by check and list, not an abort', async (t) => {
    const dir = tempDir();
    chmodSync(dir, 0o755);
    writeFileSync(join(dir, 'server.ts'), tool);
    const locked = join(dir, 'locked');
    mkdirSync(locked);
    writeFileSync(join(locked, 'other.ts'), tool);
    chmodSync(locked, 0o000);
    t.after(() => chmodSync(locked, 0o755));
    const check = await runCliUnprivileged(['check', '.'], dir);
    assert.equal(check.code, 0, check.stdout + check.stderr);
    assert.match(check.stderr, /skipped locked: .*permission denied/i);
    const json = await runCliUnprivileged(['check', '.', '--format', 'json'], dir);
    assert.equal(json.code, 0, json.stderr);
    assert.ok((JSON.parse(json.stdout) as { diagnostics: { file: string; ruleId: string }[] }).diagnostics.some((d) => d.file === 'locked' && d.ruleId === 'file-skipped'), json.stdout);
    const list = await runCliUnprivileged(['list', '.', '--json'], dir);
    assert.equal(list.code, 0, list.stderr);
    const report = JSON.parse(list.stdout) as { tools: { name: string }[]; skipped: { file: string; reason: string }[] };
    assert.deepEqual(report.tools.map((x) => x.name), ['hello']);
    assert.match(report.skipped.find((x) => x.file === 'locked')?.reason ?? '', /permission denied/i);
  });

  test('case 6: a FIFO, /dev/zero and a file over 2 MiB are skipped with a reason in every format, and run refuses them', { timeout: 30_000 }, async () => {
    const dir = tempDir();
    const fifo = join(dir, 'fifo.workflow.json');
    const made = await new Promise<number | null>((resolve) => spawn('mkfifo', [fifo]).on('close', resolve));
    assert.equal(made, 0);
    symlinkSync('/dev/zero', join(dir, 'zero.workflow.json'));
    writeFileSync(join(dir, 'big.workflow.json'), `{"id":"b","server":"s","description":"${'x'.repeat(3 * 1024 * 1024)}","steps":[{"id":"a","tool":"t"}]}`);
    const files = ['fifo.workflow.json', 'zero.workflow.json', 'big.workflow.json'];
    const text = await runCli(['check', ...files], dir);
    assert.equal(text.code, 0, text.stdout + text.stderr);
    assert.match(text.stderr, /skipped fifo\.workflow\.json: not a regular file/);
    assert.match(text.stderr, /skipped zero\.workflow\.json: not a regular file/);
    assert.match(text.stderr, /skipped big\.workflow\.json: larger than 2 MiB/);
    const json = await runCli(['check', ...files, '--format', 'json'], dir);
    assert.deepEqual((JSON.parse(json.stdout) as { diagnostics: { file: string; ruleId: string }[] }).diagnostics.filter((d) => d.ruleId === 'file-skipped').map((d) => d.file).sort(), [...files].sort());
    const sarif = await runCli(['check', ...files, '--format', 'sarif'], dir);
    assert.equal((JSON.parse(sarif.stdout) as { runs: { results: { ruleId: string }[] }[] }).runs[0]!.results.filter((r) => r.ruleId === 'file-skipped').length, 3);
    for (const file of files) {
      const run = await runCli(['run', file], dir);
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, /cannot read .*(not a regular file|larger than 2 MiB)/);
    }
  });
});

describe('encodings', () => {
  test('case 12: a workflow file that is not UTF-8 is refused by run and skipped by check, with the reason', async () => {
    const dir = tempDir();
    const file = join(dir, 'latin1.workflow.json');
    // "Café" in Latin-1: the byte 0xE9 alone is not UTF-8.
    writeFileSync(file, Buffer.concat([Buffer.from('{"id":"l","server":"example-stdio","steps":[{"id":"a","tool":"workflow_log","arguments":{"workflow_id":"Caf'), Buffer.from([0xe9]), Buffer.from('","action":"x","actor":"y"}}]}')]));
    const run = await runCli(['run', file, '--config', exampleConfig()], dir);
    assert.equal(run.code, 2, run.stdout + run.stderr);
    assert.match(run.stderr, /cannot read .*latin1\.workflow\.json: not valid UTF-8/);
    const check = await runCli(['check', file, '--format', 'json'], dir);
    const skipped = (JSON.parse(check.stdout) as { diagnostics: { ruleId: string; message: string }[] }).diagnostics.find((d) => d.ruleId === 'file-skipped');
    assert.match(skipped?.message ?? '', /not valid UTF-8/);
  });

  test('case 12: a UTF-8 byte order mark in a workflow file and in mcp.json is accepted', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, '.vscode'));
    const bom = '\ufeff';
    writeFileSync(join(dir, '.vscode', 'mcp.json'), `${bom}${JSON.stringify({ servers: { 'example-stdio': { type: 'stdio', command: process.execPath, args: [join(root, 'dist', 'example-server.js'), '--stdio'] } } })}`);
    const file = join(dir, 'bom.workflow.json');
    writeFileSync(file, `${bom}${JSON.stringify({ id: 'bom', server: 'example-stdio', steps: [{ id: 'top', tool: 'sales_top_customers', arguments: { limit: 1 } }] })}`);
    const check = await runCli(['check', file], dir);
    assert.equal(check.code, 0, check.stdout);
    const run = await runCli(['run', file], dir);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /✓ bom passed/);
    // Its checkpoint records the hash of the text without the mark, as VS Code's buffer has it, so a run started
    // in the editor resumes from the CLI (and back) without "the file changed".
    const saved = join(dir, 'saved.workflow.json');
    const text = JSON.stringify({ id: 'bom2', server: 'example-stdio', steps: [{ id: 'cp', checkpoint: { name: 'c' } }, { id: 'top', tool: 'sales_top_customers', arguments: { limit: 1 } }] });
    writeFileSync(saved, `${bom}${text}`);
    const second = await runCli(['run', saved, '--json'], dir);
    assert.equal(second.code, 0, second.stdout + second.stderr);
    const runId = (JSON.parse(second.stdout) as { runId: string }).runId;
    const checkpoint = JSON.parse(readFileSync(join(dir, '.mcp-workflow', 'runs', `${runId}.json`), 'utf8')) as { workflowHash: string };
    assert.equal(checkpoint.workflowHash, workflowHash(text));
  });
});

describe('write failures', () => {
  const customerAnalysis = join(root, 'examples', 'customer-analysis.workflow.json');
  const config = exampleConfig();

  test('case 14: --audit pointing at a folder is a clear error, exit 2, before anything runs', async () => {
    const dir = tempDir();
    const r = await runCli(['run', customerAnalysis, '--config', config, '--audit', dir], dir);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /^mcp-workflow run: cannot write the audit log .*: it is a folder; give --audit a file name\n$/);
    assert.equal(r.stdout, '', 'nothing ran');
  });

  test('case 14: a workspace folder the user cannot write to is a clear error, exit 2, before anything runs', async () => {
    const dir = tempDir();
    chmodSync(dir, 0o755);
    const own = exampleConfig();
    chmodSync(dirname(own), 0o755);
    chmodSync(dirname(dirname(own)), 0o555);
    const r = await runCliUnprivileged(['run', customerAnalysis, '--config', own], dir);
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.match(r.stderr, /^mcp-workflow run: cannot write the audit log .*: permission denied/);
    assert.doesNotMatch(r.stderr, /internal error/);
    assert.equal(r.stdout, '', 'nothing ran');
  });
});
