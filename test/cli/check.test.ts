import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot, runCli } from './run-cli';

describe('mcp-workflow check', () => {
  it('reports the seed\'s {{#if customer_id == \'top\'}} as a Handlebars error at its exact line:col and exits 1', () => {
    const r = runCli(['check', 'test/fixtures/rust']);
    assert.equal(r.status, 1, r.stderr);
    const text = readFileSync(join(repoRoot, 'test/fixtures/rust/seed/prompts.rs'), 'utf8');
    const index = text.indexOf("{{#if customer_id == 'top'}}");
    const before = text.slice(0, index);
    const where = `${before.split('\n').length}:${index - before.lastIndexOf('\n')}`;
    assert.match(r.stdout, new RegExp(`^  ${where} +error +Handlebars cannot parse this .*template/handlebars-syntax$`, 'm'));
    // Errors: only that one. The other findings are the CRUD template's tool family, which no fixture declares.
    const errors = r.stdout.split('\n').filter((l) => / error /.test(l));
    assert.equal(errors.length, 1, errors.join('\n'));
    const others = r.stdout.split('\n').filter((l) => /^\s+\d+:\d+/.test(l) && !/template\/handlebars-syntax|tools\/unknown-tool/.test(l));
    assert.deepEqual(others, []);
    assert.match(r.stdout, /problems \(1 errors, 10 warnings/);
  });

  it('prints JSON with ranges and fixes', () => {
    const r = runCli(['check', 'test/fixtures/rust/seed', '--format', 'json']);
    const ds = JSON.parse(r.stdout) as { ruleId: string; fixes?: { edits: { newText: string }[] }[] }[];
    const syntax = ds.find((d) => d.ruleId === 'template/handlebars-syntax');
    assert.equal(syntax?.fixes?.[0]?.edits[0]?.newText, '{{#if (eq customer_id \\"top\\")}}');
  });

  it('exits 0 on a clean server, and honours --max-warnings', () => {
    const clean = runCli(['check', 'test/fixtures/rust/pmcp/src/tools']);
    assert.equal(clean.status, 0, clean.stdout);
    const warned = runCli(['check', 'test/fixtures/rust/pmcp', '--max-warnings', '0']);
    assert.equal(warned.status, 1);
    assert.equal(runCli(['check', 'test/fixtures/rust/pmcp', '--max-warnings', '100']).status, 0);
  });

  it('rejects bad options with exit 2 and one line', () => {
    const r = runCli(['check', '--format', 'xml']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--format must be/);
  });
});
