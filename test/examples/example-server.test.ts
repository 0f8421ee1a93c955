// The bundled example server as a real process, over stdio and over Streamable HTTP, with the SDK Client:
// what the workflow runner relies on (schemas, the CONTRACT shapes, errors, progress, cancellation).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { startExampleServer, type Started } from './start-server';

const expectedTools = [
  'sales_top_customers', 'order_history', 'support_tickets', 'engagement_metrics', 'customer_analysis',
  'workflow_execute', 'find_candidates', 'process_candidate', 'workflow_checkpoint', 'workflow_rollback',
  'validate_source', 'create_backup', 'restore_backup', 'transform_records', 'validate_target',
  'external_api_call', 'workflow_log', 'workflow_progress', 'slow_task', 'task_status',
  'customer_list', 'customer_get', 'customer_create', 'customer_update', 'customer_delete',
  'report_export', 'report_download',
];

interface ToolResult {
  isError?: boolean;
  structuredContent?: Record<string, unknown>;
  content: { type: string; text?: string }[];
}

/** The machine-readable error of a tool result (README: the second text block, as JSON). */
function errorDetails(r: ToolResult): Record<string, unknown> {
  assert.equal(r.isError, true, `expected an error, got ${JSON.stringify(r)}`);
  assert.equal(r.structuredContent, undefined);
  return JSON.parse(r.content[1]?.text ?? '{}') as Record<string, unknown>;
}

for (const kind of ['stdio', 'http'] as const) {
  describe(`example server over ${kind}`, () => {
    let s: Started;
    let tools: Tool[];
    const call = async (name: string, args: Record<string, unknown>, options?: Parameters<Started['client']['callTool']>[2]) =>
      (await s.client.callTool({ name, arguments: args }, undefined, options)) as ToolResult;

    before(async () => {
      s = await startExampleServer(kind);
      tools = (await s.client.listTools()).tools;
    });
    after(() => s.close());

    test('lists every tool, each with an output schema, and the seed prompts', async () => {
      assert.deepEqual(tools.map((t) => t.name).sort(), [...expectedTools].sort());
      for (const t of tools) assert.equal(t.outputSchema?.type, 'object', `${t.name} has an outputSchema`);
      const prompts = (await s.client.listPrompts()).prompts.map((p) => p.name).sort();
      assert.deepEqual(prompts, ['customer-analysis', 'data-gathering', 'entity-management', 'investigate-anomaly', 'long-running-analysis', 'require-approval', 'safe-data-migration', 'top-customer-brief']);
      const top = await s.client.getPrompt({ name: 'customer-analysis', arguments: { customer_id: 'top' } });
      const given = await s.client.getPrompt({ name: 'customer-analysis', arguments: { customer_id: 'C-1003' } });
      const text = (m: typeof top) => (m.messages[0]?.content.type === 'text' ? m.messages[0].content.text : '');
      assert.match(text(top), /Use `sales_top_customers` with limit=1/);
      assert.match(text(given), /Use customer_id: C-1003/);
      assert.doesNotMatch(text(given), /\{\{|sales_top_customers/);
      // Every prompt renders its arguments into the text with nothing of the template left, HTML-unescaped.
      const args: Record<string, Record<string, string>> = {
        'data-gathering': { customer_id: 'C-1002' }, 'safe-data-migration': { batch_size: '50' }, 'long-running-analysis': {},
        'entity-management': { entity_type: 'customer' }, 'investigate-anomaly': { anomaly: 'orders dropped 40% on "Monday"' }, 'require-approval': { operation: 'delete 12 stale accounts & their orders' },
      };
      for (const [name, values] of Object.entries(args)) {
        const rendered = text(await s.client.getPrompt({ name, arguments: values }));
        assert.doesNotMatch(rendered, /\{\{|\}\}|&quot;|&amp;/, name);
        for (const v of Object.values(values)) assert.ok(rendered.includes(v), `${name} renders ${v}: ${rendered.slice(0, 200)}`);
      }
      assert.match(text(await s.client.getPrompt({ name: 'long-running-analysis', arguments: {} })), /For each batch of 10 customers/);
    });

    test('the CRUD template\'s customer tools list, view, create, edit and delete (delete only when confirmed)', async () => {
      const created = await call('customer_create', { name: `Umbrella ${kind}`, segment: 'smb', revenue: 1200 });
      const customer = created.structuredContent?.['customer'] as { customer_id: string; name: string };
      assert.match(customer.customer_id, /^C-\d+$/);
      assert.equal(errorDetails(await call('customer_create', { name: `umbrella ${kind}`, segment: 'smb' }))['error_code'], 'INVALID_INPUT');
      const listed = await call('customer_list', { segment: 'smb' });
      assert.ok((listed.structuredContent?.['customers'] as { customer_id: string }[]).some((c) => c.customer_id === customer.customer_id));
      const updated = await call('customer_update', { customer_id: customer.customer_id, segment: 'mid-market' });
      assert.deepEqual([(updated.structuredContent?.['before'] as { segment: string }).segment, (updated.structuredContent?.['customer'] as { segment: string }).segment], ['smb', 'mid-market']);
      assert.equal(errorDetails(await call('customer_delete', { customer_id: customer.customer_id, confirm: false }))['error_code'], 'INVALID_INPUT');
      assert.equal((await call('customer_get', { customer_id: customer.customer_id })).structuredContent?.['customer'] !== undefined, true);
      assert.equal((await call('customer_delete', { customer_id: customer.customer_id, confirm: true })).structuredContent?.['deleted'], true);
      assert.equal(errorDetails(await call('customer_get', { customer_id: customer.customer_id }))['error_code'], 'NOT_FOUND');
      // The CONTRACT tools still answer from the fixed data set.
      const top = await call('sales_top_customers', { limit: 1 });
      assert.equal((top.structuredContent?.['customers'] as { customer_id: string }[])[0]?.customer_id, 'C-1001');
    });

    test('the customer tools answer the CONTRACT shapes, valid for their output schemas', async () => {
      const ajv = new Ajv({ strict: false, allErrors: true });
      addFormats(ajv);
      const validate = (name: string, value: unknown): void => {
        const schema = tools.find((t) => t.name === name)?.outputSchema;
        assert.ok(schema, `${name} has an outputSchema`);
        const check = ajv.compile(schema);
        assert.ok(check(value), `${name}: ${ajv.errorsText(check.errors)}`);
      };
      const top = await call('sales_top_customers', { limit: 2 });
      validate('sales_top_customers', top.structuredContent);
      const customers = top.structuredContent?.['customers'] as { customer_id: string; revenue: number }[];
      assert.deepEqual(customers.map((c) => c.customer_id), ['C-1001', 'C-1002']);
      const id = customers[0]?.customer_id ?? '';
      const [orders, tickets, engagement, analysis] = await Promise.all(
        ['order_history', 'support_tickets', 'engagement_metrics', 'customer_analysis'].map((name) => call(name, { customer_id: id })),
      );
      validate('order_history', orders?.structuredContent);
      validate('support_tickets', tickets?.structuredContent);
      validate('engagement_metrics', engagement?.structuredContent);
      validate('customer_analysis', analysis?.structuredContent);
      assert.equal(orders?.structuredContent?.['order_count'], 5);
      assert.equal(orders?.structuredContent?.['total_revenue'], 182500);
      assert.equal(tickets?.structuredContent?.['open_count'], 2);
      assert.equal(engagement?.structuredContent?.['nps'], 42);
      const missing = await call('order_history', { customer_id: 'C-9999' });
      assert.match(missing.content[0]?.text ?? '', /^NOT_FOUND: /);
      assert.equal(errorDetails(missing)['error_code'], 'NOT_FOUND');
    });

    test('IDs pass from find_candidates to process_candidate, and the state machine walks to completed', async () => {
      const found = await call('find_candidates', { criterion: 'open_tickets' });
      const first = (found.structuredContent?.['candidates'] as { id: string }[])[0];
      assert.ok(first);
      const processed = await call('process_candidate', { candidate_id: first.id, action: 'contact' });
      assert.equal(processed.structuredContent?.['status'], 'processed');
      let r = await call('workflow_execute', { workflow: 'order_fulfillment' });
      const inputs: Record<string, Record<string, unknown>> = { validate_order: { order_id: 'O-5001' }, reserve_inventory: { warehouse: 'east' }, ship: { carrier: 'ups' } };
      const seen: string[] = [];
      while (r.structuredContent?.['completed'] !== true) {
        const state = String(r.structuredContent?.['state']);
        seen.push(state);
        r = await call('workflow_execute', { workflow: 'order_fulfillment', state, input: inputs[state] ?? {} });
        assert.notEqual(r.isError, true, JSON.stringify(r.content));
      }
      assert.deepEqual(seen, ['validate_order', 'reserve_inventory', 'ship']);
      const bad = await call('workflow_execute', { workflow: 'order_fulfillment', state: 'ship', input: {} });
      assert.equal(errorDetails(bad)['error_code'], 'INVALID_INPUT');
    });

    test('transform_records sends progress; a failed batch is undone by rolling back to the checkpoint', async () => {
      const backup = await call('create_backup', {});
      const backup_id = String(backup.structuredContent?.['backup_id']);
      await call('workflow_checkpoint', { workflow_id: `wf-${kind}`, checkpoint_name: 'before-transform', state: { step: 2 } });
      const progress: number[] = [];
      const first = await call('transform_records', { offset: 0, size: 100, backup_id }, { onprogress: (p) => progress.push(p.progress) });
      assert.equal(first.structuredContent?.['transformed'], 100);
      assert.ok(progress.length >= 5, `progress notifications arrived: ${progress.join(',')}`);
      assert.deepEqual(progress, [...progress].sort((a, b) => a - b));
      assert.ok(progress.every((p) => p > 0 && p <= 100));
      const failed = await call('transform_records', { offset: 100, size: 100, backup_id, fail_batch: 1 });
      const details = errorDetails(failed);
      assert.equal(details['error_code'], 'BATCH_FAILED');
      assert.equal(details['batch'], 1);
      assert.equal(errorDetails(await call('validate_target', {}))['error_code'], 'VALIDATION_FAILED');
      const rolled = await call('workflow_rollback', { workflow_id: `wf-${kind}`, checkpoint_name: 'before-transform' });
      assert.equal(rolled.structuredContent?.['migrated_count'], 0);
      assert.deepEqual(rolled.structuredContent?.['state'], { step: 2 });
      for (let offset = 0; offset < 250; offset += 100) {
        await call('transform_records', { offset, size: 100, backup_id, record_delay_ms: 0 });
      }
      assert.equal((await call('validate_target', {})).structuredContent?.['valid'], true);
      await call('restore_backup', { backup_id });
    });

    test('external_api_call fails as told, then succeeds', async () => {
      const args = { endpoint: '/crm/accounts', request_key: `rl-${kind}`, simulate: { error: 'RATE_LIMITED', times: 2, retry_after_seconds: 0.25 } };
      const e1 = errorDetails(await call('external_api_call', args));
      const e2 = errorDetails(await call('external_api_call', args));
      assert.deepEqual([e1['error_code'], e1['retry_after_seconds'], e1['attempt']], ['RATE_LIMITED', 0.25, 1]);
      assert.deepEqual([e2['error_code'], e2['attempt']], ['RATE_LIMITED', 2]);
      const ok = await call('external_api_call', args);
      assert.equal(ok.isError, undefined);
      assert.equal(ok.structuredContent?.['attempt'], 3);
      const again = await call('external_api_call', args);
      assert.equal(errorDetails(again)['attempt'], 1, 'a success starts the count again');
      const denied = errorDetails(await call('external_api_call', { endpoint: '/admin', simulate: { error: 'PERMISSION_DENIED' } }));
      assert.deepEqual([denied['error_code'], denied['retryable']], ['PERMISSION_DENIED', false]);
      const timeout = await call('external_api_call', { endpoint: '/slow', request_key: `to-${kind}`, simulate: { error: 'TIMEOUT', times: 1 } });
      assert.match(timeout.content[0]?.text ?? '', /^TIMEOUT: /);
    });

    test('an export_id expires after its downloads and at its expires_at, and the error names the tool for a new one', async () => {
      const made = await call('report_export', { customer_id: 'C-1001' });
      const export_id = String(made.structuredContent?.['export_id']);
      assert.ok(Date.parse(String(made.structuredContent?.['expires_at'])) > Date.now());
      const first = await call('report_download', { export_id });
      assert.equal(first.isError, undefined);
      assert.equal(first.structuredContent?.['downloads_left'], 0);
      const again = await call('report_download', { export_id });
      assert.deepEqual([errorDetails(again)['error_code'], errorDetails(again)['export_id']], ['EXPIRED', export_id]);
      assert.match(again.content[0]?.text ?? '', /^EXPIRED: .*expired: call report_export for a new export_id/);
      const instant = await call('report_export', { customer_id: 'C-1001', ttl_seconds: 0, max_downloads: 5 });
      const late = await call('report_download', { export_id: String(instant.structuredContent?.['export_id']) });
      assert.equal(errorDetails(late)['error_code'], 'EXPIRED');
      const unknown = await call('report_download', { export_id: 'exp-none' });
      assert.equal(errorDetails(unknown)['error_code'], 'NOT_FOUND');
    });

    test('a cancelled slow_task stops on the server', async () => {
      const controller = new AbortController();
      const task_id = `slow-${kind}`;
      const running = call('slow_task', { duration_ms: 60_000, steps: 600, task_id }, {
        signal: controller.signal,
        onprogress: () => controller.abort('test cancels after the first step'),
      });
      await assert.rejects(running, /test cancels after the first step/);
      const status = await call('task_status', { task_id, wait_ms: 10_000 });
      assert.equal(status.structuredContent?.['status'], 'cancelled');
      assert.ok(Number(status.structuredContent?.['steps_done']) < 600);
    });
  });
}
