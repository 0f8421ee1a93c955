// The session checks an edited document as soon as it is read, while the debounce waits; the debounce's end only
// publishes (in process: a Session over the fixtures, with a debounce long enough that the test sees both sides).
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { Diagnostic } from '../../src/core/diagnostic';
import { Session } from '../../src/server/session';

const repo = join(__dirname, '..', '..');

describe('a document change is checked while the debounce waits', () => {
  const ws = mkdtempSync(join(tmpdir(), 'mcpwk-ahead-'));
  after(() => rmSync(ws, { recursive: true, force: true }));
  cpSync(join(repo, 'test/fixtures/ts/register-style.ts'), join(ws, 'server.ts'));
  const file = join(ws, 'server.ts');
  const published: { file: string; diagnostics: Diagnostic[] }[] = [];
  const session = new Session({ publish: (f, diagnostics) => published.push({ file: f, diagnostics }), status: () => undefined }, 60_000);

  it('has the new finding before the debounce ends, publishes it only at the end, and a disk change still waits for it', async () => {
    await session.loadFolders([ws]);
    const unknown = (ds: Diagnostic[]) => ds.filter((d) => d.ruleId === 'tools/unknown-tool' && d.message.includes('sales_top_customerz'));
    assert.equal(unknown(session.diagnosticsOf(file)).length, 0);
    const text = readFileSync(file, 'utf8').replace('Use `sales_top_customers`', 'Use `sales_top_customerz`');
    assert.notEqual(text, readFileSync(file, 'utf8'), 'the fixture names sales_top_customers in backticks');
    session.openDocument(file);
    const before = published.length;
    await session.updateDocument(file, text);
    // Judged already (hover and code actions see it), not yet published: the debounce (a minute here) has not ended.
    assert.equal(unknown(session.diagnosticsOf(file)).length, 1);
    assert.equal(published.length, before);
    // The debounce's end publishes what the run found, without another run.
    session.recheck();
    const last = published.filter((p) => p.file === file).at(-1);
    assert.ok(last && unknown(last.diagnostics).length === 1, 'published at the end of the debounce');
    // A change from disk is not checked ahead: the file reverts, and only the debounce's end judges it.
    await session.refreshFile(file, false);
    assert.equal(unknown(session.diagnosticsOf(file)).length, 1, 'a disk change waits for the debounce');
    session.recheck();
    assert.equal(unknown(session.diagnosticsOf(file)).length, 0);
  });

  after(() => session.recheck());
});
