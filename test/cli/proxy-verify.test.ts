// The proxy and verify commands' edges, as a user meets them: bad usage and unreadable files exit 2 with one line;
// a server URL off this machine is refused before any connection; verify prints text and SARIF at trace lines.
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from './run-cli';
import { tempDir, writeConfig } from '../proxy/helpers';

/** A trace whose line 4 retries a call that was denied. */
function deniedTwice(): string {
  const at = (ms: number): string => new Date(Date.UTC(2026, 0, 1) + ms).toISOString();
  const lines = [
    { time: at(0), kind: 'session', server: 's' },
    { time: at(1), kind: 'request', direction: 'client-to-server', id: 1, method: 'tools/call', tool: 'api', arguments: {} },
    { time: at(2), kind: 'response', direction: 'server-to-client', id: 1, method: 'tools/call', tool: 'api', result: { isError: true, errorCode: 'PERMISSION_DENIED' } },
    { time: at(3), kind: 'request', direction: 'client-to-server', id: 2, method: 'tools/call', tool: 'api', arguments: {} },
  ];
  const file = join(tempDir(), 'denied.trace.jsonl');
  writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n'));
  return file;
}

describe('mcp-workflow verify', () => {
  it('prints text findings at their trace lines and exits 1 on an error', () => {
    const trace = deniedTwice();
    const r = runCli(['verify', trace]);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /^ {2}4:1 {6}error {3}api was called again at line 4 with the same arguments after PERMISSION_DENIED \(line 3\); a denied call must not be retried {2}trace-retry-permission-denied$/m);
    assert.match(r.stdout, /1 problems \(1 errors, 0 warnings, 0 hints\) in 1 files/);
  });

  it('prints SARIF with the rule and the line', () => {
    const r = runCli(['verify', '--trace', deniedTwice(), '--format', 'sarif']);
    assert.equal(r.status, 1);
    const sarif = JSON.parse(r.stdout) as { runs: { results: { ruleId: string; locations: { physicalLocation: { region: { startLine: number } } }[] }[]; tool: { driver: { rules: { id: string }[] } } }[] };
    const result = sarif.runs[0]!.results[0]!;
    assert.equal(result.ruleId, 'trace-retry-permission-denied');
    assert.equal(result.locations[0]!.physicalLocation.region.startLine, 4);
    assert.ok(sarif.runs[0]!.tool.driver.rules.some((rule) => rule.id === 'trace-unproduced-id'));
  });

  it('exits 2 for a missing trace, a bad format, or no trace at all', () => {
    const missing = runCli(['verify', join(tempDir(), 'none.jsonl')]);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /^mcp-workflow verify: cannot read the trace .*none\.jsonl: /);
    assert.equal(runCli(['verify', deniedTwice(), '--format', 'xml']).status, 2);
    assert.equal(runCli(['verify']).status, 2);
  });
});

describe('mcp-workflow proxy', () => {
  it('needs a server', () => {
    const r = runCli(['proxy', '--config', writeConfig({})]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--server NAME is required/);
  });

  it('refuses a server URL off this machine before connecting, unless --allow-remote', () => {
    const config = writeConfig({ remote: { type: 'http', url: 'https://mcp.example.invalid/mcp' } });
    const trace = join(tempDir(), 'remote.jsonl');
    const r = runCli(['proxy', '--server', 'remote', '--config', config, '--trace', trace]);
    assert.equal(r.status, 2);
    assert.equal(r.stderr, 'mcp-workflow proxy: https://mcp.example.invalid/mcp is not on this machine; pass --allow-remote to connect to it anyway\n');
    assert.equal(existsSync(trace), false, 'nothing was traced: the proxy stopped before starting');
  });

  it('says so in one line when the server cannot be started', () => {
    const config = writeConfig({ broken: { type: 'stdio', command: 'no-such-command-for-the-proxy', args: [] } });
    const r = runCli(['proxy', '--server', 'broken', '--config', config, '--trace', join(tempDir(), 't.jsonl')]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^mcp-workflow proxy: cannot start server "broken": command "no-such-command-for-the-proxy" was not found$/m);
  });

  it('names an unknown server and the ones there are', () => {
    const r = runCli(['proxy', '--server', 'nope', '--config', join(__dirname, '..', '..', 'examples', '.vscode', 'mcp.json')]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /no server "nope" in .*servers: example-stdio, example-http/);
  });
});
