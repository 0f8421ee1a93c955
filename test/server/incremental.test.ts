// Incremental and full agree, over the real server process: seeded random edits (inserts, deletions, replacements
// at random places, in random-sized bursts) go to an open Rust, TypeScript, Python, Go and workflow file as LSP
// content changes (in Go both files of one package: one declares the types the other's tools take); the server never crashes, and once it has settled its diagnostics equal those a fresh server publishes
// for the final texts on disk, every range inside its document. FUZZ_SEED reproduces a run, FUZZ_EDITS sizes it.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { prng } from '../support/prng';
import { LspTestClient, type PublishedDiagnostics } from './lsp-client';

const repo = join(__dirname, '..', '..');
const SEED = Number(process.env['FUZZ_SEED'] ?? 17);
const EDITS = Number(process.env['FUZZ_EDITS'] ?? 10_000);
const PIECES = ['"', '`', '{{', '}}', '{{customer_id}}', 'order_history', 'customer_id', ' ', '\n', 'x', 'é', 'ID from order_history output', 'RATE_LIMITED', ',', ')', '{', '}', 'Use `sales_top_customers`', '"tool": "x"',
  // Python and Go: docstrings, f-strings, decorators, struct tags and raw strings.
  '"""', 'f"', '{customer_id}', '@mcp.tool()\ndef ', '    ', '`json:"id"`', 'jsonschema:"', 'string'];
const OPEN = ['seed/prompts.rs', 'ts/register-style.ts', 'customer-analysis.workflow.json', 'python/customer_server.py', 'go/main.go', 'go/notes.go', 'imports/server.ts', 'imports/schemas.ts'];
/** Where each open file comes from in test/fixtures (the workflow file from examples/, through `../../examples`). */
const ORIGIN: Record<string, string> = {
  'seed/prompts.rs': 'rust/seed/prompts.rs', 'ts/register-style.ts': 'ts/register-style.ts', 'customer-analysis.workflow.json': '../../examples/customer-analysis.workflow.json',
  'python/customer_server.py': 'python/fastmcp/customer_server.py', 'go/main.go': 'go/gosdk-package/main.go', 'go/notes.go': 'go/gosdk-package/notes.go',
  'imports/server.ts': 'rules/template-unused-argument/imported-schema/server.ts', 'imports/schemas.ts': 'rules/template-unused-argument/imported-schema/schemas.ts',
};
const LANGUAGE_IDS: Record<string, string> = { rs: 'rust', ts: 'typescript', json: 'json', py: 'python', go: 'go' };

function workspace(): string {
  const ws = mkdtempSync(join(tmpdir(), 'mcpwk-incremental-'));
  cpSync(join(repo, 'test/fixtures/rust/seed'), join(ws, 'seed'), { recursive: true });
  cpSync(join(repo, 'test/fixtures/ts'), join(ws, 'ts'), { recursive: true });
  cpSync(join(repo, 'examples/customer-analysis.workflow.json'), join(ws, 'customer-analysis.workflow.json'));
  cpSync(join(repo, 'test/fixtures/python/fastmcp'), join(ws, 'python'), { recursive: true });
  cpSync(join(repo, 'test/fixtures/go/gosdk-package'), join(ws, 'go'), { recursive: true });
  cpSync(join(repo, 'test/fixtures/go/go.mod'), join(ws, 'go/go.mod'));
  cpSync(join(repo, 'test/fixtures/rules/template-unused-argument/imported-schema'), join(ws, 'imports'), { recursive: true });
  return ws;
}

interface Position { line: number; character: number }

function positionOf(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length - 1, character: offset - (before.lastIndexOf('\n') + 1) };
}

/** One random change of a text, as LSP sends it, and the text after it. */
function randomChange(text: string, random: () => number): { change: { range: { start: Position; end: Position }; text: string }; text: string } {
  const at = Math.floor(random() * (text.length + 1));
  const kind = random();
  const piece = kind < 0.8 && kind >= 0.45 ? '' : PIECES[Math.floor(random() * PIECES.length)]!;
  // Never split a surrogate pair or a CRLF: the editor would not.
  const end = Math.min(text.length, at + (kind < 0.45 ? 0 : Math.floor(random() * 12)));
  const next = text.slice(0, at) + piece + text.slice(end);
  return { change: { range: { start: positionOf(text, at), end: positionOf(text, end) }, text: piece }, text: next };
}

const view = (p: PublishedDiagnostics | undefined) => JSON.stringify((p?.diagnostics ?? []).map((d) => [d.code, d.message, d.range]).sort());

function inside(text: string, range: { start: Position; end?: Position }): boolean {
  const lines = text.split('\n');
  return [range.start, range.end ?? range.start].every((p) => p.line < lines.length && p.character <= lines[p.line]!.length);
}

describe(`incremental edits through the server (FUZZ_SEED=${SEED}, ${EDITS} edits)`, async () => {
  const ws = workspace();
  const edited = new LspTestClient();
  const fresh = new LspTestClient();
  after(() => Promise.all([edited.dispose(), fresh.dispose()]));
  await edited.initialize(pathToFileURL(ws).toString());
  await edited.waitForStatus(() => true);

  it('never crashes, and ends with the diagnostics of a fresh check of the final texts', async () => {
    const random = prng(SEED);
    const texts = OPEN.map((f) => readFileSync(join(ws, f), 'utf8'));
    const uris = OPEN.map((f) => pathToFileURL(join(ws, f)).toString());
    const versions = OPEN.map(() => 1);
    uris.forEach((uri, i) => void edited.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: LANGUAGE_IDS[OPEN[i]!.split('.').pop()!], version: 1, text: texts[i] } }));
    let crashed: number | null | undefined;
    edited.process.once('exit', (code) => (crashed = code));
    for (let sent = 0; sent < EDITS; ) {
      const i = Math.floor(random() * OPEN.length);
      // A burst: several changes in one notification, as an editor sends a multi-cursor edit or a paste.
      const burst = Math.min(EDITS - sent, 1 + Math.floor(random() * random() * 20));
      const changes = [];
      for (let k = 0; k < burst; k++) {
        const next = randomChange(texts[i]!, random);
        changes.push(next.change);
        texts[i] = next.text;
      }
      sent += burst;
      await edited.connection.sendNotification('textDocument/didChange', { textDocument: { uri: uris[i], version: ++versions[i]! }, contentChanges: changes });
    }
    OPEN.forEach((f, i) => writeFileSync(join(ws, f), texts[i]!));
    await fresh.initialize(pathToFileURL(ws).toString());
    await fresh.waitForStatus(() => true);
    // The edited server has settled when it shows, for every file at once, what the fresh one does; a wrong result
    // never does, so the wait ends after a minute and the comparison below says where they differ.
    const every = () => [...new Set([...uris, ...fresh.uris(), ...edited.uris()])];
    const agree = () => every().every((uri) => view(edited.publishedFor(uri)) === view(fresh.publishedFor(uri)));
    await Promise.race([edited.waitUntil(agree), new Promise((resolve) => setTimeout(resolve, 60_000).unref())]);
    assert.equal(crashed, undefined, 'the server process exited');
    for (const uri of every()) assert.equal(view(edited.publishedFor(uri)), view(fresh.publishedFor(uri)), uri);
    uris.forEach((uri, i) => {
      for (const d of edited.publishedFor(uri)?.diagnostics ?? []) assert.ok(inside(texts[i]!, d.range as { start: Position; end?: Position }), `${uri}: ${JSON.stringify(d.range)}`);
    });

    // Then every file is put back as it was, the Go file with the tools before the file with their types, the TS
    // server before the module its arguments are imported from: their models must be made again when the types come
    // back (a model kept from the garbled ones would differ).
    const original = OPEN.map((f) => readFileSync(join(repo, 'test/fixtures', ORIGIN[f]!), 'utf8'));
    for (const [i, text] of original.entries()) {
      const lines = texts[i]!.split('\n');
      const end = { line: lines.length - 1, character: lines[lines.length - 1]!.length };
      await edited.connection.sendNotification('textDocument/didChange', { textDocument: { uri: uris[i], version: ++versions[i]! }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end }, text }] });
      texts[i] = text;
      writeFileSync(join(ws, OPEN[i]!), text);
    }
    const restored = new LspTestClient();
    try {
      await restored.initialize(pathToFileURL(ws).toString());
      await restored.waitForStatus(() => true);
      const agreeRestored = () => every().every((uri) => view(edited.publishedFor(uri)) === view(restored.publishedFor(uri)));
      await Promise.race([edited.waitUntil(agreeRestored), new Promise((resolve) => setTimeout(resolve, 60_000).unref())]);
      assert.equal(crashed, undefined, 'the server process exited');
      for (const uri of every()) assert.equal(view(edited.publishedFor(uri)), view(restored.publishedFor(uri)), `${uri}, its text put back`);
      for (const f of ['go/main.go', 'imports/server.ts']) assert.ok(restored.publishedFor(uris[OPEN.indexOf(f)]!)?.diagnostics.length, `${f} has findings once put back (the test needs some to compare)`);
    } finally {
      await restored.dispose();
    }
  });
});
