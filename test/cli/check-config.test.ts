// `mcp-workflow check` reads the editor's settings: `.vscode/settings.json` (JSONC, mcpWorkflow.* keys and
// files.exclude) and `mcp-workflow.json` (which wins), flags over both; bad values are an error naming the file and
// the key (exit 2); --print-config shows each setting and where it came from; --cache never serves stale levels.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot, runCli } from './run-cli';

function workspace(files: Record<string, string> = {}): string {
  const ws = mkdtempSync(join(tmpdir(), 'mcpwk-config-'));
  cpSync(join(repoRoot, 'test/fixtures/settings/suppressed'), ws, { recursive: true });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(ws, path, '..'), { recursive: true });
    writeFileSync(join(ws, path), text);
  }
  return ws;
}

interface Report {
  diagnostics: { file: string; ruleId: string; severity: string; range: { start: { line: number } } }[];
}
const check = (ws: string, ...extra: string[]) => {
  const r = runCli(['check', ws, '--format', 'json', ...extra]);
  return { ...r, report: r.status === 2 || extra.includes('--print-config') ? undefined : (JSON.parse(r.stdout) as Report) };
};
const found = (r: Report | undefined) => (r?.diagnostics ?? []).map((d) => `${d.file.split(/[\\/]/).slice(-1)[0]}:${d.range.start.line}:${d.ruleId}:${d.severity}`).sort();

describe('mcp-workflow check settings files', () => {
  it('applies suppression comments with no settings file: one diagnostic hidden per file', () => {
    assert.deepEqual(found(check(workspace()).report), ['main.rs:13:descriptions/missing:warning', 'server.py:11:descriptions/missing:warning', 'server.py:6:descriptions/parameter-missing:hint', 'server.ts:7:descriptions/missing:warning']);
  });

  it('reads .vscode/settings.json (comments, trailing commas, files.exclude) and lets mcp-workflow.json win key by key', () => {
    const ws = workspace({
      '.vscode/settings.json': '{\n  // the editor\'s\n  "mcpWorkflow.rules": { "descriptions/missing": "off" },\n  "mcpWorkflow.include": ["test/**"],\n  "files.exclude": { "**/*.py": true, "src": false },\n}\n',
      'mcp-workflow.json': '{ "rules": { "descriptions/missing": "error" } }',
    });
    const r = check(ws);
    assert.equal(r.status, 1, r.stderr);
    // The rules of mcp-workflow.json, the include of settings.json (the test file is read), no Python (files.exclude).
    assert.deepEqual(found(r.report), ['fake_server.ts:4:descriptions/missing:error', 'main.rs:13:descriptions/missing:error', 'server.ts:7:descriptions/missing:error']);
  });

  it('names the file and the key of a bad value, exits 2; warns of an unknown key or rule id', () => {
    const bad = check(workspace({ 'mcp-workflow.json': '{ "rules": { "descriptions/missing": "loud" }, "maxFileBytes": "big" }' }));
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /mcp-workflow\.json: "maxFileBytes" must be a whole number of bytes greater than 0 \(got "big"\)/);
    assert.match(bad.stderr, /mcp-workflow\.json: "rules\.descriptions\/missing" must be one of "off", "hint", "info", "warning", "error" \(got "loud"\)/);
    const vscode = check(workspace({ '.vscode/settings.json': '{ "mcpWorkflow.exclude": "dist" }' }));
    assert.equal(vscode.status, 2);
    assert.match(vscode.stderr, /settings\.json: "mcpWorkflow\.exclude" must be an array of glob strings/);
    const broken = check(workspace({ 'mcp-workflow.json': '{ "rules": ' }));
    assert.equal(broken.status, 2);
    assert.match(broken.stderr, /mcp-workflow\.json:1: not valid JSON/);
    const unknown = check(workspace({ 'mcp-workflow.json': '{ "rules": { "no/such-rule": "off" }, "colour": "red" }' }));
    assert.equal(unknown.status, 0, unknown.stderr);
    assert.match(unknown.stderr, /warning: .*mcp-workflow\.json: "rules\.no\/such-rule" names no rule of mcp-workflow/);
    assert.match(unknown.stderr, /warning: .*mcp-workflow\.json: "colour" is not a setting/);
  });

  it('--print-config shows each effective setting and where it came from, the flags winning', () => {
    const ws = workspace({ '.vscode/settings.json': '{ "mcpWorkflow.includeTests": false, "mcpWorkflow.maxFileBytes": 4096 }', 'mcp-workflow.json': '{ "exclude": ["gen/**"] }' });
    const r = check(ws, '--print-config', '--include-tests');
    assert.equal(r.status, 0, r.stderr);
    const printed = JSON.parse(r.stdout) as { settings: Record<string, unknown>; sources: Record<string, string> };
    assert.deepEqual(printed.settings, { enable: true, rules: {}, include: [], exclude: ['gen/**'], maxFileBytes: 4096, includeTests: true, protocolRevision: '', 'files.exclude': [] });
    assert.match(printed.sources['exclude'] ?? '', /mcpwk-config-[^\\/]+[\\/]mcp-workflow\.json$/);
    assert.match(printed.sources['maxFileBytes'] ?? '', /\.vscode[\\/]settings\.json$/);
    assert.equal(printed.sources['includeTests'], 'command line');
    assert.equal(printed.sources['rules'], 'default');
    const text = runCli(['check', ws, '--print-config']).stdout;
    assert.match(text, /^maxFileBytes\s+4096\s+from .*settings\.json$/m);
  });

  it('skips a file over maxFileBytes, and --cache serves no stale rule level', () => {
    const ws = workspace({ 'mcp-workflow.json': '{ "maxFileBytes": 400 }' });
    const small = check(ws);
    assert.match(small.stderr, /skipped .*server\.ts: larger than 400 bytes/);
    const cached = workspace();
    const cacheAt = join(cached, '.cache');
    assert.equal(found(check(cached, '--cache', '--cache-location', cacheAt).report).length, 4);
    writeFileSync(join(cached, 'mcp-workflow.json'), '{ "rules": { "descriptions/missing": "off" } }');
    const second = check(cached, '--cache', '--cache-location', cacheAt);
    assert.match(second.stderr, /3 of 3 files from the cache, diagnostics too/);
    assert.deepEqual(found(second.report), ['server.py:6:descriptions/parameter-missing:hint']);
  });
});
