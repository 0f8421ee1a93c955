import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from './run-cli';

const vsce = join(repoRoot, 'node_modules', '.bin', 'vsce');
// As the package script passes them: the README's relative image links stay relative (no repository URL to rewrite them to).
const ARGS = ['--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--skip-license'];

describe('the VSIX', () => {
  it('holds the bundles, wasm grammars, snippets, grammar and schema, and no sources, tests or dependencies', () => {
    const r = spawnSync(vsce, ['ls', ...ARGS.slice(0, 1)], { cwd: repoRoot, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const files = r.stdout.trim().split('\n');
    for (const wanted of ['package.json', 'dist/extension.js', 'dist/extension-heavy.js', 'dist/server.js', 'dist/cli.js', 'dist/cli-heavy.js', 'dist/tree-sitter.wasm', 'dist/tree-sitter-runtime.js', 'dist/tree-sitter-rust.wasm', 'dist/tree-sitter-typescript.wasm', 'dist/tree-sitter-python.wasm', 'dist/tree-sitter-go.wasm', 'snippets/rust.json', 'snippets/rust-rmcp.json', 'snippets/typescript.json', 'snippets/python.json', 'schemas/workflow.schema.json', 'bin/mcp-workflow.js']) {
      assert.ok(files.includes(wanted), `${wanted} is in the VSIX`);
    }
    assert.ok(files.some((f) => f.startsWith('syntaxes/')));
    assert.deepEqual(files.filter((f) => /^(src|test|node_modules|bench|examples|scripts)\//.test(f) || f.endsWith('.map') || f.endsWith('.ts')), []);
  });

  it('packages offline', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'mcpwk-vsix-')), 'x.vsix');
    const r = spawnSync(vsce, ['package', ...ARGS, '-o', out], { cwd: repoRoot, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.ok(statSync(out).size > 1_000_000);
  });
});
