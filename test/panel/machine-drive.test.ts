// The state-machine section driven end to end against the real example server: the panel's own model and
// actions (Start, a next_actions button, the input form, Next) send the calls, the real server answers them
// through the host's outcome reading, until `completed`; an INVALID_INPUT keeps the state for a retry. The
// session's Save message then goes through the protocol, the core builder and the loader into a file the
// real runner replays unattended (no one answering states) to `completed` on a fresh server.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { McpConnection } from '../../src/core/mcp/client';
import { checkWorkflowText } from '../../src/core/workflow/check';
import { loadWorkflowText } from '../../src/core/workflow/loader';
import { formatWorkflowFile, workflowFromMachineSession } from '../../src/core/workflow/workflow-from-session';
import { toolOutcome } from '../../src/extension/panel/outcome';
import { nextMachine, saveMachine, startMachine } from '../../src/panel/call/machine';
import { currentVisit, isCompleted } from '../../src/panel/call/machine-state';
import { reduce, type Action, type State } from '../../src/panel/call/state';
import { parseMessage, WebviewMessage, type PanelItem, type WebviewMessage as Message } from '../../src/shared/panel-protocol';
import { exampleConfig, record, runCli, serve, tempDir, type Served } from '../runner/helpers';
import { initState, validated } from './helpers';

const TOOL = 'workflow_execute';

/** The panel of one tool: its state, what it sent, and a host that answers calls on a real connection. */
class Panel {
  state: State;
  readonly sent: Message[] = [];
  constructor(item: PanelItem, private readonly connection: McpConnection) {
    this.state = validated(initState(item), []);
  }
  readonly dispatch = (action: Action): void => {
    this.state = reduce(this.state, action);
  };
  readonly send = (message: Message): void => void this.sent.push(message);
  edit(key: string, value: string): void {
    this.dispatch({ type: 'machineEdit', path: [key], value });
  }
  /** Selects an enum field's option by its text (the form holds the option's index). */
  choose(key: string, option: string): void {
    const field = this.state.machine!.form.fields.find((f) => f.key === key);
    assert.ok(field?.kind === 'enum', `${key} is a select`);
    this.edit(key, String(field.options.indexOf(option)));
  }
  /** Answers the call the page just sent, as the host does (callTool, then toolOutcome with the tool's validator). */
  async answer(): Promise<void> {
    const call = this.sent.pop();
    assert.equal(call?.type, 'call');
    if (call?.type !== 'call') return;
    const outcome = toolOutcome(await this.connection.callTool(TOOL, call.args), this.connection.outputValidator(TOOL));
    this.dispatch({ type: 'host', message: { type: 'callDone', callId: call.callId, durationMs: 1, outcome } });
  }
  async start(workflow: string): Promise<void> {
    const workflowField = this.state.form!.fields.find((f) => f.key === 'workflow');
    assert.ok(workflowField?.kind === 'enum');
    this.dispatch({ type: 'edit', path: ['workflow'], value: String(workflowField.options.indexOf(workflow)) });
    this.state = validated(this.state, []);
    startMachine(this.state, this.dispatch, this.send);
    await this.answer();
  }
  async next(): Promise<void> {
    nextMachine(this.state, this.dispatch, this.send);
    await this.answer();
  }
  get machine() {
    return this.state.machine!;
  }
}

describe('driving workflow_execute from the state-machine section (real example server)', () => {
  let served: Served;
  let item: PanelItem;
  before(async () => {
    served = await serve('stdio');
    const tool = (await served.connection.listTools()).find((t) => t.name === TOOL)!;
    item = { kind: 'tool', name: tool.name, inputSchema: tool.inputSchema, ...(tool.outputSchema ? { outputSchema: tool.outputSchema } : {}) };
  });
  after(async () => {
    await served.stop();
  });

  test('its outputSchema makes the panel drive it: state and input are the section\'s, not the arguments form\'s', () => {
    const panel = new Panel(item, served.connection);
    assert.equal(panel.machine.on, true);
    assert.deepEqual(panel.machine.visits, []);
  });

  test('customer_onboarding: Start, the input form from next_actions, an INVALID_INPUT retried, Next until completed', async () => {
    const panel = new Panel(item, served.connection);
    await panel.start('customer_onboarding');
    assert.equal(currentVisit(panel.machine)?.state, 'collect_details');
    assert.deepEqual(panel.machine.form.fields.map((f) => f.key), ['name', 'email', 'segment'], 'the keys "Provide input {name, email, segment}" names');

    panel.edit('name', 'Ada');
    panel.edit('email', 'not-an-email');
    await panel.next();
    assert.equal(panel.machine.error?.code, 'INVALID_INPUT');
    assert.match(panel.machine.error?.message ?? '', /valid input\.email/);
    assert.equal(currentVisit(panel.machine)?.state, 'collect_details', 'the state is kept');
    assert.deepEqual(panel.state.machine?.values, { name: 'Ada', email: 'not-an-email', segment: '' }, 'what was typed is kept for the retry');

    panel.edit('email', 'ada@example.com');
    await panel.next();
    assert.equal(panel.machine.error, undefined);
    assert.equal(currentVisit(panel.machine)?.state, 'verify_email');
    assert.deepEqual(panel.machine.form.fields.map((f) => f.key), ['code']);
    panel.edit('code', '123456');
    await panel.next();

    assert.equal(currentVisit(panel.machine)?.state, 'provision_account');
    panel.choose('plan', 'growth');
    await panel.next();

    assert.equal(isCompleted(panel.machine), true);
    assert.deepEqual(panel.machine.visits.map((v) => [v.state, v.input]), [
      ['collect_details', { name: 'Ada', email: 'ada@example.com' }],
      ['verify_email', { code: '123456' }],
      ['provision_account', { plan: 'growth' }],
      ['completed', undefined],
    ]);
    assert.deepEqual(currentVisit(panel.machine)?.result, { account_id: 'ACC-GROWTH-001', plan: 'growth' });
    nextMachine(panel.state, panel.dispatch, panel.send);
    assert.equal(panel.sent.length, 0, 'Next sends nothing once completed');
  });

  test('Save: the session becomes a workflow file that the runner replays unattended to completed', async () => {
    const panel = new Panel(item, served.connection);
    await panel.start('issue_escalation');
    panel.edit('ticket_id', 'T-9001');
    panel.choose('severity', 'high');
    await panel.next();
    assert.equal(currentVisit(panel.machine)?.state, 'escalate_to_engineering', 'high severity branches to engineering');
    panel.edit('team', 'payments');
    panel.edit('resolution', 'patched the retry loop');
    await panel.next();
    assert.equal(isCompleted(panel.machine), true);

    saveMachine(panel.state, panel.dispatch, panel.send);
    const raw = JSON.parse(JSON.stringify(panel.sent.pop())) as unknown; // as it crosses to the host
    const parsed = parseMessage(WebviewMessage, raw);
    assert.ok(parsed.ok && parsed.message.type === 'saveMachine', 'the host accepts the save intent');
    assert.equal(panel.machine.save?.status, 'saving');
    const { type: _t, requestId: _r, ...request } = parsed.message;
    const { workflow, warnings } = workflowFromMachineSession({ server: 'example-stdio', tool: TOOL, ...request });
    assert.deepEqual(warnings, []);
    const file = join(tempDir(), `${workflow.id}.workflow.json`);
    writeFileSync(file, formatWorkflowFile(workflow));

    const text = readFileSync(file, 'utf8');
    const loaded = loadWorkflowText(file, text);
    assert.deepEqual(loaded.diagnostics, []);
    assert.deepEqual(checkWorkflowText(file, text, await served.connection.listTools()), [], 'the static checks pass against the server\'s tools');
    const fresh = await serve('stdio');
    try {
      const { summary, events } = await record({ workflow: loaded.workflow!, connection: fresh.connection, inputs: {} });
      assert.equal(summary.ok, true, summary.message);
      assert.equal(summary.outcome, 'done');
      const result = summary.steps['drive']?.result as { state: string; completed: boolean; result: unknown; path: { state: string }[] };
      assert.equal(result.completed, true);
      assert.deepEqual(result.path.map((p) => p.state), ['triage', 'escalate_to_engineering', 'completed']);
      assert.deepEqual(result.result, { team: 'payments', resolution: 'patched the retry loop', escalated: true });
      assert.equal(events.filter((e) => e.type === 'state-transition').length, 3);
    } finally {
      await fresh.stop();
    }
    // And as the docs say a person replays it: the CLI, nobody at the terminal.
    const cli = await runCli(['run', file, '--config', exampleConfig(), '--yes'], tempDir());
    assert.equal(cli.code, 0, cli.stderr + cli.stdout);
    assert.match(cli.stdout, /escalate_to_engineering/);
  });
});
