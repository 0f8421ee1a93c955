import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { ListReport } from '../../src/core/report/list';
import { repoRoot, runCli } from './run-cli';

/** Where a declaration's name literal is, found with a plain regular expression over the file text. */
function declaredAt(file: string, name: string): { line: number; column: number } {
  const text = readFileSync(join(repoRoot, file), 'utf8');
  const escaped = name.replace(/[-]/g, '\\-');
  const re = new RegExp(String.raw`(?:(?:Prompt|Tool|ToolInfo|SimpleTool|SimplePrompt|PromptInfo|SequentialWorkflow)::new\(\s*|name\s*=\s*)("${escaped}")`);
  const m = re.exec(text);
  assert.ok(m, `${file} declares ${name}`);
  const index = m.index + m[0].length - m[1]!.length;
  const before = text.slice(0, index);
  return { line: before.split('\n').length, column: index - before.lastIndexOf('\n') };
}

describe('mcp-workflow list', () => {
  const r = runCli(['list', 'test/fixtures/rust', '--json']);
  const report = JSON.parse(r.stdout) as ListReport;

  it('exits 0 and reads every fixture file without problems', () => {
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(report.problems, []);
    assert.deepEqual(report.skipped, []);
  });

  it('lists every prompt and tool of the pmcp fixture at its name literal', () => {
    const tools = ['sales_top_customers', 'order_history', 'support_tickets', 'engagement_metrics', 'customer_analysis', 'workflow_execute', 'find_candidates', 'process_candidate', 'workflow_checkpoint', 'workflow_rollback', 'validate_source', 'create_backup', 'transform_records', 'validate_target', 'external_api_call', 'workflow_progress', 'workflow_log'];
    const prompts = ['customer-analysis', 'data-gathering', 'safe-data-migration', 'long-running-analysis', 'entity-management', 'investigate-anomaly', 'require-approval', 'top-customer-review'];
    const pmcpTools = report.tools.filter((t) => t.file.includes('/pmcp/'));
    const pmcpPrompts = report.prompts.filter((p) => p.file.includes('/pmcp/'));
    assert.deepEqual(pmcpTools.map((t) => t.name).sort(), [...tools].sort());
    assert.deepEqual(pmcpPrompts.map((p) => p.name).sort(), [...prompts].sort());
    for (const item of [...pmcpTools, ...pmcpPrompts]) {
      assert.deepEqual({ line: item.line, column: item.column }, declaredAt(item.file, item.name), `${item.name} in ${item.file}`);
    }
  });

  it('lists every prompt and tool of the seed-style fixture at its name literal', () => {
    const seed = [...report.tools, ...report.prompts].filter((x) => x.file.includes('/seed/'));
    assert.equal(seed.length, 16);
    for (const item of seed) assert.deepEqual({ line: item.line, column: item.column }, declaredAt(item.file, item.name), item.name);
  });

  it('carries arguments, schemas, template variables and tool mentions', () => {
    const ca = report.prompts.find((p) => p.file.includes('/pmcp/') && p.name === 'customer-analysis')!;
    assert.deepEqual(ca.arguments.map((a) => a.name), ['customer_id']);
    assert.deepEqual([...new Set(ca.variables.map((v) => v.name))], ['customer_id']);
    assert.deepEqual(ca.mentions.map((m) => m.name), ['sales_top_customers', 'order_history', 'support_tickets', 'engagement_metrics']);
    const orders = report.tools.find((t) => t.file.includes('/pmcp/') && t.name === 'order_history')!;
    assert.deepEqual((orders.inputSchema as { required: string[] }).required, ['customer_id']);
    assert.ok((orders.outputSchema as { properties: Record<string, unknown> }).properties['orders']);
    const wf = report.prompts.find((p) => p.name === 'top-customer-review')!;
    assert.deepEqual(wf.steps?.map((s) => s.tool), ['sales_top_customers', 'order_history', 'support_tickets', 'engagement_metrics', 'workflow_log']);
    assert.ok(wf.steps?.[1]?.args.some((a) => a.source === 'field' && a.from === 'top'));
  });

  it('prints a readable summary without --json', () => {
    const text = runCli(['list', 'test/fixtures/rust/seed']);
    assert.equal(text.status, 0);
    assert.match(text.stdout, /^prompt customer-analysis {2}test\/fixtures\/rust\/seed\/prompts\.rs:7:17/m);
    assert.match(text.stdout, /7 prompts, 9 tools in 2 files/);
  });
});

describe('mcp-workflow list: resources', () => {
  it('lists each resource and template with its URI and parameters, in JSON and as text', () => {
    const r = runCli(['list', 'test/fixtures/ts/resources/sdk-server.ts', '--json']);
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout) as ListReport;
    const book = report.resources.find((x) => x.name === 'book')!;
    assert.deepEqual(book, {
      name: 'book', file: 'test/fixtures/ts/resources/sdk-server.ts', line: 13, column: 3, style: 'sdk', uri: 'library://books/{isbn}', template: true,
      uriParameters: [{ name: 'isbn', line: 14, column: 39 }], description: 'One book by its ISBN.',
    });
    assert.deepEqual(report.resources.map((x) => x.name), ['catalog', 'book', 'search', 'hours', 'loans', 'loans-again', 'author', 'author', 'shelf']);
    assert.deepEqual(report.resources.find((x) => x.name === 'search')?.uriParameters?.map((u) => `${u.operator}${u.name}`), ['?query', '?limit']);
    const text = runCli(['list', 'test/fixtures/ts/resources/sdk-server.ts']);
    assert.match(text.stdout, /^resource template book {2}test\/fixtures\/ts\/resources\/sdk-server\.ts:13:3 {2}\(sdk\)\n {2}uri: library:\/\/books\/\{isbn\}\n {2}parameters: isbn$/m);
    assert.match(text.stdout, /0 prompts, 0 tools, 9 resources in 1 files/);
  });
});

describe('mcp-workflow list on bad input', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mcpwk-bad-'));
  const seedTools = readFileSync(join(repoRoot, 'test/fixtures/rust/seed/tools.rs'), 'utf8');
  const cut = seedTools.indexOf('pub fn workflow_checkpoint_tool');
  writeFileSync(join(dir, 'broken.rs'), `${seedTools.slice(0, cut)}fn broken( {{{ let = ;\n${seedTools.slice(cut)}`);
  writeFileSync(join(dir, 'binary.rs'), Buffer.from([0x66, 0x6e, 0x00, 0x01, 0x02]));
  writeFileSync(join(dir, 'latin1.ts'), Buffer.from('const s = "caf\xe9";\n', 'latin1'));

  it('still yields the items around a syntax error, and says where it is', () => {
    const r = runCli(['list', dir, '--json']);
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout) as ListReport;
    const names = report.tools.map((t) => t.name);
    assert.ok(names.includes('workflow_execute') && names.includes('workflow_log'), names.join(','));
    assert.ok(report.problems.some((p) => p.file.endsWith('broken.rs') && /syntax error/.test(p.message)));
  });

  it('skips binary and non-UTF-8 files with a warning', () => {
    const r = runCli(['list', dir]);
    assert.equal(r.status, 0);
    assert.match(r.stderr, /warning: skipped .*binary\.rs: binary file/);
    assert.match(r.stderr, /warning: skipped .*latin1\.ts: not valid UTF-8/);
  });

  it('answers a missing path and an unknown option with one line, no stack trace', () => {
    for (const args of [['list', join(dir, 'nope')], ['list', '--bogus'], ['frobnicate']]) {
      const r = runCli(args);
      assert.equal(r.status, 2, args.join(' '));
      assert.doesNotMatch(r.stderr, /\n\s+at /);
      assert.match(r.stderr, /mcp-workflow/);
    }
    assert.ok(readdirSync(dir).length === 3);
  });
});
