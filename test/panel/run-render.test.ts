// The run panel rendered to HTML (preact-render-to-string) from the models of real runs of the example
// workflows against the real example server, and the panel's handling of what the host posts.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { h } from 'preact';
import { render } from 'preact-render-to-string';
import type { RunEvent } from '../../src/core/workflow/events';
import { outlineOf } from '../../src/core/workflow/outline';
import type { RunnerOptions } from '../../src/core/workflow/runner';
import type { Workflow } from '../../src/core/workflow/types';
import { RunPanel } from '../../src/panel/run/app';
import { initialPanelState, receive, type PanelState } from '../../src/panel/run/state';
import type { RunWebviewMessage } from '../../src/shared/run-protocol';
import { loadExample, record, serve, tempStore, workflowOf, type Served } from '../runner/helpers';
import { all, find, openTag, textOf } from './helpers';

/** The panel's state as the host would build it: init, then the events in one or more `events` messages. */
function panelOf(workflow: Workflow, events: RunEvent[], live = true): PanelState {
  const init = receive(initialPanelState, { type: 'init', workflow: { id: workflow.id, file: `examples/${workflow.id}.workflow.json`, server: workflow.server, steps: outlineOf(workflow), rollback: (workflow.rollback?.length ?? 0) > 0 }, runId: events[0]?.runId ?? 'r', live });
  assert.equal(init.dropped, undefined, `init is valid: ${init.dropped}`);
  // The webview channel carries JSON (VS Code serialises postMessage bodies), which drops `undefined` fields such
  // as a skipped step's `result`; the protocol's parser refuses them, so the test sends what the channel would.
  const got = receive(init.state, JSON.parse(JSON.stringify({ type: 'events', events })));
  assert.equal(got.dropped, undefined, `the runner's events are valid: ${got.dropped}`);
  return got.state;
}

const html = (state: PanelState, highlight?: string, sent: RunWebviewMessage[] = []) => render(h(RunPanel, { state, send: (m: RunWebviewMessage) => sent.push(m), highlight }));
const row = (page: string, id: string) => find(page, 'data-step', id) ?? assert.fail(`no row for ${id}`);

/** Runs a workflow, keeping the events up to (and including) the first that `stop` picks, if any. */
async function eventsOf(served: Served, workflow: Workflow, options: Omit<RunnerOptions, 'workflow' | 'connection'>, stop?: (e: RunEvent) => boolean): Promise<{ all: RunEvent[]; upTo: RunEvent[] }> {
  const { events } = await record({ workflow, connection: served.connection, ...options });
  const at = stop ? events.findIndex(stop) : -1;
  return { all: events, upTo: at < 0 ? events : events.slice(0, at + 1) };
}

describe('run panel rendered from real runs', () => {
  let served: Served;
  before(async () => {
    served = await serve('stdio');
  });
  after(async () => {
    await served?.stop();
  });

  test('customer-analysis: chips name top, the group renders as three lanes with wall and sum, the outcome is done', async () => {
    const workflow = loadExample('customer-analysis.workflow.json');
    const { all: events } = await eventsOf(served, workflow, { inputs: { limit: 1 } });
    const page = html(panelOf(workflow, events), 'top');
    assert.doesNotMatch(page, /\sstyle=/, 'no inline style attribute (the CSP has no unsafe-inline)');
    for (const id of ['orders', 'tickets', 'engagement', 'report']) {
      const chips = all(row(page, id), 'data-testid', 'ref-chip').filter((c) => openTag(c).includes('data-source-step'));
      assert.equal(chips.length > 0, true, `${id} has a chip`);
      const own = chips[chips.length - 1]!;
      assert.match(openTag(own), /data-source-step="top"/, id);
      assert.match(textOf(own), /top › customers\[0\]\.customer_id/, id);
      assert.match(openTag(own), /^<button type="button"/, 'a chip is focusable');
    }
    assert.match(textOf(all(row(page, 'top'), 'data-testid', 'ref-chip')[0]!), /inputs › limit/);
    const lanes = find(row(page, 'gather'), 'data-testid', 'lanes') ?? assert.fail('lanes');
    assert.deepEqual([...lanes.matchAll(/data-step="([^"]+)"/g)].map((m) => m[1]), ['orders', 'tickets', 'engagement']);
    assert.match(textOf(find(page, 'data-testid', 'lane-times')!), /^3 lanes · wall \d+ ms · sum \d+ ms$/);
    assert.match(openTag(row(page, 'top')), /class="[^"]*\bhighlighted\b/, 'the hovered chip highlights the producing step');
    assert.doesNotMatch(openTag(row(page, 'orders')), /highlighted/);
    assert.match(openTag(find(page, 'data-testid', 'outcome')!), /data-outcome="done"/);
    assert.match(openTag(find(page, 'data-testid', 'run-status')!), /data-status="done"/);
    assert.match(openTag(find(page, 'data-testid', 'run-status')!), /aria-live="polite"/);
    assert.equal(find(page, 'data-testid', 'cancel'), undefined, 'no Cancel once the run has ended');
    assert.ok(find(page, 'data-testid', 'rerun') && find(page, 'data-testid', 'open-audit'));
    assert.match(find(row(page, 'report'), 'data-testid', 'result') ?? '', /json-tree/, 'the result as a JSON tree');
    assert.match(textOf(find(row(page, 'orders'), 'data-testid', 'arguments') ?? ''), /customer_id: "/, 'resolved arguments as a JSON tree');
  });

  test('approval: the waiting gate is a card with summary, affected, not reversible, and Approve / Deny buttons; Cancel while running', async () => {
    const workflow = loadExample('approval.workflow.json');
    const { upTo } = await eventsOf(served, workflow, { inputs: {}, approve: async () => ({ approved: false, actor: 'bob' }) }, (e) => e.type === 'waiting-for-approval');
    const page = html(panelOf(workflow, upTo));
    const gate = row(page, 'confirm');
    assert.match(openTag(gate), /data-status="waiting-for-approval"/);
    const card = find(gate, 'data-testid', 'approval-card') ?? assert.fail('card');
    assert.match(textOf(find(card, 'data-testid', 'gate-summary')!), /^Escalate \d+ at-risk customer\(s\) to their account teams$/);
    assert.match(textOf(find(card, 'data-testid', 'reversible')!), /Not reversible/);
    assert.ok(find(card, 'data-testid', 'affected'), 'affected entities as JSON');
    for (const id of ['approve', 'deny']) {
      const button = openTag(find(card, 'data-testid', id) ?? assert.fail(id));
      assert.match(button, /^<button type="button"/, `${id} is a keyboard-reachable button`);
      assert.doesNotMatch(button, /disabled/);
    }
    assert.ok(find(page, 'data-testid', 'cancel'), 'Cancel while a live run runs');
    assert.equal(find(page, 'data-testid', 'outcome'), undefined);
    const replay = html(panelOf(workflow, upTo, false));
    assert.equal(find(replay, 'data-testid', 'approve'), undefined, 'a replayed run offers no decision');
    assert.equal(find(replay, 'data-testid', 'cancel'), undefined, 'nor Cancel');
  });

  test('a destructive step with no gate before it: a confirmation card naming the tool, with Run it / Deny, no reversibility claim', async () => {
    const workflow = loadExample('safe-migration.workflow.json');
    const tools = await served.connection.listTools();
    const { upTo } = await eventsOf(served, workflow, { inputs: { batch_size: 100 }, tools, confirmDestructive: async () => ({ approved: false, actor: 'bob' }) }, (e) => e.type === 'waiting-for-approval');
    const page = html(panelOf(workflow, upTo));
    const step = row(page, 'transform');
    assert.match(openTag(step), /data-status="waiting-for-approval"/);
    const card = find(step, 'data-testid', 'approval-card') ?? assert.fail('card');
    assert.match(openTag(card), /data-confirm="true"/);
    assert.match(textOf(card), /Confirm transform_records/);
    assert.match(textOf(find(card, 'data-testid', 'gate-summary')!), /^Call transform_records\? Its annotations mark it destructive \(destructiveHint\), and no approval step came before it\.$/);
    assert.equal(find(card, 'data-testid', 'reversible'), undefined, 'whether it can be undone is not known');
    assert.match(textOf(find(card, 'data-testid', 'approve')!), /Run it/);
    assert.ok(find(card, 'data-testid', 'deny'));
  });

  test('approval denied: the decision on the card, the banner says denied, nothing after the gate ran', async () => {
    const workflow = loadExample('approval.workflow.json');
    const { all: events } = await eventsOf(served, workflow, { inputs: {}, approve: async () => ({ approved: false, actor: 'bob', reason: 'not today' }) });
    const page = html(panelOf(workflow, events));
    assert.match(textOf(find(row(page, 'confirm'), 'data-testid', 'decision')!), /Denied by bob — not today/);
    assert.equal(find(page, 'data-testid', 'approve'), undefined);
    const banner = find(page, 'data-testid', 'outcome')!;
    assert.match(openTag(banner), /data-outcome="denied"/);
    assert.match(textOf(banner), /confirm: denied by bob: not today/);
    assert.match(openTag(row(page, 'log')), /data-status="pending"/);
    assert.match(openTag(row(page, 'process')), /data-status="pending"/);
    assert.match(textOf(row(page, 'process')), /not run/);
  });

  test('safe-migration with a failing batch: the batch bar stops at 1 of 3, the checkpoint is marked, the rollback shown as ok', async () => {
    const workflow = loadExample('safe-migration.workflow.json');
    (workflow.steps.find((s) => s.id === 'transform') as { arguments: Record<string, unknown> }).arguments['fail_batch'] = 1;
    const { all: events } = await eventsOf(served, workflow, { inputs: { batch_size: 100 }, checkpoints: tempStore() });
    const page = html(panelOf(workflow, events));
    const transform = row(page, 'transform');
    assert.match(openTag(transform), /data-status="failed"/);
    assert.match(openTag(find(transform, 'data-testid', 'batch-progress')!), /value="1".*max="3"|max="3".*value="1"/);
    assert.match(textOf(transform), /1 of 3 batches done · batch 2 failed/);
    assert.match(textOf(find(transform, 'data-testid', 'step-error')!), /BATCH_FAILED/);
    assert.match(textOf(find(row(page, 'saved'), 'data-testid', 'checkpoint')!), /Checkpoint before-transform saved/);
    const rollback = find(page, 'data-testid', 'rollback') ?? assert.fail('rollback section');
    assert.match(openTag(rollback), /data-ok="true"/);
    assert.match(textOf(rollback), /Rolled back to checkpoint before-transform after transform failed/);
    assert.match(openTag(row(rollback, 'restore')), /data-status="done"/);
    assert.equal(all(find(page, 'data-testid', 'timeline')!, 'data-step', 'restore').length, 0, 'the rollback step is in its own section');
    assert.match(openTag(find(page, 'data-testid', 'outcome')!), /data-outcome="rolled-back"/);
    assert.match(openTag(row(page, 'verify')), /data-status="pending"/);
    // The run has ended: it can go on from its checkpoint, or go back to it again.
    const ended = html(panelOf(workflow, events));
    assert.match(textOf(find(ended, 'data-testid', 'resume') ?? assert.fail('Resume')), /Resume from before-transform/);
    const back = find(row(ended, 'saved'), 'data-testid', 'rollback-to') ?? assert.fail('Roll back to it');
    assert.match(openTag(back), /^<button type="button".*data-checkpoint="before-transform"/);
    const running = html(panelOf(workflow, events.slice(0, events.findIndex((e) => e.type === 'rollback-started') + 1)));
    assert.equal(find(running, 'data-testid', 'resume'), undefined, 'no Resume while the run (or its rollback) goes on');
    assert.equal(find(running, 'data-testid', 'rollback-to'), undefined);
    const replay = html(panelOf(workflow, events, false));
    assert.ok(find(replay, 'data-testid', 'resume'), 'a replayed run can be resumed too');
    const customer = loadExample('customer-analysis.workflow.json');
    const { all: plain } = await eventsOf(served, customer, { inputs: { limit: 1 } });
    const done = html(panelOf(customer, plain));
    assert.equal(find(done, 'data-testid', 'resume'), undefined, 'a run with no checkpoint has nothing to resume from');
  });

  test('a `when` skip shows the condition; failed `expect` checks are listed on their step', async () => {
    const workflow = workflowOf({
      id: 'checks',
      server: 'example-stdio',
      inputs: { go: { type: 'boolean', default: false } },
      steps: [
        { id: 'maybe', tool: 'sales_top_customers', when: '${inputs.go}', arguments: { limit: 1 } },
        { id: 'top', tool: 'sales_top_customers', arguments: { limit: 2 }, expect: [{ path: 'customers.length', equals: 3 }, { path: 'customers[0].revenue', greaterThan: 0 }] },
      ],
    });
    const { all: events } = await eventsOf(served, workflow, { inputs: { go: false } });
    const page = html(panelOf(workflow, events));
    assert.match(openTag(row(page, 'maybe')), /data-status="skipped"/);
    assert.match(textOf(find(row(page, 'maybe'), 'data-testid', 'skipped')!), /^Skipped: the condition \$\{inputs\.go\} was false$/);
    const problems = all(find(row(page, 'top'), 'data-testid', 'expect-problems') ?? assert.fail('problems'), 'class', 'problem');
    assert.equal(problems.length, 1, 'one expectation failed');
    assert.match(textOf(problems[0]!), /customers\.length/);
    assert.match(textOf(find(row(page, 'top'), 'data-testid', 'step-error')!), /EXPECT_FAILED/);
    assert.match(openTag(find(page, 'data-testid', 'outcome')!), /data-outcome="failed"/);
  });

  test('a RATE_LIMITED retry shows the code, attempt 1/3 and a countdown; a slow tool shows its progress and message', async () => {
    const workflow = workflowOf({
      id: 'retry',
      server: 'example-stdio',
      defaults: { retry: { RATE_LIMITED: { strategy: 'retry_after', maxAttempts: 3 } } },
      steps: [{ id: 'call', tool: 'external_api_call', arguments: { endpoint: '/crm/accounts', request_key: `k-${Date.now()}`, simulate: { error: 'RATE_LIMITED', times: 1, retry_after_seconds: 0.3 } } }],
    });
    const { all: events, upTo } = await eventsOf(served, workflow, { inputs: {} }, (e) => e.type === 'retry-scheduled');
    assert.equal(events.at(-1)?.type === 'run-done' && (events.at(-1) as { ok: boolean }).ok, true, 'the retry succeeded');
    const page = html(panelOf(workflow, upTo));
    const r = row(page, 'call');
    assert.match(openTag(r), /data-status="retrying"/);
    const retry = textOf(find(r, 'data-testid', 'retry')!);
    assert.match(retry, /RATE_LIMITED attempt 1\/3 failed/);
    assert.match(textOf(find(r, 'data-testid', 'retry-countdown')!), /^(next try in 0\.\d s|retrying now…)$/);
    assert.match(openTag(row(html(panelOf(workflow, events)), 'call')), /data-status="done"/);
    assert.match(textOf(row(html(panelOf(workflow, events)), 'call')), /attempt 2/);
  });
});

describe('run panel, by hand', () => {
  const ev = (e: Record<string, unknown>) => ({ runId: 'r1', workflowId: 'w', time: new Date().toISOString(), ...e });
  const init = { type: 'init', workflow: { id: 'w', file: 'w.workflow.json', server: 's', steps: [{ id: 'slow', kind: 'tool', tool: 'slow_operation' }] }, runId: 'r1', live: true };

  test('progress events drive a bar with the server message; the countdown counts down from the event time', () => {
    let s = receive(initialPanelState, init).state;
    s = receive(s, { type: 'events', events: [ev({ type: 'run-started', server: 's', inputs: {}, stepIds: ['slow'] }), ev({ type: 'step-started', stepId: 'slow', kind: 'tool', tool: 'slow_operation', arguments: {}, attempt: 1 }), ev({ type: 'progress', stepId: 'slow', progress: 2, total: 5, message: 'step 2 of 5' })] }).state;
    const page = html(s);
    const bar = openTag(find(page, 'data-testid', 'progress')!);
    assert.match(bar, /^<progress/);
    assert.match(bar, /value="2"/);
    assert.match(bar, /max="5"/);
    assert.match(textOf(row(page, 'slow')), /step 2 of 5/);
    s = receive(s, { type: 'events', events: [ev({ type: 'retry-scheduled', stepId: 'slow', code: 'TIMEOUT', attempt: 1, maxAttempts: 3, delayMs: 5000, message: 'late', time: new Date(Date.now() - 2000).toISOString() })] }).state;
    assert.match(textOf(find(html(s), 'data-testid', 'retry-countdown')!), /^next try in (3\.0|2\.9|2\.8) s$/);
  });

  test('invalid host messages are dropped with a reason and leave the state as it was', () => {
    const s = receive(initialPanelState, init).state;
    const bad: unknown[] = [
      null,
      'init',
      { type: 'nope' },
      { type: 'init', workflow: { id: 'w' }, runId: 'r', live: true },
      { ...init, live: 'yes' },
      { type: 'events', events: [{ type: 'step-hacked', runId: 'r1', time: 't' }] },
      { type: 'events', events: [{ type: 'step-done', runId: 1, time: 't' }] },
      { type: 'events', events: [{ type: 'step-done', runId: 'r1' }] },
      { type: 'events', events: 'all of them' },
      JSON.parse('{"type":"events","events":[],"__proto__":{"polluted":true}}'),
      { type: 'events', events: [ev({ type: 'progress', stepId: 'slow', progress: Number.NaN })] },
      { type: 'events', events: [ev({ type: 'progress', stepId: 'slow', progress: 1, message: 'x'.repeat(1_100_000) })] },
      { ...init, workflow: { ...init.workflow, steps: [{ id: 'a', kind: 'shell', tool: 'rm' }] } },
    ];
    for (const raw of bad) {
      const r = receive(s, raw);
      assert.ok(r.dropped, `dropped: ${JSON.stringify(raw)?.slice(0, 80)}`);
      assert.equal(r.state, s, 'the state is unchanged');
    }
    assert.equal(({} as { polluted?: boolean }).polluted, undefined);
    // The runner's own object for a skipped step has `result: undefined`: not JSON, so the host must post what JSON
    // carries (VS Code's postMessage does), or the whole batch is dropped.
    assert.ok(receive(s, { type: 'events', events: [ev({ type: 'step-done', stepId: 'slow', outcome: 'skipped', durationMs: 0, result: undefined })] }).dropped);
  });

  test('an event whose body the reducer cannot use is skipped; the others still apply', () => {
    const s = receive(initialPanelState, init).state;
    const r = receive(s, { type: 'events', events: [ev({ type: 'step-done', stepId: 'slow', outcome: 'done', durationMs: 'long', validation: 'not a list' }), ev({ type: 'run-done', ok: true, outcome: 'done', durationMs: 3 })] });
    assert.equal(r.state.view.steps['slow']!.status, 'done');
    assert.deepEqual(r.state.view.steps['slow']!.problems, [], 'a validation that is not a list is no problems');
    assert.equal(r.state.view.steps['slow']!.durationMs, undefined, 'a duration that is not a number is not shown');
    assert.equal(r.state.view.status, 'done');
    assert.match(textOf(html(r.state)), /The run finished/);
  });
});
