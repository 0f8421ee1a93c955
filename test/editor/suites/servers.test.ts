// The MCP Workflows views in a trusted workspace (a copy of examples/, with the example server's bundle
// beside it where its mcp.json looks): the Servers view lists both servers of examples/.vscode/mcp.json, the
// stdio one starts from the tree, its tools open in a call panel from the tree and from the code lens, a
// call shows structuredContent and the outputSchema check, progress moves, a tool error shows its code, the
// HTTP server is reached with the port typed into the input box, a password input never reaches a file, a
// broken mcp.json shows its problem, and Stop leaves no server process. Screenshots in three themes.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import { findLiveProcesses, spawnGroup, stopGroup, waitForOutput, type GroupProcess } from '../processes';
import { loadArtifacts, startExamplesSession, type EditorSession } from '../session';
import { openFile, screenshot, uiTest, waitForEditorText } from '../ui';
import { waitForProblem } from '../ui-language';
import { answerInputBox, callPanel, callPanelElement, clickRowAction, clickRowActionUntil, clickViewAction, historyPane, openMcpViews, pickFromPalette, revealRow, setExpanded, serversPane, setTheme, treeRow, waitForRowDescription, type ThemeName } from '../ui-panel';

const artifacts = loadArtifacts();
const bundle = join(artifacts.root, 'dist', 'example-server.js');

describe('MCP Workflows views (trusted, examples workspace)', () => {
  let session: EditorSession | undefined;
  let http: GroupProcess | undefined;
  let httpPort = '';
  const cspViolations: string[] = [];
  const get = (): EditorSession => {
    if (!session) throw new Error('the editor session did not start');
    return session;
  };
  const workspace = (): string => get().params.workspace;
  /** The example server processes this session's extension started (its copy of the bundle is in their command line). */
  const stdioServers = (): string[] => findLiveProcesses(/example-server\.js --stdio/).map((p) => p.command).filter((c) => c.includes(get().dir));

  before(async () => {
    session = await startExamplesSession('servers', true);
    // Every console message of the workbench and its webview frames: a CSP violation would show here.
    session.page.on('console', (m) => {
      if (/Content Security Policy|Refused to (load|execute|apply|evaluate|connect)/i.test(m.text())) cspViolations.push(m.text());
    });
    const pidDir = join(artifacts.runDir, 'pids');
    http = spawnGroup(process.execPath, [bundle, '--http', '--port', '0'], { stdio: ['pipe', 'pipe', 'pipe'] }, pidDir);
    const m = await waitForOutput(http, /listening http:\/\/127\.0\.0\.1:(\d+)\/mcp/, 30_000, 'example HTTP server');
    httpPort = m[1] ?? '';
  }, { timeout: 180_000 });

  after(async () => {
    await session?.stop();
    if (http) await stopGroup(http, join(artifacts.runDir, 'pids'));
  });

  /** The extension's own log lines (its "MCP Workflow" channel) that match `pattern`, prefixes cut. */
  const extensionLog = (s: EditorSession, pattern: RegExp): string[] => {
    const logs = readdirSync(join(s.dir, 'user-data', 'logs'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('MCP Workflow.log'));
    return logs.flatMap((f) => readFileSync(join(s.dir, 'user-data', 'logs', f), 'utf8').split('\n')).filter((l) => pattern.test(l)).map((l) => l.replace(/^\S+ \S+ \[info\] /, ''));
  };

  uiTest(get, 'activation is lazy: the language server is ready and the server/run half is not loaded until a view needs it', { timeout: 120_000 }, async (s) => {
    // The workspace has a .vscode/mcp.json, so the extension activates at startup, with the Explorer showing.
    const deadline = Date.now() + 60_000;
    while (extensionLog(s, /language server ready/).length === 0 && Date.now() < deadline) await s.page.waitForTimeout(200);
    assert.deepEqual(extensionLog(s, /extension-heavy\.js/), [], 'nothing has needed the heavy half yet');
    // For the record (not asserted: tests don't time things): bundle sizes and activation time.
    const kib = (file: string) => `${(statSync(join(artifacts.root, 'dist', file)).size / 1024).toFixed(1)} KiB`;
    console.log(`[servers] bundles: extension.js ${kib('extension.js')}, extension-heavy.js ${kib('extension-heavy.js')} (loaded on first use), panel/call.js ${kib('panel/call.js')}, panel/run.js ${kib('panel/run.js')}`);
    console.log(`[servers] ${extensionLog(s, /activated in|language server ready/).join('; ')}`);
  });

  uiTest(get, 'the Servers view lists both servers of examples/.vscode/mcp.json, stopped', { timeout: 120_000 }, async (s) => {
    const pane = await openMcpViews(s.page);
    await waitForRowDescription(treeRow(pane, 'example-stdio'), /^stopped/);
    await waitForRowDescription(treeRow(pane, 'example-http'), /^stopped/);
    await screenshot(s, 'tree-stopped-dark');
    // The Workflows view, drawn now, read the workflow files with the loader of the heavy half.
    const deadline = Date.now() + 30_000;
    while (extensionLog(s, /extension-heavy\.js/).length === 0 && Date.now() < deadline) await s.page.waitForTimeout(200);
    console.log(`[servers] ${extensionLog(s, /extension-heavy\.js/).join('; ') || 'the heavy half is not loaded yet'}`);
  });

  uiTest(get, 'Start from the tree runs the stdio server and lists its tools, prompts and resources', { timeout: 90_000 }, async (s) => {
    const pane = serversPane(s.page);
    const row = treeRow(pane, 'example-stdio');
    await clickRowActionUntil(row, 'Start Server', (t) => waitForRowDescription(row, /^(starting|running)/, t));
    const description = await waitForRowDescription(row, /^running · stdio · pid \d+/);
    const pid = Number(/pid (\d+)/.exec(description)?.[1]);
    assert.ok(stdioServers().length === 1, `one example server process runs (pid ${pid}): ${stdioServers().join(' | ')}`);
    await treeRow(pane, 'sales_top_customers').waitFor({ timeout: 30_000 });
    await waitForRowDescription(treeRow(pane, 'sales_top_customers'), /read-only/);
    await screenshot(s, 'tree-running-dark');
    // Collapsed, the tools leave room for the other two groups.
    await setExpanded(treeRow(pane, 'Tools'), false);
    await waitForRowDescription(treeRow(pane, 'Prompts'), /^8$/);
    await waitForRowDescription(treeRow(pane, 'Resources'), /^2$/);
    await setExpanded(treeRow(pane, 'Tools'), true);
    await treeRow(pane, 'sales_top_customers').waitFor({ timeout: 30_000 });
  });

  uiTest(get, 'sales_top_customers from the tree: fill limit, Call, structuredContent and "output matches outputSchema"', { timeout: 90_000 }, async (s) => {
    await treeRow(serversPane(s.page), 'sales_top_customers').click();
    const panel = await callPanel(s.page);
    const limit = panel.locator('[data-field="/limit"] input');
    await limit.fill('2');
    const call = panel.locator('[data-testid="call"]');
    await call.waitFor();
    // The page as VS Code loaded it: a CSP whose only script source is the nonce its one script carries.
    const csp = (await panel.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')) ?? '';
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    assert.ok(nonce && /default-src 'none'/.test(csp) && !/unsafe-(inline|eval)/.test(csp), `CSP: ${csp}`);
    // VS Code adds a script of its own to the page; ours is the one with a src, and it carries the nonce.
    assert.equal(await panel.locator(`script[src][nonce="${nonce}"]`).count(), 1);
    assert.equal(await panel.locator('script[src]').count(), 1);
    await panel.locator('[data-testid="call"]:not([disabled])').waitFor({ timeout: 30_000 });
    await screenshot(s, 'form-dark');
    await call.click();
    const result = panel.locator('[data-testid="result"]');
    await result.waitFor({ timeout: 30_000 });
    await panel.locator('[data-testid="output-check"]', { hasText: 'output matches outputSchema' }).waitFor({ timeout: 30_000 });
    await panel.locator('[data-testid="structured-content"]', { hasText: 'customer_id' }).waitFor({ timeout: 30_000 });
    await callPanelElement(s.page).screenshot({ path: join(s.artifacts.resultsDir, 'servers-result-dark.png') });
    await screenshot(s, 'result-dark');
    const history = historyPane(s.page);
    await treeRow(history, 'sales_top_customers').waitFor({ timeout: 30_000 });
    await waitForRowDescription(treeRow(history, 'sales_top_customers'), /output matches outputSchema/);
  });

  uiTest(get, 'an invalid value blocks Call with the validator\'s message', { timeout: 60_000 }, async (s) => {
    const panel = await callPanel(s.page);
    await panel.locator('[data-field="/limit"] input').fill('0');
    await panel.locator('[data-field="/limit"]', { hasText: /must be >= 1/ }).waitFor({ timeout: 30_000 });
    await panel.locator('[data-testid="call"][disabled]').waitFor({ timeout: 30_000 });
    await panel.locator('[data-field="/limit"] input').fill('2');
    await panel.locator('[data-testid="call"]:not([disabled])').waitFor({ timeout: 30_000 });
  });

  uiTest(get, 'slow_task shows a moving progress bar; Cancel sends cancellation', { timeout: 90_000 }, async (s) => {
    const pane = serversPane(s.page);
    await (await revealRow(pane, 'slow_task')).click();
    const panel = await callPanel(s.page);
    await panel.locator('[data-field="/duration_ms"] input').fill('20000');
    await panel.locator('[data-field="/steps"] input').fill('40');
    await panel.locator('[data-testid="call"]:not([disabled])').click();
    const bar = panel.locator('[data-testid="progress"]');
    await bar.waitFor({ timeout: 30_000 });
    const value = async (): Promise<number> => Number((await bar.getAttribute('aria-valuenow')) ?? (await bar.getAttribute('value')) ?? 'NaN');
    await s.page.waitForFunction(() => true);
    const first = await waitForValue(value, (v) => v > 0);
    const later = await waitForValue(value, (v) => v > first);
    assert.ok(later > first, `the bar moved from ${first} to ${later}`);
    await screenshot(s, 'progress-dark');
    await panel.locator('[data-testid="cancel"]').click();
    await panel.locator('[data-testid="result"]', { hasText: 'CANCELLED' }).waitFor({ timeout: 30_000 });
  });

  uiTest(get, 'a tool answering isError shows its error code (raw JSON mode)', { timeout: 90_000 }, async (s) => {
    await (await revealRow(serversPane(s.page), 'external_api_call')).click();
    const panel = await callPanel(s.page);
    await panel.locator('[data-testid="raw-toggle"]').click();
    await panel.locator('[data-kind="raw"] textarea').fill(JSON.stringify({ endpoint: '/crm/accounts', simulate: { error: 'PERMISSION_DENIED' } }));
    await panel.locator('[data-testid="call"]:not([disabled])').click();
    await panel.locator('[data-testid="error-code"]', { hasText: 'PERMISSION_DENIED' }).waitFor({ timeout: 30_000 });
    await screenshot(s, 'tool-error-dark');
  });

  uiTest(get, 'a prompt renders its messages, and a resource template reads one customer', { timeout: 90_000 }, async (s) => {
    const pane = serversPane(s.page);
    await setExpanded(await revealRow(pane, 'Tools'), false);
    await setExpanded(await revealRow(pane, 'Prompts'), true);
    await (await revealRow(pane, 'customer-analysis')).click();
    let panel = await callPanel(s.page);
    await panel.locator('[data-field="/customer_id"] input').fill('C-1002');
    await panel.locator('[data-testid="call"]:not([disabled])').click();
    await panel.locator('[data-testid="prompt-message"]', { hasText: 'C-1002' }).first().waitFor({ timeout: 30_000 });
    await screenshot(s, 'prompt-dark');
    await setExpanded(await revealRow(pane, 'Prompts'), false);
    await setExpanded(await revealRow(pane, 'Resources'), true);
    await (await revealRow(pane, 'customer')).click();
    panel = await callPanel(s.page);
    await panel.locator('[data-field="/customer_id"] input').fill('C-1001');
    await panel.locator('[data-testid="call"]:not([disabled])').click();
    await panel.locator('[data-testid="resource-contents"]', { hasText: 'Acme Corp' }).first().waitFor({ timeout: 30_000 });
    await screenshot(s, 'resource-dark');
    await setExpanded(await revealRow(pane, 'Resources'), false);
  });

  uiTest(get, 'the "Call tool" code lens above sales_top_customers in examples/server opens its panel', { timeout: 90_000 }, async (s) => {
    await pickFromPalette(s.page, 'View: Close All Editors');
    await s.page.locator('.tabs-container .tab').first().waitFor({ state: 'detached', timeout: 30_000 });
    await openFile(s.page, 'server/tools/customers.ts');
    await waitForEditorText(s.page, 'sales_top_customers');
    // The lens stands above the line that registers the tool.
    const lens = s.page.locator('.codelens-decoration a', { hasText: 'Call tool' }).first();
    await lens.waitFor({ timeout: 60_000 });
    await screenshot(s, 'code-lens');
    await lens.click();
    const panel = await callPanel(s.page);
    await panel.locator('[data-testid="title"]', { hasText: 'Top customers by revenue' }).first().waitFor({ timeout: 30_000 });
    await s.page.locator('.tabs-container .tab.active', { hasText: 'sales_top_customers' }).waitFor({ timeout: 30_000 });
  });

  uiTest(get, 'the HTTP server starts with the port typed into the input box, and answers a call', { timeout: 90_000 }, async (s) => {
    const pane = serversPane(s.page);
    // The stdio server's tools are collapsed, so the http server's row is in view. Both run the example server:
    // the http one must list as many tools as the stdio one does.
    const stdioTools = await waitForRowDescription(await revealRow(pane, 'Tools'), /^\d+$/);
    await setExpanded(await revealRow(pane, 'Tools'), false);
    const row = await revealRow(pane, 'example-http');
    await clickRowActionUntil(row, 'Start Server', (t) => s.page.locator('.quick-input-widget input').waitFor({ state: 'visible', timeout: t }));
    await answerInputBox(s.page, httpPort);
    await waitForRowDescription(row, /^running · http/);
    await waitForRowDescription(await revealRow(pane, 'Tools', 'last'), new RegExp(`^${stdioTools}$`));
    // Two servers now list the same tools: the http one's rows come after the stdio one's.
    await (await revealRow(pane, 'customer_analysis', 'last')).click();
    const panel = await callPanel(s.page);
    await panel.locator('[data-testid="server-state"]', { hasText: 'example-http' }).first().waitFor({ timeout: 30_000 });
    await panel.locator('[data-field="/customer_id"] input').fill('C-1001');
    await panel.locator('[data-testid="call"]:not([disabled])').click();
    await panel.locator('[data-testid="output-check"]', { hasText: 'output matches outputSchema' }).waitFor({ timeout: 30_000 });
  });

  for (const theme of ['Light Modern', 'Dark High Contrast'] as ThemeName[]) {
    const tag = theme === 'Light Modern' ? 'light' : 'hc';
    uiTest(get, `tree, form and result in ${theme}`, { timeout: 90_000 }, async (s) => {
      await setTheme(s.page, theme);
      await (await revealRow(serversPane(s.page), 'sales_top_customers')).click();
      const panel = await callPanel(s.page);
      await panel.locator(`body.${tag === 'light' ? 'vscode-light' : 'vscode-high-contrast'}`).waitFor({ timeout: 30_000 });
      await panel.locator('[data-field="/limit"] input').fill('3');
      await screenshot(s, `form-${tag}`);
      await panel.locator('[data-testid="call"]:not([disabled])').click();
      await panel.locator('[data-testid="output-check"]', { hasText: 'output matches outputSchema' }).waitFor({ timeout: 30_000 });
      await screenshot(s, `result-${tag}`);
    });
  }

  uiTest(get, 'History: a call runs again from its row, and copies as a workflow step', { timeout: 90_000 }, async (s) => {
    const history = historyPane(s.page);
    const row = await revealRow(history, 'external_api_call');
    await clickRowAction(row, 'Run Again');
    const panel = await callPanel(s.page);
    // The example API fails a request_key `times` times (1 here), then succeeds: the second call passes.
    await panel.locator('[data-testid="output-check"]', { hasText: 'output matches outputSchema' }).waitFor({ timeout: 30_000 });
    await waitForRowDescription(await revealRow(history, 'external_api_call'), /output matches outputSchema/);
    await clickRowAction(await revealRow(history, 'sales_top_customers'), 'Copy as Workflow Step');
    // Which arguments become workflow inputs: none (Enter with nothing picked).
    const input = s.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 30_000 });
    await s.page.keyboard.press('Enter');
    await s.page.locator('.notifications-toasts .notification-toast', { hasText: 'Copied the sales_top_customers step' }).first().waitFor({ timeout: 30_000 });
  });

  uiTest(get, 'editing mcp.json adds a server; its password input is masked and reaches no file', { timeout: 120_000 }, async (s) => {
    await setTheme(s.page, 'Dark Modern');
    const secret = `pw-${process.pid}-${Date.now().toString(36)}-kept-out`;
    const file = join(workspace(), '.vscode', 'mcp.json');
    const config = {
      inputs: [{ type: 'promptString', id: 'api-key', description: 'API key of the guarded server', password: true }],
      servers: {
        'example-stdio': { type: 'stdio', command: 'node', args: ['${workspaceFolder}/../dist/example-server.js', '--stdio'] },
        'example-http': { type: 'http', url: 'http://127.0.0.1:${input:example-port}/mcp' },
        guarded: { type: 'stdio', command: 'node', args: ['${workspaceFolder}/../dist/example-server.js', '--stdio'], env: { EXAMPLE_API_KEY: '${input:api-key}' } },
      },
    };
    writeFileSync(file, JSON.stringify(config, null, 2));
    const pane = serversPane(s.page);
    await clickViewAction(pane, 'Collapse All');
    const row = await revealRow(pane, 'guarded');
    await clickRowActionUntil(row, 'Start Server', (t) => s.page.locator('.quick-input-widget input').waitFor({ state: 'visible', timeout: t }));
    await answerInputBox(s.page, secret, true);
    await waitForRowDescription(row, /^running/);
    await clickRowActionUntil(row, 'Show Server Output', (t) => s.page.locator('.panel .monaco-editor .view-lines', { hasText: 'running' }).first().waitFor({ timeout: t }));
    await clickRowActionUntil(row, 'Stop Server', (t) => waitForRowDescription(row, /^stopped/, t));
    // The scan finds the secret where it is written (a canary of ours), so finding nothing else means something.
    const canary = join(s.dir, 'workspace', 'canary.txt');
    writeFileSync(canary, `x${secret}x`);
    const leaks = filesContaining(s.dir, secret);
    assert.deepEqual(leaks, [canary], `the password was written to: ${leaks.filter((f) => f !== canary).join(', ')}`);
    const shown = await s.page.locator('.monaco-workbench').innerText();
    assert.ok(!shown.includes(secret), 'the password is not on the screen');
  });

  uiTest(get, 'a broken mcp.json shows its positioned problem in the tree and in Problems', { timeout: 90_000 }, async (s) => {
    const file = join(workspace(), '.vscode', 'mcp.json');
    const good = readFileSync(file, 'utf8');
    writeFileSync(file, '{\n  "servers": {\n    "broken": { "type": "stdio" }\n  }\n}\n');
    const pane = serversPane(s.page);
    const problem = pane.locator('.monaco-list-row', { hasText: 'needs a "command"' }).first();
    await problem.waitFor({ timeout: 30_000 });
    await waitForRowDescription(problem, /mcp\.json:3:15/);
    await screenshot(s, 'tree-broken-config');
    await waitForProblem(s.page, /needs a "command"/);
    writeFileSync(file, good);
    await problem.waitFor({ state: 'detached', timeout: 30_000 });
    await treeRow(pane, 'example-stdio').waitFor({ timeout: 30_000 });
  });

  uiTest(get, 'no Content-Security-Policy violation was reported by any panel', { timeout: 10_000 }, async () => {
    assert.deepEqual(cspViolations, []);
  });

  uiTest(get, 'Stop leaves no server process', { timeout: 60_000 }, async (s) => {
    const pane = serversPane(s.page);
    const row = treeRow(pane, 'example-stdio');
    await waitForRowDescription(row, /^running/);
    await clickRowActionUntil(row, 'Stop Server', (t) => waitForRowDescription(row, /^stopped/, t));
    const deadline = Date.now() + 10_000;
    while (stdioServers().length > 0 && Date.now() < deadline) await s.page.waitForTimeout(100);
    assert.deepEqual(stdioServers(), [], 'no example server process of this session is left');
  });
});

/** Polls a reading of the page until it satisfies `ok` (30 s at most); returns it. */
async function waitForValue(read: () => Promise<number>, ok: (v: number) => boolean): Promise<number> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`the value stayed at ${v}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Every file under `dir` whose bytes contain `text` (sockets and unreadable files are skipped). */
function filesContaining(dir: string, text: string): string[] {
  const needle = Buffer.from(text);
  const found: string[] = [];
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const path = join(dir, name);
    try {
      const stat = statSync(path);
      if (!stat.isFile() || stat.size > 50_000_000) continue;
      if (readFileSync(path).includes(needle)) found.push(path);
    } catch {
      // Gone or unreadable (a socket, a file being replaced).
    }
  }
  return found;
}
