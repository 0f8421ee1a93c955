// Workflow runs in the editor (a copy of examples/, trusted): the Workflows view lists the example workflows;
// "▶ Run workflow" on customer-analysis starts its server, asks its input, and the run tab shows the three
// gathering steps side by side, each with the customer_id chip naming `top`, then the report; the approval
// workflow is approved in one run and denied in another, and the denial ends the run with nothing after it
// (asserted from the audit log the run wrote).
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import { recordServerCalls, startExamplesSession, type EditorSession } from '../session';
import { openFile, screenshot, uiTest, waitForEditorText } from '../ui';
import { answerInputBox, callPanel, clickRowActionUntil, openMcpViews, pickFromPalette, revealRow, screenshotThemes, setTheme, waitForRowDescription } from '../ui-panel';

describe('workflow runs (trusted, examples workspace)', () => {
  let session: EditorSession | undefined;
  const get = (): EditorSession => {
    if (!session) throw new Error('the editor session did not start');
    return session;
  };
  const workflowsPane = (s: EditorSession) => s.page.locator('.pane:has(.pane-header[aria-label^="Workflows"])');
  /** The audit logs the extension wrote, newest last, as parsed lines. */
  const auditLogs = (): { action: string; step: string | null }[][] => {
    const dir = join(get().params.workspace, '.mcp-workflow', 'runs');
    return readdirSync(dir)
      .filter((f) => f.endsWith('.audit.jsonl'))
      .sort()
      .map((f) => readFileSync(join(dir, f), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { action: string; step: string | null }));
  };

  /** What the stdio example server says it received (its own call log), in order. */
  let serverCalls: () => { method: string; tool?: string }[] = () => [];

  before(async () => {
    session = await startExamplesSession('runs', true, (workspace) => {
      serverCalls = recordServerCalls(workspace);
    });
  }, { timeout: 180_000 });

  after(async () => {
    await session?.stop();
  });

  uiTest(get, 'the Workflows view lists the example workflows with their server', { timeout: 90_000 }, async (s) => {
    await openMcpViews(s.page);
    const pane = workflowsPane(s);
    for (const id of ['approval', 'customer-analysis', 'safe-migration']) await waitForRowDescription(await revealRow(pane, id), /^example-stdio · /);
  });

  uiTest(get, 'Run workflow from the code lens: three gathering steps side by side, each taking customer_id from top', { timeout: 120_000 }, async (s) => {
    await openFile(s.page, 'customer-analysis.workflow.json');
    await waitForEditorText(s.page, 'customer-analysis');
    const lens = s.page.locator('.codelens-decoration a', { hasText: 'Run workflow' }).first();
    await lens.waitFor({ timeout: 60_000 });
    await lens.click();
    // The server is started on the way (no input of its own), then the workflow's input is asked, prefilled.
    await answerInputBox(s.page, '1');
    const run = await callPanel(s.page);
    // The run view's page as loaded: a CSP whose only script source is the nonce its one script carries.
    const csp = (await run.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')) ?? '';
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    assert.ok(nonce && /default-src 'none'/.test(csp) && !/unsafe-(inline|eval)/.test(csp), `CSP: ${csp}`);
    assert.equal(await run.locator(`script[src][nonce="${nonce}"]`).count(), 1);
    await run.locator('[data-testid="outcome"][data-outcome="done"]').waitFor({ timeout: 60_000 });
    const lanes = run.locator('[data-testid="lanes"]');
    for (const id of ['orders', 'tickets', 'engagement']) {
      const step = lanes.locator(`[data-step="${id}"][data-status="done"]`);
      await step.waitFor({ timeout: 30_000 });
      await step.locator('[data-testid="ref-chip"][data-source-step="top"]').first().waitFor({ timeout: 30_000 });
    }
    await run.locator('[data-step="report"][data-status="done"]').waitFor({ timeout: 30_000 });
    await screenshotThemes(s, 'customer-analysis');
  });

  for (const approve of [true, false]) {
    uiTest(get, `the approval workflow: ${approve ? 'Approve runs the rest' : 'Deny ends the run and nothing after the gate is called'}`, { timeout: 120_000 }, async (s) => {
      // A new run tab is the proof the click acted (a click landing on a tree redraw is dropped).
      const tabs = s.page.locator('.tabs-container .tab', { hasText: '▶ approval' });
      const before = await tabs.count();
      await clickRowActionUntil(await revealRow(workflowsPane(s), 'approval'), 'Run Workflow', (t) => s.page.waitForFunction(([n]) => document.querySelectorAll('.tabs-container .tab').length > 0 && [...document.querySelectorAll('.tabs-container .tab')].filter((e) => e.textContent?.includes('▶ approval')).length > n, [before] as const, { timeout: t }));
      const run = await callPanel(s.page);
      const button = run.locator(`[data-testid="${approve ? 'approve' : 'deny'}"]`);
      await button.waitFor({ timeout: 60_000 });
      await screenshot(s, `approval-card-${approve ? 'approve' : 'deny'}`);
      if (approve) {
        await setTheme(s.page, 'Light Modern');
        await screenshot(s, 'approval-card-light');
        await setTheme(s.page, 'Dark Modern');
      }
      const calledBefore = serverCalls().length;
      await button.click();
      await run.locator(`[data-testid="outcome"][data-outcome="${approve ? 'done' : 'denied'}"]`).waitFor({ timeout: 60_000 });
      await screenshot(s, `approval-${approve ? 'approved' : 'denied'}`);
      const log = auditLogs().pop() ?? [];
      const denied = log.findIndex((e) => e.action === 'denied');
      if (approve) {
        assert.ok(log.some((e) => e.action === 'approved' && e.step === 'confirm'), 'the approval is in the audit log');
        assert.ok(log.some((e) => e.action === 'step-done' && e.step === 'process'), 'the steps after the gate ran');
      } else {
        assert.ok(denied >= 0, 'the denial is in the audit log');
        assert.deepEqual(log.slice(denied + 1).filter((e) => e.action === 'step-started'), [], 'nothing ran after the gate');
        assert.equal(log.at(-1)?.action, 'run-done');
        // The server's own word: no tool call reached it after the gate was denied.
        assert.deepEqual(serverCalls().slice(calledBefore), [], 'the server received nothing after the denial');
      }
      if (approve) {
        // The server's own word: the log call, then one process_candidate per candidate.
        const [first, ...rest] = serverCalls().slice(calledBefore).map((c) => c.tool);
        assert.equal(first, 'workflow_log');
        assert.ok(rest.length > 0 && rest.every((t) => t === 'process_candidate'), `then process_candidate for each candidate: ${rest.join(', ')}`);
      }
    });
  }

  uiTest(get, 'the denied run reopened from its audit log shows the same outcome and steps, without live controls', { timeout: 90_000 }, async (s) => {
    await pickFromPalette(s.page, 'MCP Workflow: Open Run from Audit Log…');
    // Newest first: the denied approval run.
    const row = s.page.locator('.quick-input-list .monaco-list-row').first();
    await row.waitFor({ timeout: 30_000 });
    await row.click();
    const run = await callPanel(s.page);
    await run.locator('[data-testid="outcome"][data-outcome="denied"]').waitFor({ timeout: 30_000 });
    await run.locator('[data-step="find"][data-status="done"]').waitFor({ timeout: 30_000 });
    await run.locator('[data-step="process"][data-status="pending"]').waitFor({ timeout: 30_000 });
    assert.equal(await run.locator('[data-testid="cancel"], [data-testid="approve"]').count(), 0, 'a replay has no Cancel and no gate buttons');
    await s.page.locator('.tabs-container .tab.active', { hasText: '⟲ approval' }).waitFor({ timeout: 30_000 });
    await screenshot(s, 'approval-replayed');
  });
});
