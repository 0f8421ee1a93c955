// The watch view's model and page from real traces: the scripted out-of-order client through the real proxy to
// the real example server, read whole and cut short (as the view sees a trace that is still growing).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { h } from 'preact';
import { render } from 'preact-render-to-string';
import { watchViewOf } from '../../src/core/proxy/watch-model';
import { loadWorkflowText } from '../../src/core/workflow/loader';
import { WatchPanel } from '../../src/panel/watch/app';
import { receiveWatch } from '../../src/panel/watch/state';
import { conforming, guided, outOfOrder, traced, workflow } from './scripts';

const loaded = loadWorkflowText(workflow, readFileSync(workflow, 'utf8')).workflow!;

describe('the watch view model', () => {
  it('marks the out-of-order call with its reason, and draws the carried ID from the call that produced it', async () => {
    const text = readFileSync((await traced(outOfOrder, false)).trace, 'utf8');
    const view = watchViewOf(text, loaded, 'customer-analysis.workflow.json');
    assert.deepEqual(view.calls.map((c) => [c.id, c.status, c.conforming]), [
      ['order_history', 'ok', false],
      ['sales_top_customers', 'ok', true],
      ['support_tickets', 'ok', true],
      ['engagement_metrics', 'ok', true],
      ['customer_analysis', 'ok', true],
    ]);
    assert.deepEqual(view.calls[0]!.findings.map((f) => f.ruleId), ['trace-order']);
    assert.match(view.calls[0]!.findings[0]!.message, /before step "top" \(sales_top_customers\)/);
    assert.deepEqual(view.calls[2]!.carried, [{ argument: 'customer_id', value: view.calls[2]!.carried[0]!.value, fromCall: 'sales_top_customers', field: 'customers[0].customer_id' }]);
    assert.deepEqual(view.calls[0]!.carried, [], 'C-1001 was typed before any answer carried it');
    assert.equal(view.against, 'the workflow customer-analysis.workflow.json');
    // The page the view draws: a row per call with its verdict as data attributes, the chip naming its producer.
    const state = receiveWatch({}, { type: 'state', server: 'example-stdio', traceFile: 't.jsonl', exists: true, view }).state;
    const html = render(h(WatchPanel, { state, send: () => undefined }));
    assert.match(html, /data-call-id="order_history" data-tool="order_history" data-status="ok" data-conforming="false" data-rules="trace-order"/);
    assert.match(html, /data-testid="watch-chip" data-source-call="sales_top_customers"/);
  });

  it('a trace cut mid-call shows that call pending; the conforming session has no finding at any call', async () => {
    const text = readFileSync((await traced(guided(conforming), false)).trace, 'utf8');
    const whole = watchViewOf(text);
    assert.equal(whole.calls.length, 5);
    assert.ok(whole.calls.every((c) => c.conforming && c.findings.length === 0), JSON.stringify(whole.calls.map((c) => c.findings)));
    assert.match(whole.against, /own guidance/);
    const lines = text.split('\n');
    const firstAnswer = lines.findIndex((l) => l !== '' && (JSON.parse(l) as { kind: string; tool?: string }).kind === 'response' && (JSON.parse(l) as { tool?: string }).tool === 'sales_top_customers');
    const cut = watchViewOf(lines.slice(0, firstAnswer).join('\n'));
    assert.deepEqual(cut.calls.map((c) => [c.tool, c.status]), [['sales_top_customers', 'pending']]);
  });
});
