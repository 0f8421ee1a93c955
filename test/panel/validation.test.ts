// An invalid value blocks Call with the validator's message: values typed into the form become arguments, the
// host's validator (validateArguments, ajv) finds the problems, and the panel shows each under its field with
// Call disabled; valid arguments enable it. Prompts and resource templates are checked locally.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { validateArguments } from '../../src/core/json/validate-arguments';
import { startCall } from '../../src/panel/call/app';
import { buildForm, toArguments, valueOf } from '../../src/panel/call/form-model';
import { callBlocked, currentArgs, reduce, type State } from '../../src/panel/call/state';
import { expandTemplate, templateVariables } from '../../src/panel/call/uri-template';
import type { WebviewMessage } from '../../src/shared/panel-protocol';
import { find, initState, openTag, renderState, textOf, validated } from './helpers';
import { EVERY_KIND } from './schemas';

// sales_top_customers' input schema as the example server lists it (zod-to-json-schema output)
const SALES = {
  type: 'object',
  properties: { limit: { default: 10, description: 'How many customers to return (1-100, default 10)', type: 'integer', minimum: 1, maximum: 100 } },
  $schema: 'http://json-schema.org/draft-07/schema#',
};
const salesItem = { kind: 'tool' as const, name: 'sales_top_customers', inputSchema: SALES };

/** Types `text` into a field, then lets the host validate as the app would. */
function typeAndValidate(state: State, path: (string | number)[], value: string | boolean, schema: unknown): State {
  const edited = reduce(state, { type: 'edit', path, value });
  return validated(edited, validateArguments(schema, currentArgs(edited).args));
}

const callButton = (html: string) => openTag(find(html, 'data-testid', 'call') ?? '');

describe('an invalid value blocks Call with the validator message', () => {
  test('limit 500 is over the maximum: the message is under /limit and Call is disabled; 5 enables it', () => {
    let state = initState(salesItem);
    state = typeAndValidate(state, ['limit'], '500', SALES);
    assert.deepEqual(currentArgs(state).args, { limit: 500 });
    let html = renderState(state);
    const field = find(html, 'data-field', '/limit') ?? '';
    assert.match(textOf(field), /must be <= 100/, 'the validator message under the field');
    assert.match(field, /aria-invalid="true"/);
    assert.match(field, /aria-describedby="[^"]*f_2Flimit-err/);
    assert.match(callButton(html), / disabled/);
    assert.equal(callBlocked(state), 'Fix the problems above to call.');

    state = typeAndValidate(state, ['limit'], '5', SALES);
    html = renderState(state);
    assert.doesNotMatch(callButton(html), / disabled/);
    assert.doesNotMatch(find(html, 'data-field', '/limit') ?? '', /aria-invalid/);
    const sent: WebviewMessage[] = [];
    const actions: unknown[] = [];
    startCall(state, (a) => actions.push(a), (m) => sent.push(m));
    assert.equal(sent[0]?.type, 'call');
    assert.deepEqual(sent[0]?.type === 'call' && sent[0].args, { limit: 5 });
  });

  test('text that is not a number is sent as text, so ajv says "must be integer"', () => {
    const state = typeAndValidate(initState(salesItem), ['limit'], 'ten', SALES);
    assert.deepEqual(currentArgs(state).args, { limit: 'ten' });
    const html = renderState(state);
    assert.match(textOf(find(html, 'data-field', '/limit') ?? ''), /must be integer/);
    assert.match(callButton(html), / disabled/);
  });

  test('Call waits for the answer to the latest values (pending) and ignores answers to older ones', () => {
    let state = reduce(initState(salesItem), { type: 'edit', path: ['limit'], value: '7' });
    assert.equal(callBlocked(state), 'Checking the arguments…');
    assert.match(callButton(renderState(state)), / disabled/);
    state = reduce(state, { type: 'validateSent', requestId: 'old', revision: state.revision });
    state = reduce(state, { type: 'edit', path: ['limit'], value: '700' });
    state = reduce(state, { type: 'validateSent', requestId: 'new', revision: state.revision });
    const stale = reduce(state, { type: 'host', message: { type: 'validation', requestId: 'old', problems: [] } });
    assert.equal(stale, state, 'an answer to an older request changes nothing');
    assert.equal(callBlocked(stale), 'Checking the arguments…');
  });

  test('a required property left empty, a nested one, an array item: each message under its own field', () => {
    let state = initState({ kind: 'tool', name: 'every_kind', inputSchema: EVERY_KIND });
    const { args } = currentArgs(state);
    // defaults are in the arguments; empty optional fields are not
    assert.equal(args.age, 30);
    assert.equal(args.tier, 'pro');
    assert.equal(args.active, true);
    assert.deepEqual(args.tags, ['a', 'b']);
    assert.ok(!('notify' in args) && !('nickname' in args) && !('email' in args) && !('metadata' in args));
    state = reduce(state, { type: 'edit', path: ['tags', 1], value: '' });
    state = reduce(state, { type: 'edit', path: ['contacts', 0, 'value'], value: '' });
    state = typeAndValidate(state, ['email'], 'not-an-email', EVERY_KIND);
    const problems = state.validation.problems;
    const at = (p: string) => problems.filter((x) => x.pointer === p).map((x) => x.message);
    assert.deepEqual(at('/name'), ['is required']);
    assert.deepEqual(at('/address/city'), ['is required']);
    assert.ok(at('/email')[0]?.includes('must match format'), JSON.stringify(problems));
    const html = renderState(state);
    assert.match(textOf(find(html, 'data-field', '/name') ?? ''), /is required/);
    assert.match(textOf(find(html, 'data-field', '/address/city') ?? ''), /is required/);
    assert.match(textOf(find(html, 'data-field', '/email') ?? ''), /must match format "email"/);
    assert.match(callButton(html), / disabled/);

    state = reduce(state, { type: 'edit', path: ['name'], value: 'Ada' });
    state = reduce(state, { type: 'edit', path: ['address', 'city'], value: 'Paris' });
    state = reduce(state, { type: 'edit', path: ['contacts', 0, 'value'], value: 'ada@example.com' });
    state = typeAndValidate(state, ['email'], 'ada@example.com', EVERY_KIND);
    assert.deepEqual(state.validation.problems, [], JSON.stringify(currentArgs(state).args));
    assert.doesNotMatch(callButton(renderState(state)), / disabled/);
  });

  test('raw JSON mode: a syntax error is shown locally and blocks Call; a property the schema refuses is listed by pointer', () => {
    let state = reduce(initState(salesItem), { type: 'toggleRaw' });
    assert.equal(JSON.parse(state.raw.text).limit, 10, 'raw mode starts from the form arguments');
    state = reduce(state, { type: 'rawText', text: '{"limit": 5,' });
    let html = renderState(state);
    assert.match(textOf(find(html, 'data-testid', 'form-problems') ?? ''), /JSON syntax error/);
    assert.match(callButton(html), / disabled/);
    assert.equal(reduce(state, { type: 'toggleRaw' }).raw.on, true, 'cannot go back to the form until the JSON parses');

    const strict = { ...SALES, additionalProperties: false };
    state = reduce(state, { type: 'rawText', text: '{"limit": 5, "bogus": 1}' });
    state = validated(state, validateArguments(strict, currentArgs(state).args));
    html = renderState(state);
    assert.match(textOf(find(html, 'data-testid', 'form-problems') ?? ''), /\/bogus is not a property the schema allows/);
    assert.match(callButton(html), / disabled/);
    state = reduce(state, { type: 'toggleRaw' });
    assert.equal(state.raw.on, false);
    assert.deepEqual(currentArgs(state).args, { limit: 5 }, 'back in the form, the JSON values are the form values');
  });

  test('Call is disabled while the server is not running, with Start server offered', () => {
    const state = validated(initState(salesItem, { serverState: { state: 'stopped' } }), []);
    const html = renderState(state);
    assert.match(callButton(html), / disabled/);
    assert.ok(find(html, 'data-testid', 'start-server'));
    const running = reduce(state, { type: 'host', message: { type: 'serverState', serverState: { state: 'running' } } });
    const after = renderState(running);
    assert.doesNotMatch(callButton(after), / disabled/);
    assert.equal(find(after, 'data-testid', 'start-server'), undefined);
  });
});

describe('prompts and resources are checked in the panel', () => {
  const prompt = { kind: 'prompt' as const, name: 'customer-analysis', arguments: [{ name: 'customer_id', description: 'The customer', required: true }, { name: 'find_top' }] };
  test('a required prompt argument left empty blocks Get prompt; filled, it is sent as a string', () => {
    let state = initState(prompt);
    let html = renderState(state);
    assert.match(textOf(find(html, 'data-field', '/customer_id') ?? ''), /is required/);
    assert.match(callButton(html), / disabled/);
    state = reduce(state, { type: 'edit', path: ['customer_id'], value: 'CUST-001' });
    html = renderState(state);
    assert.doesNotMatch(callButton(html), / disabled/);
    assert.deepEqual(currentArgs(state).args, { customer_id: 'CUST-001' });
  });

  test('a resource template: its variables are fields and Read sends the expanded uri', () => {
    const item = { kind: 'resource' as const, name: 'customer', uri: 'customers://{id}', uriTemplate: 'customers://{id}/orders{?since,limit}' };
    assert.deepEqual(templateVariables(item.uriTemplate), [{ name: 'id', required: true }, { name: 'since', required: false }, { name: 'limit', required: false }]);
    let state = initState(item);
    assert.match(callButton(renderState(state)), / disabled/);
    state = reduce(state, { type: 'edit', path: ['id'], value: 'CUST 1/2' });
    state = reduce(state, { type: 'edit', path: ['limit'], value: '5' });
    const sent: WebviewMessage[] = [];
    startCall(state, () => undefined, (m) => sent.push(m));
    assert.deepEqual(sent[0]?.type === 'call' && sent[0].args, { uri: 'customers://CUST%201%2F2/orders?limit=5' });
    assert.equal(expandTemplate('file:///{+path}', { path: 'a/b c' }), 'file:///a/b%20c');
    const plain = initState({ kind: 'resource', name: 'readme', uri: 'docs://readme' });
    const sent2: WebviewMessage[] = [];
    startCall(plain, () => undefined, (m) => sent2.push(m));
    assert.deepEqual(sent2[0]?.type === 'call' && sent2[0].args, { uri: 'docs://readme' });
  });
});

describe('values to arguments', () => {
  test('initial arguments (a re-run) fill the form and come back unchanged', () => {
    const form = buildForm(EVERY_KIND);
    const given = { name: 'Ada', tier: 'enterprise', address: { city: 'Paris', zip: null }, contacts: [{ kind: 'phone', value: '1' }], level: 'high', metadata: { a: 'b' }, either: 3, limit: 2, age: 31, score: 1.5, active: false, tags: [] };
    const { args, local } = toArguments(form, valueOf(form, given));
    assert.deepEqual(local, []);
    // an optional empty array is left out; nullable zip with no value is left out
    assert.deepEqual(args, { name: 'Ada', tier: 'enterprise', address: { city: 'Paris' }, contacts: [{ kind: 'phone', value: '1' }], level: 'high', metadata: { a: 'b' }, either: 3, limit: 2, age: 31, score: 1.5, active: false });
  });

  test('an optional object left with only its defaults is not sent; once filled in, it is', () => {
    const schema = {
      type: 'object', required: ['endpoint'],
      properties: {
        endpoint: { type: 'string' },
        simulate: { type: 'object', required: ['error'], properties: { error: { type: 'string', enum: ['RATE_LIMITED', 'TIMEOUT'] }, times: { type: 'integer', default: 1 } } },
      },
    };
    const form = buildForm(schema);
    const values = valueOf(form, { endpoint: '/crm' });
    assert.deepEqual(toArguments(form, values).args, { endpoint: '/crm' });
    assert.deepEqual(validateArguments(schema, toArguments(form, values).args), []);
    const filled = { ...(values as object), simulate: { error: '1', times: '1' } };
    assert.deepEqual(toArguments(form, filled).args, { endpoint: '/crm', simulate: { error: 'TIMEOUT', times: 1 } });
  });

  test('a JSON field that does not parse is a local problem at its pointer', () => {
    const form = buildForm(EVERY_KIND);
    const values = valueOf(form, { metadata: {} });
    const { local } = toArguments(form, { ...(values as object), metadata: '{"a":' });
    assert.equal(local[0]?.pointer, '/metadata');
    assert.match(local[0]?.message ?? '', /is not valid JSON/);
  });
});
