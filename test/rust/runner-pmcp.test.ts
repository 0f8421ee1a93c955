// The workflow runner against the Rust server: the same examples/customer-analysis.workflow.json that runs
// against the TypeScript example server runs against the pmcp fixture binary, so the runner is proven
// against a server written in the seed's own language.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connectServer, type McpConnection } from '../../src/core/mcp/client';
import type { RunEvent } from '../../src/core/workflow/events';
import { loadWorkflowText } from '../../src/core/workflow/loader';
import { createRunner, type RunSummary } from '../../src/core/workflow/runner';
import type { Workflow } from '../../src/core/workflow/types';
import { assertCustomerAnalysisRun } from '../support/customer-analysis';
import { pmcpFixtureDir, pmcpServerBinary } from './pmcp-server';

const root = join(__dirname, '..', '..');

function load(file: string, text: string): Workflow {
  const loaded = loadWorkflowText(file, text);
  if (!loaded.workflow) throw new Error(`${file}: ${loaded.diagnostics.map((d) => d.message).join('; ')}`);
  return loaded.workflow;
}

async function run(workflow: Workflow, inputs: Record<string, unknown>): Promise<{ summary: RunSummary; events: RunEvent[] }> {
  const runner = createRunner({ workflow, connection, inputs });
  const events: RunEvent[] = [];
  runner.on((event) => events.push(event));
  const summary = await runner.run();
  return { summary, events };
}

function ofType<T extends RunEvent['type']>(events: RunEvent[], type: T): Extract<RunEvent, { type: T }>[] {
  return events.filter((e): e is Extract<RunEvent, { type: T }> => e.type === type);
}

let connection: McpConnection;

before(async () => {
  connection = await connectServer('pmcp-fixture', { type: 'stdio', command: pmcpServerBinary(), cwd: pmcpFixtureDir });
  await connection.listTools();
});

after(async () => {
  await connection?.close();
});

describe('runner against the pmcp (Rust) server', () => {
  test('customer-analysis.workflow.json runs end to end, carrying C-1001 into the parallel steps', async () => {
    const file = join(root, 'examples', 'customer-analysis.workflow.json');
    const { summary, events } = await run(load(file, readFileSync(file, 'utf8')), { limit: 1 });
    assertCustomerAnalysisRun(summary, ofType(events, 'step-started').filter((e) => e.parent === 'gather'));
  });

  test('progress notifications from the pmcp tool become progress events', async () => {
    const workflow = load('progress.workflow.json', JSON.stringify({
      id: 'progress',
      server: 'rust',
      steps: [{ id: 'migrate', tool: 'transform_records', arguments: { backup_id: 'BK-test', size: 5, record_delay_ms: 30 } }],
    }));
    const { summary, events } = await run(workflow, {});
    assert.equal(summary.ok, true, summary.message);
    assert.equal((summary.steps['migrate']?.result as { transformed: number }).transformed, 5);
    const progress = ofType(events, 'progress').filter((e) => e.stepId === 'migrate');
    // pmcp sends at most one notification per 100 ms, so the count depends on timing; the first always goes.
    assert.ok(progress.length >= 1, 'no progress event arrived');
    assert.deepEqual([progress[0]?.progress, progress[0]?.total], [0, 5]);
    assert.match(progress[0]?.message ?? '', /^Transforming record 1 of 5$/);
    assert.ok(progress.every((p, i) => i === 0 || p.progress > progress[i - 1]!.progress), 'progress rises');
  });

  test('RATE_LIMITED from the Rust tool is retried after its retry_after_seconds; PERMISSION_DENIED is not', async () => {
    const key = `rust-${Date.now()}`;
    const step = (id: string, error: string, times: number) => ({
      id,
      tool: 'external_api_call',
      arguments: { endpoint: '/crm/accounts', request_key: `${key}-${id}`, simulate: { error, times, retry_after_seconds: 0.05 } },
      retry: { RATE_LIMITED: { strategy: 'retry_after', maxAttempts: 3 }, PERMISSION_DENIED: { strategy: 'never' } },
      onError: 'continue',
    });
    const workflow = load('retries.workflow.json', JSON.stringify({
      id: 'retries',
      server: 'rust',
      steps: [step('limited', 'RATE_LIMITED', 2), step('denied', 'PERMISSION_DENIED', 1)],
    }));
    const { summary, events } = await run(workflow, {});
    const retries = (id: string) => ofType(events, 'retry-scheduled').filter((e) => e.stepId === id);
    assert.deepEqual(retries('limited').map((e) => [e.code, e.delayMs]), [['RATE_LIMITED', 50], ['RATE_LIMITED', 50]]);
    assert.equal((summary.steps['limited']?.result as { attempt: number }).attempt, 3);
    assert.deepEqual(retries('denied'), []);
    assert.equal(summary.steps['denied']?.code, 'PERMISSION_DENIED');
  });
});
