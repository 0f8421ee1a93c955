// Watching a server in the editor (a copy of examples/, trusted): "Watch This Server" on example-stdio writes the
// proxied entry into .vscode/mcp.json beside the original (comments kept); a scripted SDK client started by this
// test connects through that entry's own command and args (the installed extension's CLI running the proxy), gets
// the customer-analysis prompt and makes its calls with one out of order; the watch view shows each call marked
// (conforming or not, with the reason) and the carried customer_id as a chip naming the call that produced it;
// "Save as workflow file" writes the session; "Stop Watching" puts mcp.json back as it was. Screenshots dark and light.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { parse } from 'jsonc-parser';
import type { FrameLocator } from 'playwright-core';
import { corked } from '../../support/corked';
import { startExamplesSession, type EditorSession } from '../session';
import { screenshot, uiTest } from '../ui';
import { acceptSaveDialog, callPanel, openMcpViews, revealRow, rowContextMenu, serversPane, setTheme } from '../ui-panel';

type Entry = { type: string; command: string; args: string[] };

describe('watching a server (trusted, examples workspace)', () => {
  let session: EditorSession | undefined;
  let original = '';
  let client: Client | undefined;
  const get = (): EditorSession => {
    if (!session) throw new Error('the editor session did not start');
    return session;
  };
  const mcpJson = (): string => join(get().params.workspace, '.vscode', 'mcp.json');
  const waitForFile = async (s: EditorSession, test: () => boolean, what: string): Promise<void> => {
    const deadline = Date.now() + 30_000;
    while (!test()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await s.page.waitForTimeout(150);
    }
  };

  before(async () => {
    session = await startExamplesSession('watch', true);
    original = readFileSync(mcpJson(), 'utf8');
  }, { timeout: 180_000 });

  after(async () => {
    await client?.close().catch(() => undefined);
    await session?.stop();
  });

  uiTest(get, '"Watch This Server" writes the proxied entry beside example-stdio, comments kept, and opens the watch view', { timeout: 120_000 }, async (s) => {
    const pane = await openMcpViews(s.page);
    await rowContextMenu(await revealRow(pane, 'example-stdio'), 'Watch This Server');
    await waitForFile(s, () => readFileSync(mcpJson(), 'utf8').includes('example-stdio-watched'), 'the watched entry in mcp.json');
    const text = readFileSync(mcpJson(), 'utf8');
    // Every comment of the original is still there, and the original entries are unchanged.
    for (const comment of original.split('\n').filter((l) => l.trim().startsWith('//'))) assert.ok(text.includes(comment), `kept: ${comment}`);
    const servers = (parse(text) as { servers: Record<string, Entry> }).servers;
    assert.deepEqual(Object.keys(servers), ['example-stdio', 'example-stdio-watched', 'example-http']);
    assert.deepEqual(servers['example-stdio'], (parse(original) as { servers: Record<string, Entry> }).servers['example-stdio']);
    const entry = servers['example-stdio-watched']!;
    const workspace = s.params.workspace;
    assert.equal(entry.type, 'stdio');
    assert.equal(entry.command, 'node');
    // The entry runs the launcher in the extension's global storage (a path an update does not move), which runs
    // the installed extension's CLI.
    assert.match(entry.args[0]!, /globalStorage\/mcp-workflow-kit\.mcp-workflow-kit\/mcp-workflow\.cjs$/);
    assert.ok(existsSync(entry.args[0]!), 'the launcher the entry runs was written');
    const installed = /const recorded = ("[^"]+");/.exec(readFileSync(entry.args[0]!, 'utf8'))?.[1];
    assert.ok(installed && existsSync(JSON.parse(installed) as string), 'the launcher runs the installed extension\'s CLI');
    assert.match(JSON.parse(installed) as string, /mcp-workflow-kit[^/]*\/bin\/mcp-workflow\.js$/);
    assert.deepEqual(entry.args.slice(1), ['proxy', '--server', 'example-stdio', '--config', mcpJson(), '--trace', join(workspace, '.mcp-workflow', 'traces', 'example-stdio.trace.jsonl')]);
    const watch = await callPanel(s.page);
    await watch.locator('[data-testid="watch-summary"]', { hasText: '0 calls' }).waitFor({ timeout: 30_000 });
    // The tree tells the two rows apart: the watched entry is listed below the original.
    await revealRow(serversPane(s.page), 'example-stdio-watched');
  });

  uiTest(get, 'a scripted client through the watched entry: the watch view marks the out-of-order call, the rest conforming, the carried ID as a chip', { timeout: 150_000 }, async (s) => {
    const entry = (parse(readFileSync(mcpJson(), 'utf8')) as { servers: Record<string, Entry> }).servers['example-stdio-watched']!;
    client = new Client({ name: 'watch-editor-test', version: '0.0.0' });
    const transport = new StdioClientTransport({ command: entry.command, args: entry.args, stderr: 'pipe' });
    await client.connect(transport);
    await client.listTools();
    await client.getPrompt({ name: 'customer-analysis', arguments: { customer_id: 'top' } });
    // Out of order: the orders of a customer before the top customer is known.
    await client.callTool({ name: 'order_history', arguments: { customer_id: 'C-1001' } });
    const top = await client.callTool({ name: 'sales_top_customers', arguments: { limit: 1 } });
    const id = (top.structuredContent as { customers: { customer_id: string }[] }).customers[0]!.customer_id;
    // In parallel, both requests in one write, as a parallel client sends them (see test/support/corked.ts).
    await corked(transport, () => ['support_tickets', 'engagement_metrics'].map((tool) => client!.callTool({ name: tool, arguments: { customer_id: id } })));
    await client.callTool({ name: 'customer_analysis', arguments: { customer_id: id, include_recommendations: true } });

    const watch: FrameLocator = await callPanel(s.page);
    await watch.locator('[data-testid="watch-call"][data-call-id="customer_analysis"][data-status="ok"]').waitFor({ timeout: 30_000 });
    const rows = await watch.locator('[data-testid="watch-call"]').evaluateAll((els) => els.map((e) => [e.getAttribute('data-tool'), e.getAttribute('data-status'), e.getAttribute('data-conforming'), e.getAttribute('data-rules')]));
    assert.deepEqual(rows, [
      ['order_history', 'ok', 'false', 'trace-order'],
      ['sales_top_customers', 'ok', 'true', ''],
      ['support_tickets', 'ok', 'true', ''],
      ['engagement_metrics', 'ok', 'true', ''],
      ['customer_analysis', 'ok', 'true', ''],
    ]);
    const reason = (await watch.locator('[data-call-id="order_history"] [data-testid="watch-finding"]').textContent()) ?? '';
    assert.match(reason, /trace-order.*before step "sales_top_customers"/);
    for (const tool of ['support_tickets', 'engagement_metrics', 'customer_analysis']) {
      const chip = watch.locator(`[data-call-id="${tool}"] [data-testid="watch-chip"]`);
      assert.equal(await chip.getAttribute('data-source-call'), 'sales_top_customers', tool);
      assert.match((await chip.textContent()) ?? '', /sales_top_customers › customers\[0\]\.customer_id/);
    }
    assert.equal(await watch.locator('[data-call-id="order_history"] [data-testid="watch-chip"]').count(), 0, 'C-1001 was typed, not carried');
    await screenshot(s, 'watch-view-dark');
    await setTheme(s.page, 'Light Modern');
    await screenshot(s, 'watch-view-light');
    await setTheme(s.page, 'Dark Modern');
  });

  uiTest(get, '"Save as workflow file" writes the session; "Stop Watching" puts mcp.json back as it was', { timeout: 120_000 }, async (s) => {
    const watch = await callPanel(s.page);
    await watch.locator('[data-testid="save-workflow"]').click();
    await acceptSaveDialog(s.page, /\/examples\/example-stdio-recorded\.workflow\.json$/);
    await watch.locator('[data-testid="saved"][data-outcome="saved"]').waitFor({ timeout: 30_000 });
    const saved = JSON.parse(readFileSync(join(s.params.workspace, 'example-stdio-recorded.workflow.json'), 'utf8')) as { server: string; steps: { tool?: string; parallel?: { tool: string }[] }[] };
    assert.equal(saved.server, 'example-stdio');
    assert.deepEqual(saved.steps.map((st) => st.tool ?? st.parallel?.map((p) => p.tool).join('+')).at(-1), 'customer_analysis');

    await client?.close();
    client = undefined;
    await rowContextMenu(await revealRow(serversPane(s.page), 'example-stdio'), 'Stop Watching');
    await waitForFile(s, () => !readFileSync(mcpJson(), 'utf8').includes('example-stdio-watched'), 'the watched entry to go');
    assert.equal(readFileSync(mcpJson(), 'utf8'), original);
  });
});
