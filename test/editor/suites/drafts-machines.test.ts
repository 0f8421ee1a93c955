// Two ways into a workflow, in the editor (a copy of examples/ with the seed's Rust prompts beside its sources,
// trusted): "Draft workflow file" on the example server's TypeScript customer-analysis prompt and on the seed's
// Rust one writes workflow files that pass the static checks and run green against the example server; and the
// call panel drives the example server's workflow_execute state machine from Start to completed, with an
// INVALID_INPUT that keeps the state, then saves the session as a workflow file that runs green too.
import * as assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import type { FrameLocator } from 'playwright-core';
import { loadArtifacts, startExamplesSession, type EditorSession } from '../session';
import { openFile, screenshot, uiTest, waitForEditorText } from '../ui';
import { acceptSaveDialog, callPanel, clickRowAction, clickRowActionUntil, openMcpViews, revealRow, screenshotThemes, serversPane, treeRow, waitForRowDescription } from '../ui-panel';

const artifacts = loadArtifacts();

interface Drafted {
  server: string;
  steps: { id: string; tool?: string; parallel?: { tool: string; arguments: Record<string, string> }[] }[];
}

describe('drafted workflows and a driven state machine (trusted, examples workspace)', () => {
  let session: EditorSession | undefined;
  const get = (): EditorSession => {
    if (!session) throw new Error('the editor session did not start');
    return session;
  };
  const file = (name: string) => join(get().params.workspace, name);

  /** Moves the active editor to `line` (Go to Line), so the lenses above it are drawn. */
  const goToLine = async (s: EditorSession, line: number): Promise<void> => {
    // Quick Open's ":N" (Ctrl+G is the browser's in code-server).
    await s.page.keyboard.press('Control+P');
    const input = s.page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: 30_000 });
    await input.fill(`:${line}`);
    await s.page.locator('.quick-input-list .monaco-list-row', { hasText: `line ${line}` }).first().waitFor({ timeout: 30_000 }).catch(() => undefined);
    await input.press('Enter');
    await input.waitFor({ state: 'hidden', timeout: 30_000 });
  };
  /** The drafts of customer-analysis in the workspace (customer-analysis-N.workflow.json). */
  const drafts = (): string[] => readdirSync(get().params.workspace).filter((f) => /^customer-analysis-\d+\.workflow\.json$/.test(f));
  /** Clicks the "Draft workflow file" lens on the line below `line`, and returns the name of the file it wrote and opened. */
  const draftAt = async (s: EditorSession, line: number, anchor: string): Promise<string> => {
    await goToLine(s, line);
    await waitForEditorText(s.page, anchor);
    const before = drafts();
    const lens = s.page.locator('.codelens-decoration a', { hasText: 'Draft workflow file' }).first();
    await lens.waitFor({ timeout: 90_000 });
    await lens.click();
    const deadline = Date.now() + 30_000;
    let made: string[] = [];
    while ((made = drafts().filter((f) => !before.includes(f))).length === 0 && Date.now() < deadline) await s.page.waitForTimeout(200);
    assert.equal(made.length, 1, `one new draft beside the examples (had ${before.join(', ') || 'none'})`);
    await s.page.locator('.tabs-container .tab.active', { hasText: made[0]! }).waitFor({ timeout: 30_000 });
    return made[0]!;
  };
  /** Saves the draft `name` from its tab (File: Save) and reads it from disk. */
  const saved = async (s: EditorSession, name: string): Promise<Drafted> => {
    await s.page.locator('.tabs-container .tab', { hasText: name }).first().click();
    await s.page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: 30_000 });
    await s.page.keyboard.press('Control+S');
    await s.page.locator('.tabs-container .tab.active.dirty', { hasText: name }).waitFor({ state: 'detached', timeout: 30_000 });
    return JSON.parse(readFileSync(file(name), 'utf8')) as Drafted;
  };
  /** Runs the workflow open in the active editor from its lens, and waits for the run's outcome. */
  const runOpenWorkflow = async (s: EditorSession, id: string): Promise<FrameLocator> => {
    const lens = s.page.locator('.codelens-decoration a', { hasText: 'Run workflow' }).first();
    await lens.waitFor({ timeout: 60_000 });
    await lens.click();
    await s.page.locator('.tabs-container .tab.active', { hasText: `▶ ${id}` }).waitFor({ timeout: 60_000 });
    return callPanel(s.page);
  };

  before(async () => {
    session = await startExamplesSession('drafts-machines', true, (workspace) => {
      mkdirSync(join(workspace, 'seed'), { recursive: true });
      copyFileSync(join(artifacts.root, 'test', 'fixtures', 'rust', 'seed', 'prompts.rs'), join(workspace, 'seed', 'prompts.rs'));
    });
  }, { timeout: 180_000 });

  after(async () => {
    await session?.stop();
  });

  uiTest(get, 'Draft workflow file on the TypeScript customer-analysis prompt: the file opens, checks clean and runs green', { timeout: 180_000 }, async (s) => {
    await openFile(s.page, 'server/prompts.ts');
    const line = readFileSync(file('server/prompts.ts'), 'utf8').split('\n').findIndex((l) => l.includes("'customer-analysis',")) + 1;
    // examples/customer-analysis.workflow.json exists: the draft is written beside it, never over it.
    const name = await draftAt(s, line, "'customer-analysis'");
    assert.ok(existsSync(file('customer-analysis.workflow.json')) && name !== 'customer-analysis.workflow.json');
    await screenshot(s, 'draft-ts-dark');
    // The draft is an edit not saved yet; Run reads it as shown, and checks it against the running server's
    // tools first (a problem would stop here with a modal).
    const run = await runOpenWorkflow(s, 'customer-analysis');
    await run.locator('[data-testid="outcome"][data-outcome="done"]').waitFor({ timeout: 60_000 });
    for (const id of ['order_history', 'support_tickets', 'engagement_metrics']) {
      await run.locator(`[data-testid="lanes"] [data-step="${id}"][data-status="done"] [data-testid="ref-chip"][data-source-step="sales_top_customers"]`).first().waitFor({ timeout: 30_000 });
    }
    await screenshot(s, 'draft-ts-run-dark');
    const drafted = await saved(s, name);
    assert.equal(drafted.server, 'example-stdio');
    assert.deepEqual(drafted.steps.map((step) => step.tool ?? step.parallel?.map((p) => p.tool)), ['sales_top_customers', ['order_history', 'support_tickets', 'engagement_metrics']]);
    for (const lane of drafted.steps[1]!.parallel!) assert.equal(lane.arguments['customer_id'], '${steps.sales_top_customers.result.customers[0].customer_id}');
  });

  uiTest(get, 'Draft workflow file on the seed\'s Rust customer-analysis prompt: the same workflow, run green', { timeout: 180_000 }, async (s) => {
    await openFile(s.page, 'seed/prompts.rs');
    const line = readFileSync(file('seed/prompts.rs'), 'utf8').split('\n').findIndex((l) => l.includes('Prompt::new("customer-analysis")')) + 1;
    const name = await draftAt(s, line, 'Prompt::new("customer-analysis")');
    const run = await runOpenWorkflow(s, 'customer-analysis');
    await run.locator('[data-testid="outcome"][data-outcome="done"]').waitFor({ timeout: 60_000 });
    await screenshot(s, 'draft-rust-run-dark');
    const drafted = await saved(s, name);
    assert.equal(drafted.server, 'example-stdio');
    assert.deepEqual(drafted.steps.map((step) => step.tool ?? step.parallel?.map((p) => p.tool)), ['sales_top_customers', ['order_history', 'support_tickets', 'engagement_metrics']]);
  });

  uiTest(get, 'workflow_execute driven from the call panel: Start, a bad email kept in its state, the code, the plan, completed; saved as a workflow that runs green', { timeout: 180_000 }, async (s) => {
    const pane = await openMcpViews(s.page);
    const server = treeRow(pane, 'example-stdio');
    if (!/^running/.test((await server.locator('.label-description').textContent()) ?? '')) {
      await clickRowActionUntil(server, 'Start Server', (t) => waitForRowDescription(server, /^(starting|running)/, t));
    }
    await waitForRowDescription(server, /^running/);
    await clickRowAction(await revealRow(serversPane(s.page), 'workflow_execute'), 'Drive State Machine');
    const panel = await callPanel(s.page);
    const machine = panel.locator('[data-testid="machine"]');
    await machine.waitFor({ timeout: 30_000 });
    await panel.locator('[data-field="/workflow"] select').selectOption('customer_onboarding');
    await panel.locator('[data-testid="machine-start"]').click();
    await panel.locator('[data-testid="machine"][data-state="collect_details"]').waitFor({ timeout: 30_000 });
    await panel.locator('[data-field="/input/name"] input').fill('Ada Lovelace');
    await panel.locator('[data-field="/input/email"] input').fill('ada.example.com');
    await panel.locator('[data-testid="machine-next"]').click();
    await panel.locator('[data-testid="machine-error-code"]', { hasText: 'INVALID_INPUT' }).waitFor({ timeout: 30_000 });
    assert.equal(await machine.getAttribute('data-state'), 'collect_details', 'a bad input does not move the machine');
    await screenshot(s, 'machine-invalid-dark');
    await panel.locator('[data-field="/input/email"] input').fill('ada@example.com');
    await panel.locator('[data-testid="machine-next"]').click();
    await panel.locator('[data-testid="machine"][data-state="verify_email"]').waitFor({ timeout: 30_000 });
    await panel.locator('[data-field="/input/code"] input').fill('123456');
    await panel.locator('[data-testid="machine-next"]').click();
    await panel.locator('[data-testid="machine"][data-state="provision_account"]').waitFor({ timeout: 30_000 });
    await screenshotThemes(s, 'machine-plan');
    await panel.locator('[data-field="/input/plan"] select').selectOption('growth');
    await panel.locator('[data-testid="machine-next"]').click();
    await panel.locator('[data-testid="machine-completed"]').waitFor({ timeout: 30_000 });
    assert.match((await panel.locator('[data-testid="machine-result"]').textContent()) ?? '', /ACC-GROWTH-001/);
    const visits = await panel.locator('[data-testid="machine-path"] [data-testid="machine-visit"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-state')));
    assert.deepEqual(visits.slice(0, 3), ['collect_details', 'verify_email', 'provision_account']);
    await screenshotThemes(s, 'machine-completed');

    // Save as workflow: the workbench's save dialog (code-server's simple dialog) offers a default name.
    await panel.locator('[data-testid="machine-save"]').click();
    await acceptSaveDialog(s.page, /\/examples\/workflow_execute-customer_onboarding\.workflow\.json$/);
    await panel.locator('[data-testid="machine-saved"][data-outcome="saved"]').waitFor({ timeout: 30_000 });
    const saved = file('workflow_execute-customer_onboarding.workflow.json');
    assert.ok(existsSync(saved), `${saved} was written`);
    await openFile(s.page, 'workflow_execute-customer_onboarding.workflow.json');
    const id = (JSON.parse(readFileSync(saved, 'utf8')) as { id: string }).id;
    const run = await runOpenWorkflow(s, id);
    await run.locator('[data-testid="outcome"][data-outcome="done"]').waitFor({ timeout: 60_000 });
    await screenshot(s, 'machine-saved-run-dark');
  });
});
