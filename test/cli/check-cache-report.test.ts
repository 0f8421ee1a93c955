// `mcp-workflow check --cache` keeps the last report as printed (report.txt) and prints it again for an unchanged
// tree, format and settings: every run prints exactly what a run without the cache prints, and exits the same,
// whatever else of what the report shows changed (the format, a rule's level, a file left out or skipped, the
// warnings allowed), and a report file cut short or of another key is not used.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from './run-cli';

const SERVER = `import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

const server = new McpServer({ name: 'notes', version: '1.0.0' });

server.registerTool('list_notes', { inputSchema: { tag: z.string() } }, async () => ({ content: [] }));

server.registerTool(
  'get_note',
  { description: 'Gets one note by the id list_notes returns.', inputSchema: { id: z.string().describe('The note id, from list_notes') } },
  async () => ({ content: [] }),
);
`;

/** A workspace of one server file with one warning (a tool without a description) and one hint, and no error. */
function workspace(): string {
  const ws = mkdtempSync(join(tmpdir(), 'mcpwk-cache-report-'));
  writeFileSync(join(ws, 'server.ts'), SERVER);
  return ws;
}

const printedLast = /files from the cache, diagnostics too \(the report as printed last\)/;

describe('mcp-workflow check --cache: the report as printed last', () => {
  const ws = workspace();
  const run = (cache: boolean, ...args: string[]) => runCli(['check', ws, '--cache-location', join(ws, '.cache'), ...(cache ? ['--cache'] : []), ...args]);
  /** A cached run and a plain one with the same arguments: the same output and exit code. */
  const same = (...args: string[]) => {
    const cached = run(true, ...args);
    const plain = run(false, ...args);
    assert.equal(cached.stdout, plain.stdout, cached.stderr);
    assert.equal(cached.status, plain.status, cached.stderr);
    return cached;
  };

  it('prints the report kept for an unchanged tree, in each format, as a run without the cache does', () => {
    for (const format of ['json', 'text', 'sarif']) {
      const first = same('--format', format);
      assert.doesNotMatch(first.stderr, printedLast, `${format}: the first run of a format checks`);
      const second = same('--format', format);
      assert.match(second.stderr, printedLast, format);
    }
    assert.match(run(true, '--format', 'text').stdout, /1 problems|2 problems/);
  });

  it('works the exit code out from the kept counts: --max-warnings 0 fails on the kept warning, and passes without it', () => {
    same('--max-warnings', '0');
    const kept = same('--max-warnings', '0');
    assert.match(kept.stderr, printedLast);
    assert.equal(kept.status, 1);
    const allowed = same('--max-warnings', '1');
    assert.match(allowed.stderr, printedLast);
    assert.equal(allowed.status, 0);
  });

  it('prints afresh when a rule is turned off in mcp-workflow.json, and when it is turned on again', () => {
    same('--format', 'json');
    writeFileSync(join(ws, 'mcp-workflow.json'), JSON.stringify({ rules: { 'descriptions/missing': 'off' } }));
    const off = same('--format', 'json');
    assert.doesNotMatch(off.stderr, printedLast);
    assert.doesNotMatch(off.stdout, /descriptions\/missing/);
    writeFileSync(join(ws, 'mcp-workflow.json'), JSON.stringify({ rules: {} }));
    assert.match(same('--format', 'json').stdout, /descriptions\/missing/);
  });

  it('prints afresh when a test file is left out, or a file is skipped, though the models checked are the same', () => {
    same('--format', 'json');
    mkdirSync(join(ws, 'test'), { recursive: true });
    writeFileSync(join(ws, 'test', 'server.test.ts'), SERVER);
    const leftOut = same('--format', 'json');
    assert.deepEqual((JSON.parse(leftOut.stdout) as { testFilesLeftOut: string[] }).testFilesLeftOut.length, 1);
    symlinkSync(join(ws, 'server.ts'), join(ws, 'linked.ts'));
    const skipped = same('--format', 'json');
    assert.equal((JSON.parse(skipped.stdout) as { skipped: unknown[] }).skipped.length, 1, skipped.stdout);
    assert.match(same('--format', 'json').stderr, printedLast);
  });

  it('does not use a report file cut short, or one whose first line is of another key', () => {
    same('--format', 'json');
    const file = join(ws, '.cache', 'report.txt');
    const whole = readFileSync(file);
    writeFileSync(file, whole.subarray(0, whole.length - 40));
    assert.doesNotMatch(same('--format', 'json').stderr, printedLast);
    const text = readFileSync(file, 'utf8');
    const head = JSON.parse(text.slice(0, text.indexOf('\n'))) as { key: string };
    writeFileSync(file, text.replace(head.key, 'f'.repeat(head.key.length)).replace('"diagnostics"', '"diagnostix"'));
    const other = same('--format', 'json');
    assert.doesNotMatch(other.stderr, printedLast);
    assert.doesNotMatch(other.stdout, /diagnostix/);
  });
});
