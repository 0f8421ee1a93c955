// The code lenses' positions ("▶ Call tool" / "▶ Get prompt" above each declaration) come from the language server
// (mcpWorkflow/declarations), in every language it reads; and the index status says how long the index took.
// Over the real server process.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { LspTestClient } from './lsp-client';

const repo = join(__dirname, '..', '..');

interface Declaration {
  kind: 'tool' | 'prompt';
  name: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

describe('code lens positions and the index time (real process over stdio)', async () => {
  const ws = mkdtempSync(join(tmpdir(), 'mcpwk-declarations-'));
  cpSync(join(repo, 'test/fixtures/ts/register-style.ts'), join(ws, 'ts', 'register-style.ts'));
  cpSync(join(repo, 'test/fixtures/rust/rmcp-server'), join(ws, 'rmcp'), { recursive: true });
  cpSync(join(repo, 'test/fixtures/python/fastmcp'), join(ws, 'python'), { recursive: true });
  cpSync(join(repo, 'test/fixtures/go/gosdk/main.go'), join(ws, 'go', 'main.go'));
  const client = new LspTestClient();
  after(() => client.dispose());
  await client.initialize(pathToFileURL(ws).toString());
  await client.waitForStatus(() => true);

  const declarations = (f: string) => client.connection.sendRequest<Declaration[]>('mcpWorkflow/declarations', { uri: pathToFileURL(join(ws, f)).toString() });
  /** The source text a range covers. */
  const textOf = (f: string, r: Declaration['range']) => {
    const lines = readFileSync(join(ws, f), 'utf8').split('\n');
    return [lines[r.start.line]!.slice(r.start.character), ...lines.slice(r.start.line + 1, r.end.line), r.end.line > r.start.line ? lines[r.end.line]!.slice(0, r.end.character) : ''].join('\n');
  };

  for (const [language, file, tool, prompt] of [
    ['TypeScript', 'ts/register-style.ts', 'order_history', 'customer-analysis'],
    ['Rust (rmcp)', 'rmcp/src/tools.rs', 'order_history', undefined],
    ['Rust (rmcp) prompts', 'rmcp/src/prompts.rs', undefined, 'customer-analysis'],
    ['Python', 'python/customer_server.py', 'order_history', 'customer-analysis'],
    ['Go', 'go/main.go', 'order_history', undefined],
  ] as const) {
    it(`places each declaration of a ${language} file over the source that declares it`, async () => {
      const found = await declarations(file);
      if (tool) {
        const d = found.find((x) => x.kind === 'tool' && x.name === tool);
        assert.ok(d, JSON.stringify(found.map((x) => `${x.kind} ${x.name}`)));
        assert.ok(textOf(file, d.range).includes(tool), `${tool} at ${JSON.stringify(d.range)}: ${textOf(file, d.range).slice(0, 200)}`);
      }
      if (prompt) {
        const d = found.find((x) => x.kind === 'prompt' && x.name === prompt);
        assert.ok(d, JSON.stringify(found.map((x) => `${x.kind} ${x.name}`)));
        assert.ok(textOf(file, d.range).includes(prompt), `${prompt} at ${JSON.stringify(d.range)}: ${textOf(file, d.range).slice(0, 200)}`);
      }
      // Above the whole item: a Rust method's lens goes over its attributes and doc comment, not between them.
      for (const d of found) assert.doesNotMatch(readFileSync(join(ws, file), 'utf8').split('\n')[d.range.start.line - 1]?.trim() ?? '', /^(#\[|\/\/\/|@)|\)\]$/, `${d.name}: the line above its lens belongs to it`);
      // One lens per declaration, each on a line of its own, in source order.
      const lines = found.map((x) => x.range.start.line);
      assert.deepEqual(lines, [...new Set(lines)].sort((a, b) => a - b), JSON.stringify(found));
    });
  }

  it('gives no positions for a file that declares nothing, or is not read', async () => {
    assert.deepEqual(await declarations('rmcp/Cargo.toml'), []);
    assert.deepEqual(await declarations('rmcp/src/data.rs'), []);
  });

  it('says how long the index took, once, with the counts of the check that ended it', async () => {
    await client.waitUntil(() => client.statuses.some((s) => 'indexedInMs' in s));
    const timed = client.statuses.filter((s): s is typeof s & { indexedInMs: number } => 'indexedInMs' in s);
    assert.equal(timed.length, 1, JSON.stringify(client.statuses));
    assert.ok(Number.isFinite(timed[0]!.indexedInMs) && timed[0]!.indexedInMs >= 0, JSON.stringify(timed));
    const before = client.statuses[client.statuses.indexOf(timed[0]!) - 1];
    assert.ok(before, 'the check that ended the index sent its counts first');
    const { indexedInMs: _, ...counts } = timed[0]!;
    assert.deepEqual(counts, before);
    assert.ok(timed[0]!.tools >= 15, JSON.stringify(timed[0]));
  });
});
