// The ServerHub the editor's Servers view is built on, against real server processes: the example server over
// stdio and Streamable HTTP, a server whose tool list changes while it runs, and one that dies. The refusals
// (Restricted Mode, a declined non-loopback URL) are checked to happen before any connection is attempted.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { connectServer, type ConnectOptions, type ServerLaunch } from '../../src/core/mcp/client';
import type { ResolvedMcpServer } from '../../src/core/mcp/config-resolve';
import { isLoopbackUrl } from '../../src/core/mcp/loopback';
import { ServerHub, type HubHost, type LogLevel, type ServerDeclaration } from '../../src/core/mcp/server-hub';
import { processAlive, serverBundle, startHttpServer } from './helpers';

const declaration = (name: string): ServerDeclaration => ({ id: `mcp.json#${name}`, name, configFile: 'mcp.json', fingerprint: name });

/** A hub whose host resolves every server to `launch`, records its log, and allows starting unless told not to. */
function hubFor(launch: ResolvedMcpServer, overrides: Partial<HubHost> = {}, secrets: string[] = []): { hub: ServerHub; log: { level: LogLevel; line: string }[] } {
  const log: { level: LogLevel; line: string }[] = [];
  const hub = new ServerHub({
    startBlockedReason: () => undefined,
    resolve: async () => ({ ok: true, server: launch, secrets }),
    confirmRemote: async () => false,
    log: (_id, level, line) => log.push({ level, line }),
    connect: connectServer,
    ...overrides,
  });
  return { hub, log };
}

const stdioExample: ResolvedMcpServer = { name: 'example', type: 'stdio', command: process.execPath, args: [serverBundle, '--stdio'], env: {} };

/** Waits until `check` holds after a hub change (no timers: the hub says when something changed). */
function until(hub: ServerHub, check: () => boolean): Promise<void> {
  if (check()) return Promise.resolve();
  return new Promise((resolve) => {
    const sub = hub.onDidChange(() => {
      if (!check()) return;
      sub.dispose();
      resolve();
    });
  });
}


/** The pids of live processes whose command line holds `marker`. */
function processesWith(marker: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'latin1');
      if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) continue;
      if (readFileSync(`/proc/${entry}/cmdline`, 'latin1').includes(marker)) pids.push(Number(entry));
    } catch {
      // Gone while being read.
    }
  }
  return pids;
}

/** Resolves once `check` holds, looking every 20 ms (the test's own timeout bounds the wait). */
function waitFor(check: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const look = (): void => (check() ? resolve() : void setTimeout(look, 20));
    look();
  });
}

/** Resolves once the process is gone (the test's own timeout bounds the wait). */
function waitForExit(pid: number): Promise<void> {
  return new Promise((resolve) => {
    const check = (): void => (processAlive(pid) ? void setTimeout(check, 20) : resolve());
    check();
  });
}

describe('ServerHub', () => {
  test('starts the stdio example server, lists its tools, prompts and resources, and stop ends its process', async () => {
    const { hub, log } = hubFor(stdioExample);
    await hub.setServers([declaration('example')]);
    const seen: string[] = [];
    hub.onDidChange((id) => id && seen.push(hub.get(id)!.status.state));
    assert.deepEqual(await hub.start('mcp.json#example'), { ok: true });
    const server = hub.get('mcp.json#example')!;
    assert.equal(server.status.state, 'running');
    assert.ok(seen.includes('starting'), `states seen: ${seen.join(', ')}`);
    const pid = server.status.state === 'running' ? server.status.pid : undefined;
    assert.ok(pid && processAlive(pid), 'the server process runs');
    assert.ok(server.lists!.tools.some((t) => t.name === 'sales_top_customers'));
    assert.ok(server.lists!.prompts.length > 0, 'prompts listed');
    assert.deepEqual(server.lists!.resources.map((r) => r.uri), ['customers://all']);
    assert.deepEqual(server.lists!.templates.map((t) => t.uriTemplate), ['customers://{customer_id}']);
    assert.ok(log.some((l) => l.level === 'trace' && l.line.startsWith('→ ') && l.line.includes('"method":"tools/list"')), 'the protocol exchange is logged at trace');
    assert.ok(log.some((l) => l.level === 'trace' && l.line.startsWith('← ')), 'answers are logged too');
    await hub.stop('mcp.json#example');
    assert.equal(hub.get('mcp.json#example')!.status.state, 'stopped');
    await waitForExit(pid);
    assert.equal(processAlive(pid), false, 'the server process is gone after stop');
  });

  test('connects to the example server over Streamable HTTP', async (t) => {
    const http = await startHttpServer();
    t.after(() => http.stop());
    const { hub } = hubFor({ name: 'example-http', type: 'http', url: http.url, headers: {} });
    await hub.setServers([declaration('example-http')]);
    assert.deepEqual(await hub.start('mcp.json#example-http'), { ok: true });
    const server = hub.get('mcp.json#example-http')!;
    assert.equal(server.status.state === 'running' && server.status.transport, 'http');
    const result = await server.connection!.readResource('customers://C-1001');
    assert.match(JSON.stringify(result.contents), /Acme Corp/);
    await hub.dispose();
  });

  test('a list_changed notification lists the tools again', async () => {
    // A real server that registers a second tool when its first is called; the SDK then sends tools/list_changed.
    const script = `
      const { McpServer } = require(${JSON.stringify(require.resolve('@modelcontextprotocol/sdk/server/mcp.js'))});
      const { StdioServerTransport } = require(${JSON.stringify(require.resolve('@modelcontextprotocol/sdk/server/stdio.js'))});
      const server = new McpServer({ name: 'growing', version: '1.0.0' });
      server.registerTool('unlock', { description: 'Adds the beta tool' }, async () => {
        server.registerTool('beta', { description: 'Appears later' }, async () => ({ content: [{ type: 'text', text: 'beta' }] }));
        return { content: [{ type: 'text', text: 'unlocked' }] };
      });
      server.connect(new StdioServerTransport());`;
    const { hub } = hubFor({ name: 'growing', type: 'stdio', command: process.execPath, args: ['-e', script], env: {} });
    await hub.setServers([declaration('growing')]);
    await hub.start('mcp.json#growing');
    const server = hub.get('mcp.json#growing')!;
    assert.deepEqual(server.lists!.tools.map((t) => t.name), ['unlock']);
    await server.connection!.callTool('unlock', {});
    await until(hub, () => server.lists?.tools.some((t) => t.name === 'beta') ?? false);
    assert.deepEqual(server.lists!.tools.map((t) => t.name).sort(), ['beta', 'unlock']);
    await hub.dispose();
  });

  test('every page of a paginated tools, prompts and resources list is read', async (t) => {
    // A low-level server that answers each list two items a page.
    const script = `
      const { Server } = require(${JSON.stringify(require.resolve('@modelcontextprotocol/sdk/server/index.js'))});
      const { StdioServerTransport } = require(${JSON.stringify(require.resolve('@modelcontextprotocol/sdk/server/stdio.js'))});
      const t = require(${JSON.stringify(require.resolve('@modelcontextprotocol/sdk/types.js'))});
      const server = new Server({ name: 'paged', version: '1.0.0' }, { capabilities: { tools: {}, prompts: {}, resources: {} } });
      const page = (all, key) => (req) => {
        const at = Number(req.params?.cursor ?? 0);
        return { [key]: all.slice(at, at + 2), ...(at + 2 < all.length ? { nextCursor: String(at + 2) } : {}) };
      };
      const names = ['a', 'b', 'c', 'd', 'e'];
      server.setRequestHandler(t.ListToolsRequestSchema, page(names.map((n) => ({ name: 'tool_' + n, inputSchema: { type: 'object' } })), 'tools'));
      server.setRequestHandler(t.ListPromptsRequestSchema, page(names.map((n) => ({ name: 'prompt_' + n })), 'prompts'));
      server.setRequestHandler(t.ListResourcesRequestSchema, page(names.map((n) => ({ name: n, uri: 'mem://' + n })), 'resources'));
      server.setRequestHandler(t.ListResourceTemplatesRequestSchema, page(names.map((n) => ({ name: n, uriTemplate: 'mem://' + n + '/{id}' })), 'resourceTemplates'));
      server.connect(new StdioServerTransport());`;
    const { hub } = hubFor({ name: 'paged', type: 'stdio', command: process.execPath, args: ['-e', script], env: {} });
    t.after(() => hub.dispose());
    await hub.setServers([declaration('paged')]);
    await hub.start('mcp.json#paged');
    const lists = hub.get('mcp.json#paged')!.lists!;
    assert.deepEqual(lists.errors, {});
    assert.deepEqual(lists.tools.map((x) => x.name), ['tool_a', 'tool_b', 'tool_c', 'tool_d', 'tool_e']);
    assert.deepEqual(lists.prompts.map((x) => x.name), ['prompt_a', 'prompt_b', 'prompt_c', 'prompt_d', 'prompt_e']);
    assert.equal(lists.resources.length, 5);
    assert.equal(lists.templates.length, 5);
  });

  test('a server that dies while running is shown failed, with its last words', async () => {
    const script = `
      const { McpServer } = require(${JSON.stringify(require.resolve('@modelcontextprotocol/sdk/server/mcp.js'))});
      const { StdioServerTransport } = require(${JSON.stringify(require.resolve('@modelcontextprotocol/sdk/server/stdio.js'))});
      const server = new McpServer({ name: 'fragile', version: '1.0.0' });
      server.registerTool('crash', { description: 'Exits' }, async () => { process.stderr.write('fatal: disk full\\n'); process.exit(3); });
      server.connect(new StdioServerTransport());`;
    const { hub } = hubFor({ name: 'fragile', type: 'stdio', command: process.execPath, args: ['-e', script], env: {} });
    await hub.setServers([declaration('fragile')]);
    await hub.start('mcp.json#fragile');
    const server = hub.get('mcp.json#fragile')!;
    await server.connection!.callTool('crash', {}).catch(() => undefined);
    await until(hub, () => server.status.state === 'failed');
    assert.equal(server.status.state, 'failed');
    assert.match(server.status.state === 'failed' ? server.status.reason : '', /fatal: disk full/);
    assert.equal(server.connection, undefined);
    await hub.dispose();
  });

  test('a server that cannot start is failed with the reason, and secrets in it are masked', async () => {
    const secret = 'sk-hub-secret-123';
    const script = `process.stderr.write('bad key ${secret}\\n'); process.exit(1);`;
    const { hub, log } = hubFor({ name: 'broken', type: 'stdio', command: process.execPath, args: ['-e', script], env: {} }, {}, [secret]);
    await hub.setServers([declaration('broken')]);
    const result = await hub.start('mcp.json#broken');
    assert.equal(result.ok, false);
    const status = hub.get('mcp.json#broken')!.status;
    assert.equal(status.state, 'failed');
    const text = JSON.stringify({ status, log, result });
    assert.ok(!text.includes(secret), 'the secret is masked everywhere');
    assert.match(text, /bad key \[REDACTED\]/);
  });

  /**
   * A hub whose server "mute" is started and is in its handshake: its process reads stdin and never answers
   * initialize, and the handshake would wait ten minutes, so only the hub can end it within a test's timeout.
   */
  const hubInHandshake = async (marker: string) => {
    const script = `/* ${marker} */ process.stdin.resume(); setInterval(() => {}, 1000);`;
    const { hub, log } = hubFor(
      { name: 'mute', type: 'stdio', command: process.execPath, args: ['-e', script], env: {} },
      { connect: (name, launch, options) => connectServer(name, launch, { ...options, connectTimeoutMs: 600_000 }) },
    );
    await hub.setServers([declaration('mute')]);
    const started = hub.start('mcp.json#mute');
    await waitFor(() => log.some((l) => l.line.startsWith('starting:')) && processesWith(marker).length > 0);
    return { hub, started };
  };

  test('Stop while a server is still in its handshake ends the handshake and the process', { timeout: 30_000 }, async () => {
    const marker = `hub-hang-${process.pid}-${Date.now()}`;
    const { hub, started } = await hubInHandshake(marker);
    await hub.stop('mcp.json#mute');
    assert.deepEqual(await started, { ok: false, reason: 'stopped before it started' });
    assert.equal(hub.get('mcp.json#mute')!.status.state, 'stopped');
    await waitFor(() => processesWith(marker).length === 0);
    assert.deepEqual(processesWith(marker), []);
  });

  test('a server removed from mcp.json while in its handshake is abandoned, and its process ends', { timeout: 30_000 }, async () => {
    const marker = `hub-removed-${process.pid}-${Date.now()}`;
    const { hub, started } = await hubInHandshake(marker);
    await hub.setServers([]);
    assert.deepEqual(await started, { ok: false, reason: 'stopped before it started' });
    await waitFor(() => processesWith(marker).length === 0);
    assert.deepEqual(processesWith(marker), []);
  });

  test('in Restricted Mode nothing is resolved or connected', async () => {
    let resolved = 0;
    let connected = 0;
    const { hub } = hubFor(stdioExample, {
      startBlockedReason: () => 'Restricted Mode',
      resolve: async () => {
        resolved++;
        return { ok: true, server: stdioExample, secrets: [] };
      },
      connect: async (name: string, launch: ServerLaunch, options: ConnectOptions) => {
        connected++;
        return connectServer(name, launch, options);
      },
    });
    await hub.setServers([declaration('example')]);
    assert.deepEqual(await hub.start('mcp.json#example'), { ok: false, reason: 'Restricted Mode' });
    assert.equal(hub.get('mcp.json#example')!.status.state, 'stopped');
    assert.deepEqual({ resolved, connected }, { resolved: 0, connected: 0 });
  });

  test('a URL off this machine is confirmed before any connection, and declining connects to nothing', async () => {
    const asked: string[] = [];
    let connected = 0;
    // Never reached: the address is only compared, no connection is made to it.
    const remote: ResolvedMcpServer = { name: 'remote', type: 'http', url: 'http://192.0.2.10:9/mcp', headers: {} };
    const { hub, log } = hubFor(remote, {
      confirmRemote: async (_d, url) => {
        asked.push(url);
        return false;
      },
      connect: async () => {
        connected++;
        throw new Error('must not connect');
      },
    });
    await hub.setServers([declaration('remote')]);
    const result = await hub.start('mcp.json#remote');
    assert.deepEqual(asked, ['http://192.0.2.10:9/mcp']);
    assert.equal(connected, 0);
    assert.equal(result.ok, false);
    assert.match(hub.get('mcp.json#remote')!.status.state === 'stopped' ? (hub.get('mcp.json#remote')!.status as { reason?: string }).reason ?? '' : '', /declined/);
    assert.ok(log.some((l) => l.level === 'warn' && /not on this machine/.test(l.line)));
  });

  test('a loopback URL is not asked about', () => {
    for (const url of ['http://127.0.0.1:3917/mcp', 'http://localhost/mcp', 'http://[::1]:80/', 'https://127.5.6.7/x', 'http://app.localhost/']) assert.equal(isLoopbackUrl(url), true, url);
    for (const url of ['http://192.0.2.10/mcp', 'http://10.0.0.1/', 'https://example.com/mcp', 'http://127.0.0.1.example.com/', 'not a url', 'http://0.0.0.0/']) assert.equal(isLoopbackUrl(url), false, url);
  });

  test('a config change marks a running server stale, and removing it stops it', async () => {
    const { hub } = hubFor(stdioExample);
    await hub.setServers([declaration('example')]);
    await hub.start('mcp.json#example');
    const pid = (hub.get('mcp.json#example')!.status as { pid?: number }).pid!;
    await hub.setServers([{ ...declaration('example'), fingerprint: 'edited' }]);
    assert.equal(hub.get('mcp.json#example')!.stale, true);
    await hub.setServers([]);
    assert.equal(hub.get('mcp.json#example'), undefined);
    await waitForExit(pid);
    assert.equal(processAlive(pid), false);
  });

});
