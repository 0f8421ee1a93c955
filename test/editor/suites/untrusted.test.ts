// The extension in an untrusted workspace: VS Code asks whether to trust the folder, the person declines,
// and the workbench runs in Restricted Mode, where the extension still activates (it declares
// `capabilities.untrustedWorkspaces: limited`) and its language server still reports problems: it only reads
// files, which Restricted Mode allows.
import * as assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { reportHostResults } from '../host-report';
import { expectSeededProblems, HANDLEBARS_DEFECT, TOOL_TYPO_DEFECT } from '../seeded';
import { startEditorSession, type EditorSession } from '../session';
import { openFile, screenshot, uiTest, waitForEditorText, waitForStatusBarItem } from '../ui';

describe('untrusted workspace (Restricted Mode)', () => {
  let session: EditorSession | undefined;
  const get = (): EditorSession => {
    if (!session) throw new Error('the editor session did not start');
    return session;
  };

  before(async () => {
    session = await startEditorSession({ name: 'untrusted', workspace: 'rust-server', trusted: false });
  }, { timeout: 180_000 });

  after(async () => {
    await session?.stop();
  });

  uiTest(get, 'asks whether to trust the folder; declining shows Restricted Mode', { timeout: 60_000 }, async (s) => {
    const { page } = s;
    const dialog = page.locator('.monaco-dialog-box', { hasText: 'Do you trust the authors' });
    await dialog.waitFor({ timeout: 30_000 });
    await screenshot(s, 'trust-dialog');
    await dialog.getByRole('button', { name: "No, I don't trust the authors" }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 30_000 });
    await waitForStatusBarItem(page, 'Restricted Mode');
  });

  test('extension-host tests', { timeout: 180_000 }, async (t) => {
    await reportHostResults(t, get());
  });

  test('VS Code activated the extension on onLanguage:rust (its own log says so)', { timeout: 60_000 }, async () => {
    const id = get().params.extensionId.replace(/\./g, '\\.');
    await get().waitForExtensionHostLog(new RegExp(`_doActivateExtension ${id}, .*activationEvent: 'onLanguage:rust'`));
  });

  uiTest(get, 'opens the Rust prompt file in Restricted Mode', { timeout: 90_000 }, async (s) => {
    await openFile(s.page, 'src/prompts.rs');
    await waitForEditorText(s.page, 'customer_analysis_prompt');
    await waitForStatusBarItem(s.page, 'Restricted Mode');
    await screenshot(s, 'prompts-rs');
  });

  uiTest(get, 'our diagnostics on the seeded defects still appear in Restricted Mode', { timeout: 90_000 }, async (s) => {
    const rows = await expectSeededProblems(s, [HANDLEBARS_DEFECT, TOOL_TYPO_DEFECT]);
    await waitForStatusBarItem(s.page, 'Restricted Mode');
    await screenshot(s, 'seeded-problems');
    assert.equal(rows.length, 2);
  });
});
