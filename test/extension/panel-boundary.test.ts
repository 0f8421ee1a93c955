// The webview boundary of the call panel, without an editor: the host's message handler (the function the
// extension hands to webview.onDidReceiveMessage) given 1,000 malformed and hostile messages acts on none,
// logs each once and still handles a valid message after them; every page carries a CSP with its nonce.
import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { contentSecurityPolicy, createNonce, panelHtml } from '../../src/extension/panel/html';
import { createMessageHandler } from '../../src/extension/panel/message-handler';
import { HostMessage, parseMessage, WebviewMessage, type WebviewMessage as Message } from '../../src/shared/panel-protocol';
import { RunWebviewMessage, type RunWebviewMessage as RunMessage } from '../../src/shared/run-protocol';
import { WatchHostMessage, WatchWebviewMessage, type WatchWebviewMessage as WatchMessage } from '../../src/shared/watch-protocol';

/** A deterministic stream of bad messages: wrong types, unknown commands, huge payloads, script strings, pollution keys. */
function hostileMessages(count: number): unknown[] {
  const big = 'x'.repeat(1_100_000);
  const deep = (n: number): unknown => (n === 0 ? {} : { a: deep(n - 1) });
  const shapes: (() => unknown)[] = [
    () => null,
    () => undefined,
    () => 42,
    () => 'call',
    () => [],
    () => ({}),
    () => ({ type: 'exec', command: 'rm -rf /' }),
    () => ({ type: 'call' }),
    () => ({ type: 'call', callId: 7, args: {} }),
    () => ({ type: 'call', callId: 'c1', args: [] }),
    () => ({ type: 'call', callId: 'c1', args: 'not an object' }),
    () => ({ type: 'call', callId: '<script>alert(1)</script>', args: {} }),
    () => ({ type: 'call', callId: 'c1', args: JSON.parse('{"__proto__": {"polluted": true}}') }),
    () => ({ type: 'call', callId: 'c1', args: { nested: JSON.parse('{"__proto__": {"polluted": true}}') } }),
    () => ({ type: 'call', callId: 'c1', args: { constructor: { prototype: { polluted: true } } } }),
    () => ({ type: 'validate', requestId: 'r', args: { text: big } }),
    () => ({ type: 'validate', requestId: 'r', args: deep(40) }),
    () => ({ type: 'validate', requestId: 'x'.repeat(65), args: {} }),
    () => ({ type: 'cancel', callId: '' }),
    () => ({ type: 'cancel', callId: 'a b' }),
    () => ({ type: 'copyAsStep', args: null }),
    () => ({ type: 'copyAsStep', args: { n: Number.NaN } }),
    () => ({ type: 'startServer', __proto__: { type: 'ready' } }),
    () => ({ type: 'startServer', command: 'rm -rf /' }),
    () => ({ type: 'ready', extra: '<script>alert(1)</script>' }),
    () => ({ type: ['call'] }),
    () => ({ type: 'READY' }),
    () => ({ type: 'call', callId: 'c1', args: { when: new Date() } }),
    () => ({ type: 'call', callId: 'c1', args: { fn: () => 1 } }),
    () => Object.create({ type: 'ready' }),
    () => ({ type: 'saveMachine' }),
    () => ({ type: 'saveMachine', requestId: 's1', baseArgs: {}, visits: [], completed: true }),
    () => ({ type: 'saveMachine', requestId: 's1', baseArgs: {}, visits: [{ state: 'a', extra: 1 }], completed: true }),
    () => ({ type: 'saveMachine', requestId: 's1', baseArgs: {}, visits: [{ state: 'x'.repeat(257) }], completed: true }),
    () => ({ type: 'saveMachine', requestId: 's1', baseArgs: {}, visits: [{ state: 'a', input: JSON.parse('{"__proto__": {"polluted": true}}') }], completed: true }),
    () => ({ type: 'saveMachine', requestId: 's1', baseArgs: {}, visits: [{ state: 'a', input: [1] }], completed: true }),
    () => ({ type: 'saveMachine', requestId: 's1', baseArgs: { constructor: { prototype: { polluted: true } } }, visits: [{ state: 'a' }], completed: true }),
    () => ({ type: 'saveMachine', requestId: 's1', baseArgs: {}, visits: Array.from({ length: 1001 }, () => ({ state: 'a' })), completed: true }),
    () => ({ type: 'saveMachine', requestId: 's1', baseArgs: {}, visits: [{ state: 'a' }], completed: 'yes' }),
    () => ({ type: 'saveMachine', requestId: 's1', baseArgs: {}, visits: [{ state: 'a' }], completed: true, file: '/etc/passwd' }),
    () => ({ type: 'saveMachine', requestId: 's1', baseArgs: {}, visits: { 0: { state: 'a' } }, completed: true }),
  ];
  return Array.from({ length: count }, (_, i) => shapes[i % shapes.length]!());
}

describe('the call panel message boundary', () => {
  test('1,000 malformed or hostile messages: none acted on, each logged once, the panel keeps working', async () => {
    const handled: Message[] = [];
    const warnings: string[] = [];
    const handle = createMessageHandler('panel test', WebviewMessage, { handle: (m) => void handled.push(m), warn: (line) => warnings.push(line) });
    const messages = hostileMessages(1000);
    for (const m of messages) handle(m);
    assert.equal(handled.length, 0, `acted on: ${JSON.stringify(handled.slice(0, 3))}`);
    assert.equal(warnings.length, 1000, 'one log line per dropped message');
    assert.ok(warnings.every((w) => w.length < 400), 'a log line never carries the payload');
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined, 'no prototype was polluted');
    handle({ type: 'call', callId: 'c-ok', args: { limit: 2 } });
    assert.deepEqual(handled, [{ type: 'call', callId: 'c-ok', args: { limit: 2 } }]);
  });

  test('the run view\'s handler takes the same 1,000 messages: none acted on, each logged once', () => {
    const handled: RunMessage[] = [];
    const warnings: string[] = [];
    const handle = createMessageHandler('run test', RunWebviewMessage, { handle: (m) => void handled.push(m), warn: (line) => warnings.push(line) });
    const extra = [
      { type: 'decide', stepId: 'confirm' },
      { type: 'decide', stepId: 'confirm', approve: 'yes' },
      { type: 'decide', stepId: 'x'.repeat(300), approve: true },
      { type: 'cancel', now: () => 1 },
      { type: 'resume', from: 'before-transform' },
      { type: 'rollback' },
      { type: 'rollback', checkpoint: 7 },
      { type: 'rollback', checkpoint: 'c'.repeat(257) },
      { type: 'rollback', checkpoint: 'before-transform', steps: ['restore'] },
    ];
    for (const m of [...hostileMessages(1000 - extra.length), ...extra]) handle(m);
    // `call`, `validate` and the rest of the call panel's intents are not the run view's: refused too.
    assert.equal(handled.length, 0, JSON.stringify(handled.slice(0, 3)));
    assert.equal(warnings.length, 1000);
    handle({ type: 'decide', stepId: 'confirm', approve: false });
    assert.deepEqual(handled.at(-1), { type: 'decide', stepId: 'confirm', approve: false });
    handle({ type: 'resume' });
    handle({ type: 'rollback', checkpoint: 'before-transform' });
    assert.deepEqual(handled.slice(-2), [{ type: 'resume' }, { type: 'rollback', checkpoint: 'before-transform' }]);
  });

  test('the watch view\'s handler takes the same 1,000 messages: none acted on, each logged once', () => {
    const handled: WatchMessage[] = [];
    const warnings: string[] = [];
    const handle = createMessageHandler('watch test', WatchWebviewMessage, { handle: (m) => void handled.push(m), warn: (line) => warnings.push(line) });
    const extra = [
      { type: 'save', file: '/etc/passwd' },
      { type: 'save', workflow: { steps: [] } },
      { type: 'chooseWorkflow', file: '../../x.workflow.json' },
      { type: 'openTrace', path: '/etc/shadow' },
      { type: 'Save' },
      { type: 'saved', outcome: 'saved' },
      { type: 'state', server: 'x' },
    ];
    for (const m of [...hostileMessages(1000 - extra.length), ...extra]) handle(m);
    assert.equal(handled.length, 0, JSON.stringify(handled.slice(0, 3)));
    assert.equal(warnings.length, 1000);
    handle({ type: 'save' });
    handle({ type: 'chooseWorkflow' });
    assert.deepEqual(handled, [{ type: 'save' }, { type: 'chooseWorkflow' }]);
  });

  test('the watch page refuses a host state that is malformed or hostile, and takes a well-formed one', () => {
    const call = { id: 'order_history', tool: 'order_history', arguments: '{}', requestLine: 3, status: 'ok', conforming: false, findings: [{ line: 3, severity: 'error', ruleId: 'trace-order', message: 'm' }], carried: [{ argument: 'customer_id', value: 'C-1', fromCall: 'sales_top_customers', field: 'customers[0].customer_id' }] };
    const view = { against: 'g', calls: [call], other: [], counts: { errors: 1, warnings: 0, hints: 0 }, lines: 4 };
    const state = { type: 'state', server: 's', traceFile: 't', exists: true, view };
    assert.equal(parseMessage(WatchHostMessage, state).ok, true);
    assert.equal(parseMessage(WatchHostMessage, { type: 'saved', outcome: 'saved', file: 'a.workflow.json' }).ok, true);
    const bad = [
      { ...state, view: { ...view, calls: [{ ...call, status: 'done' }] } },
      { ...state, view: { ...view, calls: [{ ...call, script: '<script>' }] } },
      { ...state, view: { ...view, calls: [{ ...call, requestLine: -1 }] } },
      { ...state, view: { ...view, calls: [{ ...call, findings: [{ ...call.findings[0], severity: 'fatal' }] }] } },
      { ...state, view: { ...view, calls: [{ ...call, carried: [JSON.parse('{"__proto__": {"polluted": true}}')] }] } },
      { ...state, view: { ...view, calls: [{ ...call, summary: 'x'.repeat(257) }] } },
      { ...state, view: { ...view, counts: { errors: 1.5, warnings: 0, hints: 0 } } },
      { ...state, exists: 'yes' },
      { type: 'saved', outcome: 'maybe' },
    ];
    for (const m of bad) assert.equal(parseMessage(WatchHostMessage, m).ok, false, JSON.stringify(m).slice(0, 120));
  });

  test('a handler that throws is logged, not thrown into the webview channel', () => {
    const warnings: string[] = [];
    const handle = createMessageHandler('panel test', WebviewMessage, {
      handle: () => {
        throw new Error('boom');
      },
      warn: (line) => warnings.push(line),
    });
    handle({ type: 'ready' });
    assert.match(warnings[0] ?? '', /handling ready failed: boom/);
  });

  test('every message type of both directions parses when well formed', () => {
    const intents: Message[] = [
      { type: 'ready' },
      { type: 'validate', requestId: 'r1', args: { a: [1, { b: null }] } },
      { type: 'call', callId: 'c1', args: {} },
      { type: 'cancel', callId: 'c1' },
      { type: 'startServer' },
      { type: 'copyAsStep', args: { limit: 3 } },
      { type: 'saveMachine', requestId: 's1', baseArgs: { workflow: 'customer_onboarding' }, visits: [{ state: 'collect_details', input: { name: 'Ada' } }, { state: 'verify_email' }], completed: false },
    ];
    for (const m of intents) assert.equal(parseMessage(WebviewMessage, m).ok, true, m.type);
    const init = { type: 'init', server: 'example', serverState: { state: 'running' }, item: { kind: 'tool', name: 't', inputSchema: { type: 'object' } } };
    assert.equal(parseMessage(HostMessage, init).ok, true);
    const done = { type: 'callDone', callId: 'c1', durationMs: 3, outcome: { kind: 'tool', content: [{ type: 'text', text: 'hi' }], isError: false, outputCheck: { status: 'none', problems: [] } } };
    assert.equal(parseMessage(HostMessage, done).ok, true);
    assert.equal(parseMessage(HostMessage, { type: 'machineSaved', requestId: 's1', outcome: 'saved', file: 'a.workflow.json' }).ok, true);
    assert.equal(parseMessage(HostMessage, { type: 'machineSaved', requestId: 's1', outcome: 'cancelled' }).ok, true);
    assert.equal(parseMessage(HostMessage, { type: 'drive' }).ok, true);
    assert.equal(parseMessage(HostMessage, { ...done, outcome: { ...done.outcome, content: [JSON.parse('{"__proto__": 1}')] } }).ok, false, 'a hostile server result is refused too');
  });
});

describe('webview HTML', () => {
  const assets = { cspSource: 'https://file+.vscode-resource.vscode-cdn.net', script: 'https://x/call.js', style: 'https://x/call.css', codicons: 'https://x/codicon.css' };

  test('the page carries a strict CSP whose only script source is its own nonce', () => {
    const nonce = createNonce();
    const html = panelHtml(assets, nonce, 'sales_top_customers · example-stdio');
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1]?.replace(/&#39;|&apos;/g, "'");
    assert.ok(csp, 'a CSP meta tag');
    assert.equal(csp, contentSecurityPolicy(assets.cspSource, nonce));
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, new RegExp(`script-src 'nonce-${nonce.replace(/[+/=]/g, '\\$&')}'(;|$)`));
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    assert.equal(scripts.length, 1);
    assert.ok(scripts.every((s) => s.includes(`nonce="${nonce}"`) && s.includes('src=')), 'no inline or un-nonced script');
    assert.doesNotMatch(html, /\sstyle="/, 'no inline style attribute');
  });

  test('each page gets a fresh nonce', () => {
    const a = createNonce();
    const b = createNonce();
    assert.notEqual(a, b);
    assert.ok(Buffer.from(a, 'base64').length === 16);
  });
});
