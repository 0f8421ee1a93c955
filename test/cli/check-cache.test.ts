// `mcp-workflow check --cache`: an unchanged file is served from the cache, a changed one is read again, a change
// of the settings or of the tool's version starts afresh, and the output is the same as without the cache.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CheckCache } from '../../src/cli/check-cache';
import { repoRoot, runCli } from './run-cli';

describe('mcp-workflow check --cache', () => {
  const ws = mkdtempSync(join(tmpdir(), 'mcpwk-cache-'));
  cpSync(join(repoRoot, 'test/fixtures/ts'), join(ws, 'ts'), { recursive: true });
  cpSync(join(repoRoot, 'test/fixtures/rust/seed'), join(ws, 'seed'), { recursive: true });
  const check = (...extra: string[]) => runCli(['check', ws, '--format', 'json', '--cache-location', join(ws, '.cache'), ...extra]);
  const fromCache = (stderr: string) => /(\d+) of (\d+) files from the cache(, diagnostics too)?/.exec(stderr);

  it('serves an unchanged tree from the cache, with the output of a run without it', () => {
    const plain = check();
    const first = check('--cache');
    const second = check('--cache');
    assert.equal(fromCache(first.stderr)?.[1], '0');
    const [, hits, all, diagnostics] = fromCache(second.stderr) ?? [];
    assert.equal(hits, all);
    assert.ok(diagnostics, second.stderr);
    assert.equal(first.stdout, plain.stdout);
    assert.equal(second.stdout, plain.stdout);
  });

  it('answers an unchanged tree without loading the heavy half (no extractor, no rule), and loads it to check', () => {
    // A preload that prints, as the process exits, every module file it loaded.
    const hook = join(ws, 'loaded-modules.js');
    writeFileSync(hook, "process.on('exit', () => process.stderr.write('\\nLOADED ' + JSON.stringify(Object.keys(require.cache)) + '\\n'));");
    const loaded = (...args: string[]) => {
      const r = spawnSync(process.execPath, ['--require', hook, join(repoRoot, 'bin', 'mcp-workflow.js'), 'check', ws, '--cache-location', join(ws, '.cache'), '--cache', ...args], { encoding: 'utf8' });
      const files = JSON.parse(/^LOADED (.*)$/m.exec(r.stderr)?.[1] ?? '[]') as string[];
      return { r, bundles: files.filter((f) => f.startsWith(join(repoRoot, 'dist'))).map((f) => f.slice(join(repoRoot, 'dist').length + 1)).sort() };
    };
    loaded('--format', 'json');
    for (const format of ['json', 'text']) {
      const { r, bundles } = loaded('--format', format);
      assert.match(r.stderr, /files from the cache, diagnostics too/);
      assert.deepEqual(bundles, ['cli.js'], `${format}: ${r.stderr}`);
    }
    writeFileSync(join(ws, 'ts', 'added.ts'), "server.registerTool('added_tool', { description: 'Adds.' }, async () => ({ content: [] }));\n");
    const { r, bundles } = loaded('--format', 'json');
    assert.deepEqual(bundles, ['cli-heavy.js', 'cli.js'], r.stderr);
    const [, hits, all] = fromCache(r.stderr) ?? [];
    assert.equal(Number(hits), Number(all) - 1, r.stderr);
    assert.equal(r.stdout, check().stdout);
  });

  it('reads a changed file again and serves the others', () => {
    appendFileSync(join(ws, 'ts', 'legacy-style.ts'), '\n// edited\n');
    const r = check('--cache');
    const [, hits, all, diagnostics] = fromCache(r.stderr) ?? [];
    assert.equal(Number(hits), Number(all) - 1, r.stderr);
    assert.equal(diagnostics, undefined);
    assert.equal(r.stdout, check().stdout);
  });

  it('reads a Go file again when the file of its package declaring a tool\'s arguments struct changes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mcpwk-cache-go-'));
    cpSync(join(repoRoot, 'test/fixtures/go/gosdk-package'), dir, { recursive: true });
    const checkGo = (...extra: string[]) => runCli(['check', dir, '--format', 'json', '--cache-location', join(dir, '.cache'), ...extra]);
    checkGo('--cache');
    const notes = join(dir, 'notes.go');
    // The id argument loses its description: main.go's get_note is read again, and says so.
    writeFileSync(notes, readFileSync(notes, 'utf8').replace(' jsonschema:"The note\'s id, from search_notes output"', ''));
    const r = checkGo('--cache');
    const [, hits, all] = fromCache(r.stderr) ?? [];
    assert.equal(Number(hits), Number(all) - 2, r.stderr);
    assert.equal(r.stdout, checkGo().stdout);
    const messages = (stdout: string) => (JSON.parse(stdout) as { diagnostics: { message: string }[] }).diagnostics.map((d) => d.message);
    assert.ok(messages(r.stdout).some((m) => m.includes('Input `id` of tool `get_note` has no description')), r.stdout);
  });

  it('starts afresh when a setting changes', () => {
    check('--cache');
    assert.equal(fromCache(check('--cache', '--protocol-revision', '2026-07-28').stderr)?.[1], '0');
  });

  it('keeps nothing across versions of the tool (the key holds the version)', async () => {
    const folder = join(ws, 'unit-cache');
    const model = { file: '/x.ts', language: 'typescript' as const, prompts: [], tools: [], problems: [] };
    const before = new CheckCache(folder, JSON.stringify(['1.0.0']));
    await before.put('/x.ts', 'text', model, async () => undefined);
    const run = before.runKey({});
    before.save(run, [], false);
    const same = new CheckCache(folder, JSON.stringify(['1.0.0']));
    assert.ok(await same.get('/x.ts', 'text', async () => undefined));
    assert.equal(same.diagnosticsFor(same.runKey({}))?.length, 0);
    const next = new CheckCache(folder, JSON.stringify(['1.0.1']));
    assert.equal(await next.get('/x.ts', 'text', async () => undefined), undefined);
    assert.equal(next.diagnosticsFor(run), undefined);
  });
});
