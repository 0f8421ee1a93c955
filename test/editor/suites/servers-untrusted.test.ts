// The MCP Workflows views in Restricted Mode (examples workspace, trust declined): the Servers view lists the
// servers but says why none starts and offers Manage Workspace Trust; Start from the tree and the "Call
// tool" command are refused; no code lens is shown; and no server process is started by any of it.
import * as assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import { findLiveProcesses } from '../processes';
import { startExamplesSession, type EditorSession } from '../session';
import { openFile, screenshot, uiTest, waitForEditorText, waitForStatusBarItem } from '../ui';
import { openMcpViews, pickFromPalette, rowContextMenu, serversPane, treeRow, waitForRowDescription } from '../ui-panel';

describe('MCP Workflows views in Restricted Mode', () => {
  let session: EditorSession | undefined;
  const get = (): EditorSession => {
    if (!session) throw new Error('the editor session did not start');
    return session;
  };
  const serverProcesses = (): string[] => findLiveProcesses(/example-server\.js/).map((p) => p.command).filter((c) => c.includes(get().dir));

  before(async () => {
    session = await startExamplesSession('servers-untrusted', false);
  }, { timeout: 180_000 });

  after(async () => {
    await session?.stop();
  });

  uiTest(get, 'declining trust: the Servers view says why nothing starts and offers Manage Workspace Trust', { timeout: 90_000 }, async (s) => {
    const dialog = s.page.locator('.monaco-dialog-box', { hasText: 'Do you trust the authors' });
    await dialog.waitFor({ timeout: 30_000 });
    await dialog.getByRole('button', { name: "No, I don't trust the authors" }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 30_000 });
    await waitForStatusBarItem(s.page, 'Restricted Mode');
    const pane = await openMcpViews(s.page);
    await pane.locator('.tree-explorer-viewlet-tree-view-message, .message', { hasText: 'Restricted Mode' }).first().waitFor({ timeout: 30_000 });
    await treeRow(pane, 'Manage Workspace Trust…').waitFor({ timeout: 30_000 });
    await waitForRowDescription(treeRow(pane, 'example-stdio'), /^stopped/);
    await screenshot(s, 'tree');
  });

  uiTest(get, 'Start from the tree is refused with the reason, and starts nothing', { timeout: 60_000 }, async (s) => {
    const pane = serversPane(s.page);
    await rowContextMenu(treeRow(pane, 'example-stdio'), 'Start Server');
    const toast = s.page.locator('.notifications-toasts .notification-toast', { hasText: 'Restricted Mode' }).first();
    await toast.waitFor({ timeout: 30_000 });
    await toast.locator('.monaco-button', { hasText: 'Manage Workspace Trust' }).waitFor({ timeout: 10_000 });
    await screenshot(s, 'start-refused');
    await waitForRowDescription(treeRow(pane, 'example-stdio'), /^stopped/);
    assert.deepEqual(serverProcesses(), []);
  });

  uiTest(get, 'no "Call tool" code lens above the tools, and the command starts nothing', { timeout: 90_000 }, async (s) => {
    await openFile(s.page, 'server/tools/customers.ts');
    await waitForEditorText(s.page, 'sales_top_customers');
    // The language server has read the file once the status bar counts its tools.
    await s.page.locator('.part.statusbar .statusbar-item', { hasText: /MCP: \d+ prompts, \d+ tools/ }).first().waitFor({ timeout: 60_000 });
    await pickFromPalette(s.page, 'MCP Workflow: Call Tool…');
    const input = s.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 30_000 });
    await input.fill('sales_top_customers');
    await s.page.keyboard.press('Enter');
    await s.page.locator('.notifications-toasts .notification-toast', { hasText: 'Restricted Mode' }).first().waitFor({ timeout: 30_000 });
    assert.equal(await s.page.locator('.codelens-decoration', { hasText: 'Call tool' }).count(), 0, 'no code lens in Restricted Mode');
    await screenshot(s, 'no-code-lens');
    assert.deepEqual(serverProcesses(), [], 'no server process was started');
  });
});
