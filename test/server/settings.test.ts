// The mcpWorkflow.* settings reach the language server as initializationOptions, and later changes as
// workspace/didChangeConfiguration: test code is left out unless includeTests, and protocolRevision decides how
// output schemas are judged.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { LspTestClient } from './lsp-client';

const repo = join(__dirname, '..', '..');

function workspace(): string {
  const ws = mkdtempSync(join(tmpdir(), 'mcpwk-settings-'));
  cpSync(join(repo, 'test/fixtures/workspaces/with-tests'), ws, { recursive: true });
  cpSync(join(repo, 'test/fixtures/rules/schema-output-not-object/sdk1-server/server.ts'), join(ws, 'src', 'forecast.ts'));
  return ws;
}

describe('language server settings (real process over stdio)', async () => {
  const plain = new LspTestClient();
  const configured = new LspTestClient();
  const changed = new LspTestClient();
  after(() => Promise.all([plain.dispose(), configured.dispose(), changed.dispose()]));
  const [wsPlain, wsConfigured, wsChanged] = [workspace(), workspace(), workspace()];
  await plain.initialize(pathToFileURL(wsPlain).toString());
  await configured.initialize(pathToFileURL(wsConfigured).toString(), { includeTests: true, protocolRevision: '2026-07-28' });
  await changed.initialize(pathToFileURL(wsChanged).toString());

  it('leaves test code out by default, and reads it with includeTests', async () => {
    // The server's add-note and forecast's list-forecasts; with tests, the test data's three more and fixture_tool.
    assert.equal((await plain.waitForStatus(() => true)).tools, 2);
    assert.equal((await configured.waitForStatus(() => true)).tools, 6);
    const test = pathToFileURL(join(wsConfigured, 'test', 'server.test.ts')).toString();
    const p = await configured.waitForDiagnostics(test, (d) => d.diagnostics.length > 0);
    assert.deepEqual(p.diagnostics.map((d) => d.code), ['names/duplicate']);
  });

  it('judges output schemas by the protocol revision set', async () => {
    const at = (ws: string) => pathToFileURL(join(ws, 'src', 'forecast.ts')).toString();
    const p = await plain.waitForDiagnostics(at(wsPlain), (d) => d.diagnostics.length > 0);
    assert.deepEqual(p.diagnostics.map((d) => d.code), ['schema/output-not-object']);
    assert.match(p.diagnostics[0]!.message, /MCP 2025-11-25 \(the revision this server targets, from @modelcontextprotocol\/sdk \^1\.17\.0\)/);
    // A check publishes every file's diagnostics before its status: with 2026-07-28 the array root is allowed.
    await configured.waitForStatus(() => true);
    assert.deepEqual(configured.publishedFor(at(wsConfigured))?.diagnostics ?? [], []);
  });

  it('applies a change of the settings without a restart: reads test code, re-judges by the new revision', async () => {
    const forecast = pathToFileURL(join(wsChanged, 'src', 'forecast.ts')).toString();
    assert.equal((await changed.waitForStatus(() => true)).tools, 2);
    assert.deepEqual((await changed.waitForDiagnostics(forecast, (d) => d.diagnostics.length > 0)).diagnostics.map((d) => d.code), ['schema/output-not-object']);
    // As VS Code sends the section: its defaults ('' for no revision) are no setting.
    await changed.connection.sendNotification('workspace/didChangeConfiguration', { settings: { mcpWorkflow: { includeTests: true, protocolRevision: '2026-07-28' } } });
    assert.equal((await changed.waitForStatus((s) => s.tools === 6)).tools, 6);
    assert.deepEqual(changed.publishedFor(forecast)?.diagnostics ?? [], []);
    const back = changed.statuses.length;
    await changed.connection.sendNotification('workspace/didChangeConfiguration', { settings: { mcpWorkflow: { includeTests: false, protocolRevision: '' } } });
    await changed.waitForStatus((s) => changed.statuses.indexOf(s) >= back && s.tools === 2);
    assert.deepEqual(changed.publishedFor(forecast)?.diagnostics.map((d) => d.code), ['schema/output-not-object']);
  });
});

describe('manifests and lock files changed on disk (real process over stdio)', { timeout: 60_000 }, async () => {
  const ws = workspace();
  const client = new LspTestClient();
  after(() => client.dispose());
  await client.initialize(pathToFileURL(ws).toString());

  it('judges by the revision of the SDK the package.json names now, without a restart', async () => {
    const forecast = pathToFileURL(join(ws, 'src', 'forecast.ts')).toString();
    const manifest = join(ws, 'package.json');
    const changed = (type: number) => client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(manifest).toString(), type }] });
    await client.waitForStatus(() => true);
    assert.deepEqual(client.publishedFor(forecast)?.diagnostics.map((d) => d.code), ['schema/output-not-object']);
    // The SDK upgraded to 2.x, whose revision allows any output schema: the finding goes.
    // (The test's timeout fails it when the finding stays.)
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('^1.17.0', '^2.0.0'));
    await changed(2);
    await client.waitForDiagnostics(forecast, (d) => d.diagnostics.length === 0);
    // The manifest deleted: the project names no SDK, so the object-only revision is assumed again, and said.
    unlinkSync(manifest);
    await changed(3);
    const p = await client.waitForDiagnostics(forecast, (d) => d.diagnostics.length > 0);
    assert.deepEqual(p.diagnostics.map((d) => d.code), ['schema/output-not-object']);
    assert.match(p.diagnostics[0]!.message, /assumed/);
  });
});

describe('rule levels and suppression comments without workspace/configuration (real process over stdio)', { timeout: 60_000 }, async () => {
  const ws = mkdtempSync(join(tmpdir(), 'mcpwk-suppress-'));
  cpSync(join(repo, 'test/fixtures/settings/suppressed'), ws, { recursive: true });
  const uri = (path: string) => pathToFileURL(join(ws, path)).toString();
  const client = new LspTestClient();
  after(() => client.dispose());
  // A client that cannot answer workspace/configuration: the initializationOptions are the settings.
  await client.initialize(uri(''), { rules: { 'descriptions/parameter-missing': 'off' } });
  const lines = (p: { diagnostics: { range: { start: { line: number } }; code?: string }[] }) => p.diagnostics.map((d) => `${d.range.start.line}:${d.code}`);

  it('takes the rule levels of initializationOptions', async () => {
    await client.waitForStatus(() => true);
    assert.deepEqual(lines(await client.waitForDiagnostics(uri('server.py'), () => true)), ['11:descriptions/missing']);
  });

  it('follows a suppression comment typed into an open document, and reports one that hides nothing', async () => {
    const file = uri('server.ts');
    const text = readFileSync(join(ws, 'server.ts'), 'utf8');
    assert.deepEqual(lines(await client.waitForDiagnostics(file, () => true)), ['7:descriptions/missing']);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: file, languageId: 'typescript', version: 1, text } });
    // Above list_notes (line 7): it is hidden, and the add_note line's comment still hides add_note's.
    const comment = '// mcp-workflow-disable-next-line descriptions/missing\n';
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: file, version: 2 }, contentChanges: [{ range: { start: { line: 7, character: 0 }, end: { line: 7, character: 0 } }, text: comment }] });
    await client.waitForDiagnostics(file, (p) => p.diagnostics.length === 0);
    // A suppression of another rule above line 0 hides nothing: a hint says so.
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: file, version: 3 }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '// mcp-workflow-disable-next-line names/duplicate\n' }] });
    const p = await client.waitForDiagnostics(file, (d) => d.diagnostics.length > 0);
    assert.deepEqual(lines(p), ['0:suppression/unused']);
    assert.equal(p.diagnostics[0]!.severity, 4);
  });
});
