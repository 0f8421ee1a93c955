import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot, runCli } from './run-cli';

describe('mcp-workflow check', () => {
  it('checks the example server with its workflow files beside the fixtures: no problem in examples, nothing on stderr', () => {
    const r = runCli(['check', 'examples', 'test/fixtures/rust']);
    // Workflow files are checked against the tools of both; a schema format (date-time) must not make ajv talk.
    assert.equal(r.stderr, '');
    assert.doesNotMatch(r.stdout, /^examples\//m);
    assert.equal(runCli(['check', 'examples']).status, 0);
  });

  it('reports the seed\'s {{#if customer_id == \'top\'}} as a Handlebars error at its exact line:col and exits 1', () => {
    const r = runCli(['check', 'test/fixtures/rust']);
    assert.equal(r.status, 1, r.stderr);
    const text = readFileSync(join(repoRoot, 'test/fixtures/rust/seed/prompts.rs'), 'utf8');
    const index = text.indexOf("{{#if customer_id == 'top'}}");
    const before = text.slice(0, index);
    const where = `${before.split('\n').length}:${index - before.lastIndexOf('\n')}`;
    assert.match(r.stdout, new RegExp(`^  ${where} +error +Handlebars cannot parse this .*template/handlebars-syntax$`, 'm'));
    // Everything else it reports is a real defect of those files, each listed here with why.
    const findings = (JSON.parse(runCli(['check', 'test/fixtures/rust', '--format', 'json']).stdout) as { diagnostics: { file: string; ruleId: string; range: { start: { line: number } } }[] }).diagnostics;
    const seen = findings.map((d) => `${d.file.replace('test/fixtures/rust/', '')}:${d.range.start.line + 1} ${d.ruleId}`);
    const family = (file: string, lines: number[]) => lines.map((l) => `${file}:${l} tools/unknown-tool`);
    const missing = (file: string, lines: number[]) => lines.map((l) => `${file}:${l} descriptions/parameter-missing`);
    assert.deepEqual([...seen].sort(), [
      // The seed's prompts name the customer and migration tools, which the seed's tools.rs does not declare (the
      // pmcp fixture declares the customer ones, but it is another project: its tools are not the seed's).
      ...family('seed/prompts.rs', [18, 24, 25, 26, 56, 57, 58, 71, 74, 77, 80]),
      // The CRUD template names {entity_type}_list … _delete; neither fixture declares any tool of that family.
      ...family('pmcp/src/prompts.rs', [159, 160, 161, 162, 163]),
      // customer_analysis's customer_id does not say it comes from sales_top_customers output (a hint).
      'pmcp/src/tools/orchestration.rs:41 ids/unsourced-id',
      // The pmcp 1.x registered prompt's text names lint_code, which that server lacks, and never uses `language`.
      'pmcp1/prompts.rs:16 tools/unknown-tool', 'pmcp1/prompts.rs:24 template/unused-argument',
      // The rmcp macro fixture's seeded defects (test/core/extract-rmcp.test.ts): a prompt argument its format! text
      // never uses, a second fetch_ticket on the same server without a description, and a prompt naming lookup_ticket.
      // The pmcp typed-tools fixture (test/core/extract-pmcp-typed.test.ts): an ID "from list_conferences output",
      // which no tool of it is, and an undescribed include_rooms, both read from the argument struct.
      'pmcp2-typed/typed_tools.rs:24 ids/unknown-source-tool', 'pmcp2-typed/typed_tools.rs:25 descriptions/parameter-missing',
      'rmcp/router.rs:41 template/unused-argument', 'rmcp/router.rs:60 descriptions/missing', 'rmcp/router.rs:60 names/duplicate',
      'rmcp/router.rs:73 tools/unknown-tool',
      // The rmcp resources fixture lists one URI twice (test/core/extract-rmcp.test.ts).
      'rmcp/resources.rs:24 names/duplicate',
      `seed/prompts.rs:${where.split(':')[0]} template/handlebars-syntax`,
      // The seed gives these five prompts no description.
      'seed/prompts.rs:51 descriptions/missing', 'seed/prompts.rs:66 descriptions/missing', 'seed/prompts.rs:91 descriptions/missing', 'seed/prompts.rs:106 descriptions/missing',
      ...family('seed/prompts.rs', [115, 116, 117, 118, 119]),
      'seed/prompts.rs:125 descriptions/missing', 'seed/prompts.rs:151 descriptions/missing',
      'seed/tools.rs:18 ids/unsourced-id',
      // The seed's ID-passing pair has no descriptions, and find_candidates's output schema no "type": "object".
      'seed/tools.rs:76 descriptions/missing', 'seed/tools.rs:77 schema/output-not-object', 'seed/tools.rs:97 descriptions/missing',
      // The seed's input schemas without "type": "object" (the TS SDK client rejects such a tools/list).
      'seed/tools.rs:98 schema/input-not-object', 'seed/tools.rs:111 schema/input-not-object', 'seed/tools.rs:123 schema/input-not-object',
      'seed/tools.rs:145 schema/input-not-object', 'seed/tools.rs:158 schema/input-not-object',
      // Tool arguments with no description (hints): the seed's and the pmcp fixture's workflow and migration tools,
      // pmcp 1.x's calc and echo.
      ...missing('pmcp/src/tools/migration.rs', [40, 41, 42, 68, 69, 109]), ...missing('pmcp/src/tools/ops.rs', [83]),
      ...missing('pmcp/src/tools/orchestration.rs', [45, 170]), ...missing('pmcp1/server.rs', [20, 20, 36]),
      ...missing('seed/tools.rs', [22, 46, 113, 114, 115, 125, 126, 147, 148, 149, 150, 160, 161, 162, 163, 164]),
      // Retry guidance in the descriptions of tools declared with no annotations (hints: a client must assume a
      // second call is not harmless): the pmcp fixture's transform_records and external_api_call, the seed's too.
      'pmcp/src/tools/migration.rs:141 retry/non-idempotent-retry', 'pmcp/src/tools/ops.rs:74 retry/non-idempotent-retry',
      'seed/tools.rs:135 retry/non-idempotent-retry',
    ].sort());
  });

  it('prints JSON with ranges and fixes', () => {
    const r = runCli(['check', 'test/fixtures/rust/seed', '--format', 'json']);
    const ds = (JSON.parse(r.stdout) as { diagnostics: { ruleId: string; fixes?: { edits: { newText: string }[] }[] }[] }).diagnostics;
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

  it('finds no error or warning in the bundled example server', () => {
    const r = runCli(['check', 'examples', '--max-warnings', '0']);
    assert.equal(r.status, 0, r.stdout);
    assert.match(r.stdout, /\(0 errors, 0 warnings/);
  });

  it('checks workflow files against the tools the sources declare', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mcpwk-wf-'));
    cpSync(join(repoRoot, 'examples/server'), join(dir, 'server'), { recursive: true });
    const text = readFileSync(join(repoRoot, 'examples/customer-analysis.workflow.json'), 'utf8').replace('"order_history"', '"order_histroy"');
    writeFileSync(join(dir, 'typo.workflow.json'), text);
    const r = runCli(['check', dir, '--format', 'json']);
    assert.equal(r.status, 1);
    const found = (JSON.parse(r.stdout) as { diagnostics: { file: string; message: string; range: { start: { line: number } } }[] }).diagnostics.filter((d) => d.file.endsWith('typo.workflow.json'));
    assert.equal(found.length, 1, JSON.stringify(found));
    assert.match(found[0]!.message, /no tool "order_histroy"; did you mean "order_history"/);
    assert.equal(found[0]!.range.start.line, text.split('\n').findIndex((l) => l.includes('order_histroy')));
  });

  it('rejects bad options with exit 2 and one line', () => {
    const r = runCli(['check', '--format', 'xml']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--format must be/);
  });

  it('judges output schemas by the protocol revision: the SDK 1.x project errs, unless --protocol-revision says 2026-07-28', () => {
    const dir = 'test/fixtures/rules/schema-output-not-object/sdk1-server';
    const r = runCli(['check', dir]);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /MCP 2025-11-25 \(the revision this server targets, from @modelcontextprotocol\/sdk \^1\.17\.0\) requires "object"/);
    const later = runCli(['check', dir, '--protocol-revision', '2026-07-28']);
    assert.equal(later.status, 0, later.stdout);
    assert.equal(runCli(['check', dir, '--protocol-revision', 'latest']).status, 2);
  });

  it('leaves test code out unless --include-tests: a test registering a tool twice on purpose is no error', () => {
    const dir = 'test/fixtures/workspaces/with-tests';
    const r = runCli(['check', dir, '--format', 'json']);
    assert.equal(r.status, 0, r.stdout);
    const report = JSON.parse(r.stdout) as { diagnostics: unknown[]; files: number; testFilesLeftOut: string[] };
    assert.deepEqual(report.diagnostics, []);
    assert.deepEqual(report.testFilesLeftOut, [`${dir}/src/__tests__/tools.ts`, `${dir}/test/server.test.ts`]);
    const all = JSON.parse(runCli(['check', dir, '--format', 'json', '--include-tests']).stdout) as { diagnostics: { file: string; ruleId: string; related?: { file: string }[] }[] };
    assert.deepEqual(all.diagnostics.map((d) => `${d.file} ${d.ruleId}`), [`${dir}/test/server.test.ts names/duplicate`]);
    // One path style for a diagnostic's file and its related locations.
    assert.deepEqual(all.diagnostics[0]!.related?.map((x) => x.file), [`${dir}/test/server.test.ts`]);
  });

  it('lists only the server\'s tools by default, and no syntax error for valid import(…) types', () => {
    const dir = 'test/fixtures/workspaces/with-tests';
    const report = JSON.parse(runCli(['list', dir, '--json']).stdout) as { tools: { name: string }[]; problems: unknown[] };
    assert.deepEqual(report.tools.map((t) => t.name), ['add-note']);
    assert.deepEqual(report.problems, []);
    const all = JSON.parse(runCli(['list', dir, '--json', '--include-tests']).stdout) as { tools: { name: string }[] };
    assert.deepEqual(all.tools.map((t) => t.name).sort(), ['add-note', 'add-note', 'add-note', 'fake_search', 'fixture_tool']);
  });

  it('says so when nothing was checked, and exits 1 for it with --strict', () => {
    const empty = mkdtempSync(join(tmpdir(), 'mcp-workflow-empty-'));
    writeFileSync(join(empty, 'README.md'), '# not a server\n');
    const r = runCli(['check', empty]);
    assert.equal(r.status, 0);
    assert.match(r.stderr, /nothing was checked: no Rust, TypeScript, Python or Go source file/);
    assert.equal(runCli(['check', empty, '--strict']).status, 1);
    // A folder whose only source is a symbolic link: the link is skipped, listed, and the check says so.
    const linked = mkdtempSync(join(tmpdir(), 'mcp-workflow-links-'));
    symlinkSync(join(repoRoot, 'test/fixtures/workspaces/with-tests/src/server.ts'), join(linked, 'server.ts'));
    const j = runCli(['check', linked, '--format', 'json', '--strict']);
    assert.equal(j.status, 1);
    assert.deepEqual((JSON.parse(j.stdout) as { skipped: { reason: string }[] }).skipped.map((s) => s.reason), ['symbolic link (not followed)']);
    assert.match(j.stderr, /every source file was skipped/);
  });
});
