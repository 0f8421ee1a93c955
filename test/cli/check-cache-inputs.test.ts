// `mcp-workflow check --cache` reads again and checks again whatever a changed input can alter: an imported
// module, a manifest or lock file (also one above the project, as a Cargo workspace's), a setting; and every
// cached run prints what a run without the cache prints.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot, runCli } from './run-cli';

const fromCache = (stderr: string) => /(\d+) of (\d+) files from the cache(, diagnostics too)?/.exec(stderr);

/** A check of a folder with a cache of its own, and the same check without a cache, to compare. */
function checker(ws: string) {
  const check = (...extra: string[]) => runCli(['check', ws, '--format', 'json', '--cache-location', join(ws, '.cache'), ...extra]);
  return { cached: (...extra: string[]) => check('--cache', ...extra), plain: check };
}

const RUST_TOOL = `use pmcp::ToolInfo;
use serde_json::json;

pub fn list_ids_info() -> ToolInfo {
    ToolInfo::new(
        "list_ids",
        Some("List the IDs of every customer.".to_string()),
        json!({ "type": "object", "properties": {} }),
    )
    .with_output_schema(json!({ "type": "array", "items": { "type": "string" } }))
}
`;

describe('mcp-workflow check --cache: changed inputs', () => {
  it('checks again when the Cargo.lock of the workspace above the crate changes the rmcp version', () => {
    const ws = mkdtempSync(join(tmpdir(), 'mcpwk-cache-lock-'));
    mkdirSync(join(ws, 'crate', 'src'), { recursive: true });
    writeFileSync(join(ws, 'crate', 'Cargo.toml'), '[package]\nname = "x"\n\n[dependencies]\nrmcp = "3"\n');
    writeFileSync(join(ws, 'crate', 'src', 'tools.rs'), RUST_TOOL);
    writeFileSync(join(ws, 'Cargo.lock'), '[[package]]\nname = "rmcp"\nversion = "3.0.0"\n');
    const { cached, plain } = checker(ws);
    assert.equal(cached().status, 0);
    writeFileSync(join(ws, 'Cargo.lock'), '[[package]]\nname = "rmcp"\nversion = "2.0.0"\n');
    const second = cached();
    assert.equal(fromCache(second.stderr)?.[3], undefined, second.stderr);
    assert.match(second.stdout, /from rmcp 2\.0\.0\)/);
    assert.equal(second.stdout, plain().stdout);
  });

  it('checks again when package.json names another SDK', () => {
    const ws = mkdtempSync(join(tmpdir(), 'mcpwk-cache-manifest-'));
    cpSync(join(repoRoot, 'test/fixtures/rules/schema-output-not-object/sdk1-server'), ws, { recursive: true });
    const { cached, plain } = checker(ws);
    assert.equal(cached().status, 1);
    writeFileSync(join(ws, 'package.json'), JSON.stringify({ name: 'x', dependencies: { '@modelcontextprotocol/sdk': '^2.0.0' } }));
    const second = cached();
    assert.equal(second.status, 0, second.stdout);
    assert.equal(fromCache(second.stderr)?.[3], undefined, second.stderr);
    assert.equal(second.stdout, plain().stdout);
  });

  it('reads a file again when a module it imports a text from changes, and serves the rest', () => {
    const ws = mkdtempSync(join(tmpdir(), 'mcpwk-cache-import-'));
    cpSync(join(repoRoot, 'test/fixtures/rules/tools-unknown-tool/imported-text'), ws, { recursive: true });
    const { cached, plain } = checker(ws);
    const first = cached();
    writeFileSync(join(ws, 'prompts', 'trip.ts'), 'export const TRIP_PLAN = `Plan a {{days}}-day trip to {{city}}. Call the get_weather tool first.`;\n');
    const second = cached();
    assert.notEqual(second.stdout, first.stdout);
    assert.match(second.stdout, /get_weather/);
    const [, hits, all, diagnostics] = fromCache(second.stderr) ?? [];
    assert.ok(Number(hits) < Number(all) - 1, second.stderr);
    assert.equal(diagnostics, undefined);
    assert.equal(second.stdout, plain().stdout);
  });

  it('starts afresh when a setting of mcp-workflow.json changes what is read (includeTests)', () => {
    const ws = mkdtempSync(join(tmpdir(), 'mcpwk-cache-settings-'));
    cpSync(join(repoRoot, 'test/fixtures/workspaces/with-tests'), ws, { recursive: true });
    const { cached, plain } = checker(ws);
    const leftOut = (stdout: string) => (JSON.parse(stdout) as { testFilesLeftOut: string[] }).testFilesLeftOut.length;
    assert.ok(leftOut(cached().stdout) > 0);
    writeFileSync(join(ws, 'mcp-workflow.json'), '{ "includeTests": true }');
    const second = cached();
    assert.equal(fromCache(second.stderr)?.[1], '0', second.stderr);
    assert.equal(leftOut(second.stdout), 0);
    assert.equal(second.stdout, plain().stdout);
  });
});
