// Outline, workspace symbols and folding ranges over the real server process: a Rust server file, TypeScript ones
// (tools and prompts; resources) and a workflow file; and the indexing progress of that workspace.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { LspTestClient } from './lsp-client';

const repo = join(__dirname, '..', '..');

interface Symbol {
  name: string;
  detail?: string;
  kind: number;
  range: { start: { line: number } };
  selectionRange: { start: { line: number; character: number }; end: { line: number; character: number } };
  children?: Symbol[];
}

describe('document symbols, workspace symbols and folding ranges (real process over stdio)', async () => {
  const ws = mkdtempSync(join(tmpdir(), 'mcpwk-symbols-'));
  cpSync(join(repo, 'test/fixtures/rust/seed'), join(ws, 'seed'), { recursive: true });
  cpSync(join(repo, 'test/fixtures/ts/register-style.ts'), join(ws, 'ts', 'register-style.ts'));
  cpSync(join(repo, 'test/fixtures/ts/resources/sdk-server.ts'), join(ws, 'ts', 'resources.ts'));
  cpSync(join(repo, 'examples/customer-analysis.workflow.json'), join(ws, 'customer-analysis.workflow.json'));
  const uri = (f: string) => pathToFileURL(join(ws, f)).toString();
  const client = new LspTestClient();
  after(() => client.dispose());
  await client.initialize(pathToFileURL(ws).toString(), undefined, { window: { workDoneProgress: true } });
  await client.waitForStatus(() => true);
  const symbols = (f: string) => client.connection.sendRequest<Symbol[]>('textDocument/documentSymbol', { textDocument: { uri: uri(f) } });
  const textAt = (f: string, r: Symbol['selectionRange']) => readFileSync(join(ws, f), 'utf8').split('\n')[r.start.line]!.slice(r.start.character, r.end.character);

  it('outlines a Rust file: each tool with its input and output fields, selected at its name', async () => {
    const tools = await symbols('seed/tools.rs');
    const analysis = tools.find((s) => s.name === 'customer_analysis')!;
    assert.ok(analysis, JSON.stringify(tools.map((s) => s.name)));
    assert.equal(textAt('seed/tools.rs', analysis.selectionRange), '"customer_analysis"');
    const fields = analysis.children!.map((c) => `${c.name} (${c.detail})`);
    assert.ok(fields.includes('customer_id (input: string)') && fields.includes('include_recommendations (input: boolean)'), fields.join(', '));
    assert.ok(fields.some((f) => f.startsWith('orders (output')), fields.join(', '));
  });

  it('outlines prompts with their arguments, in source order', async () => {
    const prompts = await symbols('seed/prompts.rs');
    assert.deepEqual(prompts.map((s) => s.name), ['customer-analysis', 'data-gathering', 'safe-data-migration', 'long-running-analysis', 'entity-management', 'investigate-anomaly', 'require-approval']);
    assert.deepEqual(prompts[0]!.children?.map((c) => c.name), ['customer_id']);
    const ts = await symbols('ts/register-style.ts');
    const analysis = ts.find((s) => s.name === 'customer-analysis')!;
    assert.deepEqual(analysis.children?.map((c) => `${c.name} (${c.detail})`), ['customer_id (argument, required)', 'find_top (argument)']);
  });

  it('outlines a workflow file: its steps, a parallel group with its steps inside', async () => {
    const [steps] = await symbols('customer-analysis.workflow.json');
    assert.equal(steps?.name, 'steps');
    assert.deepEqual(steps.children?.map((c) => `${c.name} (${c.detail})`), ['top (sales_top_customers)', 'gather (parallel)', 'report (customer_analysis)']);
    assert.ok((steps.children?.[1]?.children?.length ?? 0) >= 2);
    assert.equal(textAt('customer-analysis.workflow.json', steps.children![0]!.selectionRange), '"top"');
  });

  it('finds a tool or prompt of the workspace by name, its letters in order', async () => {
    const found = await client.connection.sendRequest<{ name: string; location: { uri: string } }[]>('workspace/symbol', { query: 'ordhist' });
    assert.ok(found.some((s) => s.name === 'order_history' && s.location.uri === uri('ts/register-style.ts')), JSON.stringify(found));
    const byTitle = await client.connection.sendRequest<{ name: string }[]>('workspace/symbol', { query: 'Order history' });
    assert.ok(byTitle.some((s) => s.name === 'order_history'), JSON.stringify(byTitle));
    const none = await client.connection.sendRequest<unknown[]>('workspace/symbol', { query: 'no-such-thing-zz' });
    assert.deepEqual(none, []);
  });

  it('outlines resources with their URI, and a template with its URI parameters; finds one by name or URI', async () => {
    const outline = await symbols('ts/resources.ts');
    const book = outline.find((s) => s.name === 'book')!;
    assert.equal(book.detail, 'library://books/{isbn}');
    assert.equal(textAt('ts/resources.ts', book.selectionRange), "'book'");
    assert.deepEqual(book.children?.map((c) => `${c.name} (${c.detail}) ${textAt('ts/resources.ts', c.selectionRange)}`), ['isbn (URI parameter) isbn']);
    assert.deepEqual(outline.filter((s) => s.detail?.startsWith('library://search')).map((s) => s.children?.map((c) => c.name)), [['query', 'limit']]);
    const byName = await client.connection.sendRequest<{ name: string; containerName?: string; location: { uri: string } }[]>('workspace/symbol', { query: 'catalog' });
    assert.ok(byName.some((s) => s.name === 'catalog' && s.containerName === 'library://catalog' && s.location.uri === uri('ts/resources.ts')), JSON.stringify(byName));
    const byUri = await client.connection.sendRequest<{ name: string }[]>('workspace/symbol', { query: 'library://books' });
    assert.deepEqual(byUri.map((s) => s.name), ['book']);
  });

  it('reports indexing as work-done progress, begun, with file counts, and ended', async () => {
    await client.waitUntil(() => client.progress.some((p) => p.kind === 'end'));
    assert.equal(client.progress[0]?.kind, 'begin');
    const reports = client.progress.filter((p) => p.kind === 'report');
    // The four source files (the workflow file is not one).
    assert.match(reports.at(-1)?.message ?? '', /^4\/4 files$/);
    assert.equal(reports.at(-1)?.percentage, 100);
    assert.equal(client.progress.at(-1)?.kind, 'end');
  });

  it('folds a prompt text written over several lines', async () => {
    const folds = await client.connection.sendRequest<{ startLine: number; endLine: number }[]>('textDocument/foldingRange', { textDocument: { uri: uri('seed/prompts.rs') } });
    const lines = readFileSync(join(ws, 'seed/prompts.rs'), 'utf8').split('\n');
    const analysis = lines.findIndex((l) => l.includes('Perform a comprehensive analysis of {{customer_id}}'));
    assert.ok(folds.some((f) => f.startLine <= analysis && f.endLine > analysis), JSON.stringify(folds));
  });
});
