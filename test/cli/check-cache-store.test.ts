// The cache folder of `mcp-workflow check --cache`: a small index (content hashes, the last run's key) beside the
// last report printed, the last run's diagnostics and a store of per-file models. An unchanged tree is answered
// from the index and the report (or the diagnostics) without the store; a damaged file of any of them is ignored
// (the run reads and checks again).
import assert from 'node:assert/strict';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot, runCli } from './run-cli';

const fromCache = (stderr: string) => {
  const [, hits, all, diagnostics] = /(\d+) of (\d+) files from the cache(, diagnostics too)?/.exec(stderr) ?? [];
  return { hits: Number(hits), all: Number(all), diagnostics: diagnostics !== undefined };
};

/** A copy of some fixtures with a cache folder in it, checked once with the cache. */
function workspace() {
  const ws = mkdtempSync(join(tmpdir(), 'mcpwk-cache-store-'));
  cpSync(join(repoRoot, 'test/fixtures/ts'), join(ws, 'ts'), { recursive: true });
  cpSync(join(repoRoot, 'test/fixtures/rust/seed'), join(ws, 'seed'), { recursive: true });
  cpSync(join(repoRoot, 'test/fixtures/rules/tools-unknown-tool/imported-text'), join(ws, 'imported'), { recursive: true });
  const cacheDir = join(ws, '.cache');
  const check = (...extra: string[]) => runCli(['check', ws, '--format', 'json', '--cache-location', cacheDir, ...extra]);
  const cached = () => check('--cache');
  const plain = check().stdout;
  assert.equal(cached().stdout, plain);
  return { ws, cacheDir, cached, plain };
}

/** Cuts a file to half its length, as a crash or a full disk can leave it. */
function truncate(file: string): void {
  writeFileSync(file, readFileSync(file).subarray(0, Math.floor(statSync(file).size / 2)));
}

describe('mcp-workflow check --cache: the cache folder', () => {
  it('answers an unchanged tree without the model store, and needs it once a file changes', () => {
    const { ws, cacheDir, cached, plain } = workspace();
    assert.ok(readdirSync(join(cacheDir, 'models')).length > 0);
    rmSync(join(cacheDir, 'models'), { recursive: true });
    const unchanged = cached();
    const served = fromCache(unchanged.stderr);
    assert.equal(served.hits, served.all, unchanged.stderr);
    assert.ok(served.diagnostics, unchanged.stderr);
    assert.equal(unchanged.stdout, plain);
    // With one file changed the other models are wanted, and without the store every one is read again.
    appendFileSync(join(ws, 'ts', 'legacy-style.ts'), '\n// edited\n');
    const changed = cached();
    assert.equal(fromCache(changed.stderr).hits, 0, changed.stderr);
    assert.equal(changed.stdout, runCli(['check', ws, '--format', 'json']).stdout);
    // The store is whole again: the next change is served from it.
    appendFileSync(join(ws, 'ts', 'legacy-style.ts'), '\n// edited again\n');
    const again = cached();
    assert.equal(fromCache(again.stderr).hits, fromCache(again.stderr).all - 1, again.stderr);
  });

  it('ignores a truncated index, report, run or model file, with the output of a run without the cache', () => {
    const { ws, cacheDir, cached, plain } = workspace();
    // The report is whole: the run's diagnostics are not read.
    truncate(join(cacheDir, 'run.json'));
    const reported = cached();
    assert.equal(reported.status, 1);
    assert.match(reported.stderr, /the report as printed last/);
    assert.equal(reported.stdout, plain);
    truncate(join(cacheDir, 'report.txt'));
    truncate(join(cacheDir, 'run.json'));
    const run = cached();
    assert.equal(run.status, 1);
    assert.equal(fromCache(run.stderr).diagnostics, false, run.stderr);
    assert.equal(run.stdout, plain);

    const models = readdirSync(join(cacheDir, 'models'));
    for (const model of models) truncate(join(cacheDir, 'models', model));
    appendFileSync(join(ws, 'ts', 'legacy-style.ts'), '\n// edited\n');
    const spoiled = cached();
    assert.equal(fromCache(spoiled.stderr).hits, 0, spoiled.stderr);
    const edited = runCli(['check', ws, '--format', 'json']).stdout;
    assert.equal(spoiled.stdout, edited);

    truncate(join(cacheDir, 'index.json'));
    const index = cached();
    assert.equal(fromCache(index.stderr).hits, 0, index.stderr);
    assert.equal(index.stdout, edited);
  });

  it('ignores entries of the index that are not what it writes', () => {
    const { cacheDir, cached, plain } = workspace();
    const index = JSON.parse(readFileSync(join(cacheDir, 'index.json'), 'utf8')) as { files: Record<string, unknown> };
    const files = Object.keys(index.files);
    index.files[files[0]!] = 42;
    index.files[files[1]!] = { hash: null, reads: 'x' };
    index.files[files[2]!] = { ...(index.files[files[2]!] as object), reads: { '/nowhere': 7 } };
    writeFileSync(join(cacheDir, 'index.json'), JSON.stringify(index));
    const r = cached();
    assert.equal(fromCache(r.stderr).hits, fromCache(r.stderr).all - 3, r.stderr);
    assert.equal(r.stdout, plain);
    for (const garbage of ['null', '[]', '{"files": null}', '"index"']) {
      writeFileSync(join(cacheDir, 'index.json'), garbage);
      assert.equal(cached().stdout, plain, garbage);
    }
  });

  it('never takes a stored model made from other imported texts, as after a run that stopped before its index was written', () => {
    const { ws, cacheDir, cached } = workspace();
    const trip = join(ws, 'imported', 'prompts', 'trip.ts');
    const original = readFileSync(trip, 'utf8');
    const index = readFileSync(join(cacheDir, 'index.json'));
    writeFileSync(trip, 'export const TRIP_PLAN = `Plan a {{days}}-day trip to {{city}}. Call the get_weather tool first.`;\n');
    assert.match(cached().stdout, /get_weather/);
    // The models of that run are stored; its index is lost. The module is as it was, and another file changed.
    writeFileSync(join(cacheDir, 'index.json'), index);
    writeFileSync(trip, original);
    appendFileSync(join(ws, 'ts', 'legacy-style.ts'), '\n// edited\n');
    const r = cached();
    assert.doesNotMatch(r.stdout, /get_weather/);
    assert.equal(r.stdout, runCli(['check', ws, '--format', 'json']).stdout);
  });

  it('warns and still reports when the cache cannot be written (its location is a file)', () => {
    const { ws, plain } = workspace();
    const blocked = join(ws, 'not-a-folder');
    writeFileSync(blocked, 'x');
    const r = runCli(['check', ws, '--format', 'json', '--cache', '--cache-location', blocked]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /warning: the cache was not written/);
    assert.equal(r.stdout, plain);
  });

  it('holds the same output as a run without the cache over every fixture, unchanged and after a change', () => {
    const ws = mkdtempSync(join(tmpdir(), 'mcpwk-cache-fixtures-'));
    cpSync(join(repoRoot, 'test/fixtures'), join(ws, 'fixtures'), { recursive: true });
    const cacheDir = join(ws, '.cache');
    const plain = () => runCli(['check', ws, '--format', 'sarif']).stdout;
    const cached = () => runCli(['check', ws, '--format', 'sarif', '--cache', '--cache-location', cacheDir]);
    const before = plain();
    assert.equal(cached().stdout, before);
    const second = cached();
    assert.ok(fromCache(second.stderr).diagnostics, second.stderr);
    assert.equal(second.stdout, before);
    appendFileSync(join(ws, 'fixtures', 'ts', 'legacy-style.ts'), '\nserver.tool("bad name!", "Lists every order of one customer.", async () => ({ content: [] }));\n');
    const after = cached();
    assert.notEqual(after.stdout, before);
    assert.equal(after.stdout, plain());
    assert.ok(existsSync(join(cacheDir, 'index.json')));
  });
});
