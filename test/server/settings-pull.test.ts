// The settings pulled through workspace/configuration (per workspace folder) and pulled again on
// workspace/didChangeConfiguration: suppression comments hide one diagnostic each, a rule's level changes what is
// published, a rule turned off disappears, include/exclude read the folder again: all without a restart.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { ErrorCodes, ResponseError } from 'vscode-jsonrpc/node';
import { LspTestClient, type PublishedDiagnostics } from './lsp-client';

const repo = join(__dirname, '..', '..');
const PULLING = { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } } };

describe('settings pulled through workspace/configuration (real process over stdio)', { timeout: 60_000 }, async () => {
  const ws = mkdtempSync(join(tmpdir(), 'mcpwk-pull-'));
  cpSync(join(repo, 'test/fixtures/settings/suppressed'), ws, { recursive: true });
  const uri = (path: string) => pathToFileURL(join(ws, path)).toString();
  const client = new LspTestClient();
  after(() => client.dispose());
  /** What the client answers, by section; every request is recorded. */
  const sections: Record<string, unknown> = { mcpWorkflow: { rules: { 'no/such-rule': 'off' } }, 'files.exclude': { '**/.git': true } };
  const asked: { scopeUri?: string; section?: string }[][] = [];
  client.connection.onRequest('workspace/configuration', (p: { items: { scopeUri?: string; section?: string }[] }) => {
    asked.push(p.items);
    return p.items.map((item) => sections[item.section ?? ''] ?? null);
  });
  const registrations: { method: string }[] = [];
  client.connection.onRequest('client/registerCapability', (p: { registrations: { method: string }[] }) => {
    registrations.push(...p.registrations);
    return null;
  });
  const logs: string[] = [];
  client.connection.onNotification('window/logMessage', (p: { message: string }) => void logs.push(p.message));
  await client.initialize(uri(''), undefined, PULLING);
  const changeSettings = async (mcpWorkflow: unknown) => {
    sections['mcpWorkflow'] = mcpWorkflow;
    // As vscode-languageclient sends it when the server pulls: the payload is not what counts.
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  };
  const rules = (p: PublishedDiagnostics) => p.diagnostics.map((d) => `${d.range.start.line}:${d.code}`);
  await client.waitForStatus(() => true);

  it('asks for both sections of the folder, and registers for changes', () => {
    assert.deepEqual(asked[0], [{ section: 'mcpWorkflow', scopeUri: uri('') }, { section: 'files.exclude', scopeUri: uri('') }]);
    assert.ok(registrations.some((r) => r.method === 'workspace/didChangeConfiguration'));
  });

  it('hides exactly the diagnostic a suppression comment names, in TypeScript, Rust and Python', async () => {
    // Each file has two tools without a description; the comment is above (or on) the first one's line.
    assert.deepEqual(rules(await client.waitForDiagnostics(uri('server.ts'), () => true)), ['7:descriptions/missing']);
    assert.deepEqual(rules(await client.waitForDiagnostics(uri('src/main.rs'), () => true)), ['13:descriptions/missing']);
    assert.deepEqual(rules(await client.waitForDiagnostics(uri('server.py'), () => true)), ['6:descriptions/parameter-missing', '11:descriptions/missing']);
  });

  it('republishes with a rule level changed, without a restart', async () => {
    await changeSettings({ rules: { 'descriptions/missing': 'error', 'no/such-rule': 'off' } });
    const p = await client.waitForDiagnostics(uri('server.ts'), (d) => d.diagnostics[0]?.severity === 1);
    assert.deepEqual(rules(p), ['7:descriptions/missing']);
    assert.equal((await client.waitForDiagnostics(uri('src/main.rs'), (d) => d.diagnostics[0]?.severity === 1)).diagnostics.length, 1);
    assert.ok(asked.length >= 2, 'pulled again on the change');
  });

  it('drops a rule turned off, keeps the others, and logs an unknown rule id once', async () => {
    await changeSettings({ rules: { 'descriptions/missing': 'off', 'no/such-rule': 'off' } });
    await client.waitForDiagnostics(uri('server.ts'), (d) => d.diagnostics.length === 0);
    assert.deepEqual(rules(await client.waitForDiagnostics(uri('server.py'), (d) => d.diagnostics.length === 1)), ['6:descriptions/parameter-missing']);
    await client.waitForDiagnostics(uri('src/main.rs'), (d) => d.diagnostics.length === 0);
    assert.equal(logs.filter((l) => l.includes('mcpWorkflow.rules.no/such-rule')).length, 1, logs.join('\n'));
  });

  it('reads the folder again when include or exclude change', async () => {
    // The test folder's fake_server.ts is test code (left out); include brings it in, exclude drops the Python file.
    assert.equal(client.publishedFor(uri('test/fake_server.ts')), undefined);
    const before = client.statuses.length;
    await changeSettings({ include: ['test/**'], exclude: ['*.py'] });
    const status = await client.waitForStatus((s) => client.statuses.indexOf(s) >= before && s.tools === 5);
    assert.equal(status.tools, 5);
    assert.deepEqual(rules(await client.waitForDiagnostics(uri('test/fake_server.ts'), () => true)), ['4:descriptions/missing']);
    assert.deepEqual((await client.waitForDiagnostics(uri('server.py'), () => true)).diagnostics, []);
    await changeSettings({ exclude: ['*.py'], rules: { 'descriptions/missing': 'off' } });
    await client.waitForDiagnostics(uri('test/fake_server.ts'), (d) => d.diagnostics.length === 0);
  });

  it('leaves out what files.exclude sets to true', async () => {
    await changeSettings({});
    assert.equal((await client.waitForDiagnostics(uri('src/main.rs'), (d) => d.diagnostics.length === 1)).diagnostics.length, 1);
    const before = client.statuses.length;
    sections['files.exclude'] = { src: true, 'server.ts': false };
    await changeSettings({});
    // The Rust file's two tools are gone (the Python and TypeScript files' four remain), and its diagnostics cleared.
    await client.waitForStatus((s) => client.statuses.indexOf(s) >= before && s.tools === 4);
    await client.waitForDiagnostics(uri('src/main.rs'), (d) => d.diagnostics.length === 0);
    assert.equal(client.publishedFor(uri('server.ts'))?.diagnostics.length, 1);
  });
});

describe('a client that refuses the registration for settings changes (real process over stdio)', { timeout: 60_000 }, async () => {
  const ws = mkdtempSync(join(tmpdir(), 'mcpwk-refused-'));
  cpSync(join(repo, 'test/fixtures/settings/suppressed'), ws, { recursive: true });
  const uri = (path: string) => pathToFileURL(join(ws, path)).toString();
  const client = new LspTestClient();
  after(() => client.dispose());
  client.connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
  client.connection.onRequest('client/registerCapability', () => new ResponseError(ErrorCodes.InvalidRequest, 'dynamic registration is turned off'));
  const logs: string[] = [];
  let logged: () => void = () => undefined;
  const refusalLogged = new Promise<void>((resolve) => (logged = resolve));
  client.connection.onNotification('window/logMessage', (p: { message: string }) => {
    logs.push(p.message);
    if (p.message.includes('dynamic registration is turned off')) logged();
  });
  const exited = new Promise<never>((_, reject) => client.process.once('exit', (code) => reject(new Error(`the server exited (code ${code}); it logged:\n${logs.join('\n')}`))));
  // The exit at dispose() ends the race no test is waiting on any more.
  exited.catch(() => undefined);
  await client.initialize(uri(''), undefined, PULLING);

  it('logs the refusal and goes on serving, instead of ending on an unhandled rejection', async () => {
    await Promise.race([refusalLogged, exited]);
    await Promise.race([client.waitForDiagnostics(uri('server.ts'), () => true), exited]);
    const symbols = await Promise.race([client.connection.sendRequest('workspace/symbol', { query: '' }), exited]);
    assert.ok(Array.isArray(symbols) && symbols.length > 0, 'answers a request after the refusal');
  });
});
