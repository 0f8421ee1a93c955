// The proxy passes everything through unchanged: the same client script, straight to the example server and
// through the real proxy process (stdio and Streamable HTTP), receives exactly the same JSON-RPC messages; the
// trace records each call with its arguments and the identifiers its result carries; cancellation reaches the server.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ChildProcess } from 'node:child_process';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { serverBundle, spawnHttpServer } from '../examples/start-server';
import { clientOverHttp, directOverStdio, exampleConfig, proxyOverStdio, readTrace, spawnHttpProxy, stopChild, tempDir } from './helpers';

/** One client session: lists, calls (a success, a tool error, a progress-emitting tool), a prompt, a resource. */
async function exercise(client: Client): Promise<void> {
  await client.listTools();
  const prompts = await client.listPrompts();
  assert.ok(prompts.prompts.some((p) => p.name === 'data-gathering'));
  await client.getPrompt({ name: 'data-gathering', arguments: { customer_id: 'C-1001' } });
  const resources = await client.listResources();
  if (resources.resources[0]) await client.readResource({ uri: resources.resources[0].uri });
  await client.callTool({ name: 'sales_top_customers', arguments: { limit: 2 } });
  await client.callTool({ name: 'order_history', arguments: { customer_id: 'C-1001' } });
  await client.callTool({ name: 'order_history', arguments: { customer_id: 'C-0000' } });
  let progress = 0;
  await client.callTool({ name: 'slow_task', arguments: { duration_ms: 100, steps: 4, task_id: 'p' } }, undefined, { onprogress: () => void progress++ });
  assert.equal(progress, 4);
  await client.ping();
}

/** Starts slow_task, cancels it at its first progress notification, and reads its status afterwards. */
async function cancelSlowTask(client: Client): Promise<unknown> {
  const controller = new AbortController();
  const call = client.callTool({ name: 'slow_task', arguments: { duration_ms: 60_000, steps: 600, task_id: 'cancel-me' } }, undefined, { signal: controller.signal, onprogress: () => controller.abort('test cancels') });
  await assert.rejects(call);
  // The server marks the task cancelled when the cancellation reaches it; task_status answers once it stops.
  const status = await client.callTool({ name: 'task_status', arguments: { task_id: 'cancel-me', wait_ms: 30_000 } });
  return status.structuredContent;
}

/** The session's messages were many (handshake, lists, results, progress): the comparison compares something. */
function assertSubstantial(messages: JSONRPCMessage[]): void {
  assert.ok(messages.length >= 14, `only ${messages.length} messages`);
}

describe('proxy over stdio, in front of the stdio example server', () => {
  const dir = tempDir();
  const trace = join(dir, 'stdio.trace.jsonl');

  it('delivers exactly what the server sends, and records each call in the trace', async () => {
    const direct = await directOverStdio(process.execPath, [serverBundle, '--stdio']);
    await exercise(direct.client);
    await direct.close();
    const proxied = await proxyOverStdio(['--server', 'example-stdio', '--config', exampleConfig, '--trace', trace]);
    await exercise(proxied.client);
    await proxied.close();
    assertSubstantial(direct.received);
    assert.deepEqual(proxied.received, direct.received);
    const lines = readTrace(trace);
    assert.equal(lines[0]?.kind, 'session');
    assert.equal(lines[0]?.server, 'example-stdio');
    const top = lines.find((l) => l.kind === 'response' && l.tool === 'sales_top_customers');
    assert.deepEqual(top?.identifiers?.slice(0, 2), [
      { pointer: '/customers/0/customer_id', value: 'C-1001' },
      { pointer: '/customers/1/customer_id', value: (top?.result?.value as { customers: { customer_id: string }[] }).customers[1]!.customer_id },
    ]);
    const call = lines.find((l) => l.kind === 'request' && l.tool === 'order_history');
    assert.deepEqual(call?.arguments, { customer_id: 'C-1001' });
    const failed = lines.find((l) => l.kind === 'response' && l.tool === 'order_history' && l.result?.isError);
    assert.equal(failed?.result?.errorCode, 'NOT_FOUND');
    assert.equal(lines.filter((l) => l.method === 'notifications/progress' && l.direction === 'server-to-client').length, 4);
    // Every message is on a line: the requests and responses the client received, each once.
    const responses = lines.filter((l) => (l.kind === 'response' || l.kind === 'error') && l.direction === 'server-to-client');
    assert.equal(responses.length, direct.received.filter((m) => 'id' in m && !('method' in m)).length);
  });

  it('passes a cancellation to the server, which stops the task', async () => {
    const proxied = await proxyOverStdio(['--server', 'example-stdio', '--config', exampleConfig, '--trace', trace]);
    const status = await cancelSlowTask(proxied.client);
    await proxied.close();
    assert.equal((status as { status: string }).status, 'cancelled');
    const cancelled = readTrace(trace).filter((l) => l.method === 'notifications/cancelled');
    assert.equal(cancelled.length, 1);
    assert.equal(cancelled[0]?.direction, 'client-to-server');
  });
});

describe('proxy over Streamable HTTP, in front of the HTTP example server', () => {
  const dir = tempDir();
  const trace = join(dir, 'http.trace.jsonl');
  let server: { child: ChildProcess; url: string };
  let proxy: { child: ChildProcess; url: string; stderr: () => string };

  before(async () => {
    server = await spawnHttpServer();
    const port = new URL(server.url).port;
    proxy = await spawnHttpProxy(['--server', 'example-http', '--config', exampleConfig, '--input', `example-port=${port}`, '--trace', trace]);
  });
  after(async () => {
    await stopChild(proxy.child);
    await stopChild(server.child);
  });

  it('binds 127.0.0.1 and delivers exactly what the server sends, progress on its request\'s stream', async () => {
    assert.match(proxy.url, /^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    // The HTTP server keeps its state across sessions: the direct session runs first, the proxied one the same
    // script after it, and slow_task's task id is named, so both see the same answers.
    const direct = await clientOverHttp(server.url);
    await exercise(direct.client);
    await direct.client.close();
    const proxied = await clientOverHttp(proxy.url);
    await exercise(proxied.client);
    await proxied.client.close();
    assertSubstantial(direct.received);
    assert.deepEqual(proxied.received, direct.received);
    const lines = readTrace(trace);
    const session = lines[0]?.session;
    assert.ok(session, 'an HTTP session line names its session');
    assert.ok(lines.filter((l) => l.kind === 'request').every((l) => l.session === session));
  });

  it('passes a cancellation over HTTP', async () => {
    const proxied = await clientOverHttp(proxy.url);
    const status = await cancelSlowTask(proxied.client);
    await proxied.client.close();
    assert.equal((status as { status: string }).status, 'cancelled');
  });

  it('refuses a request that opens no session', async () => {
    const response = await fetch(proxy.url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }) });
    assert.equal(response.status, 400);
  });
});
