// Results as the panel shows them, from real calls to the example server: the outcome is built the way the
// host builds it (content, structuredContent, isError with readToolError's code, the outputSchema check with
// validateArguments), goes through the protocol's parser, and renders.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import { validateArguments } from '../../src/core/json/validate-arguments';
import { connectServer, type McpConnection } from '../../src/core/mcp/client';
import { readToolError } from '../../src/core/workflow/outcome';
import { receive, reduce, type State } from '../../src/panel/call/state';
import type { CallOutcome } from '../../src/shared/panel-protocol';
import { all, exampleServerBundle, find, initState, openTag, renderState, textOf, validated } from './helpers';

function outcomeOf(tool: Tool, result: CallToolResult): CallOutcome {
  const problems = tool.outputSchema && !result.isError ? validateArguments(tool.outputSchema, result.structuredContent) : undefined;
  return {
    kind: 'tool',
    content: result.content,
    ...(result.structuredContent !== undefined ? { structuredContent: result.structuredContent } : {}),
    isError: result.isError === true,
    ...(result.isError ? { errorCode: readToolError(result).code } : {}),
    outputCheck: problems === undefined ? { status: 'none', problems: [] } : { status: problems.length ? 'fail' : 'pass', problems },
  };
}

/** The panel after Call: the call sent, started, and the host's callDone (parsed as the app parses it). */
function done(state: State, outcome: CallOutcome, durationMs = 42): State {
  let s = reduce(validated(state, []), { type: 'callSent', callId: 'c1' });
  s = receive(s, { type: 'callStarted', callId: 'c1' }).state;
  const r = receive(s, { type: 'callDone', callId: 'c1', durationMs, outcome });
  assert.equal(r.dropped, undefined, `the outcome is a valid callDone: ${r.dropped}`);
  return r.state;
}

describe('results of real calls to the example server', () => {
  let conn: McpConnection;
  let tools: Tool[];
  before(async () => {
    conn = await connectServer('example', { type: 'stdio', command: process.execPath, args: [exampleServerBundle, '--stdio'] });
    tools = await conn.listTools();
  });
  after(async () => {
    await conn?.close();
  });
  const tool = (name: string) => {
    const t = tools.find((x) => x.name === name);
    assert.ok(t, name);
    return t;
  };
  const itemOf = (t: Tool) => ({ kind: 'tool' as const, name: t.name, inputSchema: t.inputSchema, outputSchema: t.outputSchema, annotations: t.annotations });

  test('sales_top_customers {limit: 2}: structuredContent as a tree, "output matches outputSchema", the content, the duration', async () => {
    const t = tool('sales_top_customers');
    const result = await conn.callTool(t.name, { limit: 2 });
    const html = renderState(done(initState(itemOf(t)), outcomeOf(t, result), 1234));
    const area = find(html, 'data-testid', 'result') ?? '';
    assert.ok(area, 'the result area renders');
    const tree = find(area, 'data-testid', 'structured-content') ?? '';
    assert.match(tree, /<details open><summary><span class="codicon codicon-chevron-right chevron"/, 'structuredContent is a collapsible tree');
    const customers = (result.structuredContent as { customers: { customer_id: string }[] }).customers;
    assert.equal(customers.length, 2);
    for (const c of customers) assert.ok(textOf(tree).includes(JSON.stringify(c.customer_id)), `the tree shows ${c.customer_id}`);
    assert.equal(textOf(find(area, 'data-testid', 'output-check') ?? '').trim(), 'output matches outputSchema');
    assert.match(find(area, 'data-testid', 'output-check') ?? '', /codicon-pass/);
    assert.equal(all(area, 'data-testid', 'content-block').length, result.content.length);
    assert.match(textOf(find(area, 'data-testid', 'duration') ?? ''), /1\.23 s/);
    assert.equal(find(area, 'data-testid', 'error-code'), undefined);
    assert.match(textOf(find(html, 'data-testid', 'status') ?? ''), /Done in 1\.23 s/, 'the live region says it is done');
  });

  test('a result that breaks the outputSchema lists each mismatch with its JSON pointer', async () => {
    const t = tool('sales_top_customers');
    const result = await conn.callTool(t.name, { limit: 1 });
    const stricter = { ...t, outputSchema: { type: 'object', properties: { customers: { type: 'array', items: { type: 'object', properties: { customer_id: { type: 'integer' } } } } }, required: ['customers', 'generated_by'] } } as Tool;
    const html = renderState(done(initState(itemOf(stricter)), outcomeOf(stricter, result)));
    const check = find(html, 'data-testid', 'output-check') ?? '';
    assert.match(textOf(check), /output does not match outputSchema/);
    assert.match(textOf(check), /\/customers\/0\/customer_id must be integer/);
    assert.match(textOf(check), /\/generated_by is required/);
  });

  test('external_api_call told to fail: isError with its code RATE_LIMITED, and the error texts', async () => {
    const t = tool('external_api_call');
    const result = await conn.callTool(t.name, { endpoint: '/crm/accounts', request_key: `panel-${Date.now()}`, simulate: { error: 'RATE_LIMITED', times: 1, retry_after_seconds: 0.1 } });
    assert.equal(result.isError, true);
    const html = renderState(done(initState(itemOf(t)), outcomeOf(t, result)));
    assert.equal(textOf(find(html, 'data-testid', 'error-code') ?? ''), 'RATE_LIMITED');
    assert.match(find(html, 'data-testid', 'result') ?? '', /class="result result-error"/);
    assert.match(textOf(find(html, 'data-testid', 'result') ?? ''), /"error_code": "RATE_LIMITED"/, 'the JSON error text is pretty-printed');
    assert.equal(find(html, 'data-testid', 'output-check'), undefined, 'no output check on an error');
  });

  test('a prompt: the rendered messages with their role', async () => {
    const prompts = await conn.listPrompts();
    const p = prompts.find((x) => x.name === 'customer-analysis');
    assert.ok(p);
    const got = await conn.getPrompt(p.name, { customer_id: 'C-1001' });
    const item = { kind: 'prompt' as const, name: p.name, description: p.description, arguments: (p.arguments ?? []).map((a) => ({ name: a.name, description: a.description, required: a.required })) };
    let state = reduce(initState(item), { type: 'edit', path: ['customer_id'], value: 'C-1001' });
    state = done(state, { kind: 'prompt', ...(got.description ? { description: got.description } : {}), messages: got.messages.map((m) => ({ role: m.role, content: m.content })) });
    const html = renderState(state);
    const messages = all(html, 'data-testid', 'prompt-message');
    assert.equal(messages.length, got.messages.length);
    assert.match(textOf(messages[0] ?? ''), /^user/);
    assert.ok(textOf(messages[0] ?? '').includes('C-1001'), 'the argument is in the rendered text');
  });

  test('progress: determinate with its value, indeterminate without a total, and Cancel while it runs', async () => {
    const t = tool('slow_task');
    let state = reduce(validated(initState(itemOf(t)), []), { type: 'callSent', callId: 'c9' });
    let html = renderState(state);
    assert.ok(find(html, 'data-testid', 'cancel'), 'Cancel is offered');
    assert.match(openTag(find(html, 'data-testid', 'call') ?? ''), / disabled/);
    state = receive(state, { type: 'progress', callId: 'c9', progress: 3, total: 10, message: 'step 3 of 10' }).state;
    html = renderState(state);
    const bar = openTag(find(html, 'data-testid', 'progress') ?? '');
    assert.match(bar, /^<progress /);
    assert.match(bar, /value="3"/);
    assert.match(bar, /max="10"/);
    assert.match(bar, /aria-valuenow="3"/);
    assert.match(html, /step 3 of 10/);
    state = receive(state, { type: 'progress', callId: 'c9', progress: 4 }).state;
    assert.match(openTag(find(renderState(state), 'data-testid', 'progress') ?? ''), /role="progressbar"/);
    assert.match(find(renderState(state), 'data-testid', 'progress') ?? '', /class="progress indeterminate"/);
    state = receive(state, { type: 'callDone', callId: 'c9', durationMs: 5, outcome: { kind: 'failure', message: 'the call was cancelled', code: 'CANCELLED' } }).state;
    html = renderState(state);
    assert.equal(textOf(find(html, 'data-testid', 'error-code') ?? ''), 'CANCELLED');
    assert.equal(find(html, 'data-testid', 'cancel'), undefined);
    assert.equal(find(html, 'data-testid', 'progress'), undefined);
  });
});

describe('every kind of content block', () => {
  test('text, JSON text, image, audio, resource_link, embedded text and binary resources; resource contents', () => {
    const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
    const outcome: CallOutcome = {
      kind: 'tool', isError: false, outputCheck: { status: 'none', problems: [] },
      content: [
        { type: 'text', text: 'plain <b>text</b>' },
        { type: 'text', text: '{"a":1}' },
        { type: 'image', data: png, mimeType: 'image/png' },
        { type: 'image', data: 'x"><script>', mimeType: 'text/html' },
        { type: 'audio', data: 'AAAA', mimeType: 'audio/wav' },
        { type: 'resource_link', name: 'Orders', uri: 'orders://C-1001' },
        { type: 'resource', resource: { uri: 'docs://a', mimeType: 'text/plain', text: 'hello' } },
        { type: 'resource', resource: { uri: 'docs://b', blob: 'AAECAw==' } },
      ],
    };
    const html = renderState(done(initState({ kind: 'tool', name: 't', inputSchema: { type: 'object' } }), outcome));
    const blocks = all(html, 'data-testid', 'content-block');
    assert.equal(blocks.length, 8);
    assert.match(blocks[0] ?? '', /<pre class="mono block">plain &lt;b>text&lt;\/b><\/pre>/);
    assert.match(textOf(blocks[1] ?? ''), /\{\n {2}"a": 1\n\}/);
    assert.match(blocks[2] ?? '', new RegExp(`<img class="image" src="data:image/png;base64,${png.replace(/[+/]/g, (c) => `\\${c}`)}"`));
    assert.doesNotMatch(blocks[3] ?? '', /<img|<script/, 'an image that is not one is not shown');
    assert.match(textOf(blocks[4] ?? ''), /audio \(audio\/wav\), 3 bytes/);
    assert.match(textOf(blocks[5] ?? ''), /Orders orders:\/\/C-1001/);
    assert.match(textOf(blocks[6] ?? ''), /docs:\/\/a · text\/plainhello/);
    assert.match(textOf(blocks[7] ?? ''), /binary, 4 bytes/);

    const resource = renderState(done(initState({ kind: 'resource', name: 'r', uri: 'docs://a' }), { kind: 'resource', contents: [{ uri: 'docs://a', mimeType: 'text/markdown', text: '# Hi' }, { uri: 'docs://b', blob: 'AAAA' }] }));
    const contents = all(resource, 'data-testid', 'resource-contents');
    assert.equal(contents.length, 2);
    assert.match(textOf(contents[0] ?? ''), /docs:\/\/a · text\/markdown# Hi/);
    assert.match(textOf(contents[1] ?? ''), /binary, 3 bytes/);
  });
});
