// The TypeScript snippets, expanded with their defaults inside a small server, type-check with tsc against the real
// @modelcontextprotocol/sdk and zod, both as TypeScript and as JavaScript (the same snippets are contributed for
// javascript, so they must hold no type syntax).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { expandSnippet } from './expand';
import { REPO_ROOT, loadSnippets } from './snippet-files';

const OUT_DIR = join(REPO_ROOT, 'node_modules', '.cache', 'mcp-workflow-kit', 'ts-check');

/** A server module holding every expanded snippet, each in its own block as if pasted into its own file. */
export function buildServerSource(): string {
  const lines = [
    "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
    "import { z } from 'zod';",
    "import Handlebars from 'handlebars';",
    '',
    "export const server = new McpServer({ name: 'snippet-check', version: '0.0.0' }, { capabilities: { logging: {} } });",
    '',
  ];
  for (const snippet of loadSnippets('typescript')) {
    lines.push(`// ${snippet.prefix}`, '{', expandSnippet(snippet.body), '}', '');
  }
  return lines.join('\n');
}

function runTsc(): { status: number | null; output: string } {
  mkdirSync(OUT_DIR, { recursive: true });
  const source = buildServerSource();
  writeFileSync(join(OUT_DIR, 'server.ts'), source);
  writeFileSync(join(OUT_DIR, 'server.mjs'), source);
  const config = {
    extends: join(REPO_ROOT, 'test', 'snippets', 'ts-check', 'tsconfig.json'),
    files: ['server.ts', 'server.mjs'],
  };
  writeFileSync(join(OUT_DIR, 'tsconfig.json'), JSON.stringify(config, null, 2));
  const tsc = join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', join(OUT_DIR, 'tsconfig.json'), '--pretty', 'false'], {
    encoding: 'utf8',
  });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

test('every TypeScript snippet type-checks against the real SDK and zod, as TS and as JS', () => {
  const { status, output } = runTsc();
  assert.equal(status, 0, `tsc reported errors in ${OUT_DIR}:\n${output}`);
});
