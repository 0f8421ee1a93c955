// Requests from the server to the client (elicitation, sampling, roots) and tools/list_changed pass through the
// proxy unchanged, over stdio and over Streamable HTTP: the client sees what it sees straight from the server, and
// a destructive tool the user confirmed through an elicitation is not reported as unconfirmed.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { CreateMessageRequestSchema, ElicitRequestSchema, ListRootsRequestSchema, ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { verifyTraceText } from '../../src/core/proxy/conformance';
import { descendantsOf, isRunning } from '../../src/core/mcp/process-tree';
import { readFileSync } from 'node:fs';
import { repoRoot } from '../cli/run-cli';
import { clientOverHttp, directOverStdio, proxyOverStdio, readTrace, spawnHttpProxy, stopChild, tempDir, writeConfig } from './helpers';

const serverArgs = ['--import', 'tsx', join(repoRoot, 'test', 'proxy', 'fixtures', 'asking-server.ts')];
const config = writeConfig({ asking: { type: 'stdio', command: process.execPath, args: serverArgs } });
const capabilities = { capabilities: { elicitation: { form: {} }, sampling: {}, roots: { listChanged: true } } };

/** Answers the server's questions the same way every time, and counts list_changed. */
function answerQuestions(client: Client): { listChanged: () => number } {
  let changed = 0;
  client.setRequestHandler(ElicitRequestSchema, async () => ({ action: 'accept', content: { confirm: true } }));
  client.setRequestHandler(CreateMessageRequestSchema, async () => ({ role: 'assistant', model: 'scripted', content: { type: 'text', text: 'a summary' } }));
  client.setRequestHandler(ListRootsRequestSchema, async () => ({ roots: [{ uri: 'file:///work', name: 'work' }] }));
  client.setNotificationHandler(ToolListChangedNotificationSchema, async () => void changed++);
  return { listChanged: () => changed };
}

async function exercise(client: Client): Promise<string[]> {
  await client.listTools();
  const texts: string[] = [];
  for (const [name, args] of [['delete_thing', { thing_id: 'T-1' }], ['summarize', { text: 'long text' }], ['list_roots', {}], ['add_tool', {}]] as const) {
    const result = await client.callTool({ name, arguments: args });
    texts.push((result.content as { text: string }[])[0]!.text);
  }
  await client.listTools();
  return texts;
}

describe('server-to-client requests through the proxy', () => {
  it('over stdio: elicitation, sampling, roots and list_changed arrive unchanged', async () => {
    let directCounts: () => number = () => 0;
    const direct = await directOverStdio(process.execPath, serverArgs, capabilities, (c) => (directCounts = answerQuestions(c).listChanged));
    const directTexts = await exercise(direct.client);
    await direct.close();
    const trace = join(tempDir(), 'asking.trace.jsonl');
    let proxiedCounts: () => number = () => 0;
    const proxied = await proxyOverStdio(['--server', 'asking', '--config', config, '--trace', trace], capabilities, (c) => (proxiedCounts = answerQuestions(c).listChanged));
    const proxiedTexts = await exercise(proxied.client);
    await proxied.close();
    assert.deepEqual(directTexts, ['{"thing_id":"T-1","deleted":true}', 'a summary', '[{"uri":"file:///work","name":"work"}]', 'ok']);
    assert.deepEqual(proxiedTexts, directTexts);
    assert.deepEqual(proxied.received, direct.received);
    assert.equal(proxiedCounts(), 1);
    assert.equal(directCounts(), 1);
    const lines = readTrace(trace);
    const asked = lines.filter((l) => l.kind === 'request' && l.direction === 'server-to-client').map((l) => l.method);
    assert.deepEqual(asked, ['elicitation/create', 'sampling/createMessage', 'roots/list']);
    assert.equal(lines.find((l) => l.method === 'elicitation/create' && l.kind === 'response')?.action, 'accept');
    // delete_thing is destructive, and the user accepted its elicitation: no finding for it.
    assert.deepEqual(verifyTraceText(readFileSync(trace, 'utf8')), []);
  });

  it('over Streamable HTTP: the same, each request on the stream of the call that asked', async () => {
    const trace = join(tempDir(), 'asking-http.trace.jsonl');
    const proxy = await spawnHttpProxy(['--server', 'asking', '--config', config, '--trace', trace]);
    try {
      let counts: () => number = () => 0;
      const proxied = await clientOverHttp(proxy.url, capabilities, (c) => (counts = answerQuestions(c).listChanged));
      const texts = await exercise(proxied.client);
      await proxied.client.close();
      assert.deepEqual(texts, ['{"thing_id":"T-1","deleted":true}', 'a summary', '[{"uri":"file:///work","name":"work"}]', 'ok']);
      assert.equal(counts(), 1);
    } finally {
      // The session's server is the proxy's child; stopping the proxy stops it too.
      const family = descendantsOf(proxy.child.pid!);
      assert.ok(family.length > 0, "the session's server is still running before the proxy stops");
      assert.equal(await stopChild(proxy.child), 0);
      assert.deepEqual(family.filter(isRunning), []);
    }
  });
});
