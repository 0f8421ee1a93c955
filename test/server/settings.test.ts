// The mcpWorkflow.* settings reach the language server as initializationOptions, and later changes as
// workspace/didChangeConfiguration: test code is left out unless includeTests, and protocolRevision decides how
// output schemas are judged.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync } from 'node:fs';
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
