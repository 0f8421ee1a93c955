// The extension in a trusted workspace (workspace trust disabled): extension-host tests, then what a person
// sees when opening the fixture's Rust prompt file.
import * as assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { reportHostResults } from '../host-report';
import { startEditorSession, type EditorSession } from '../session';
import { openFile, screenshot, statusBarTexts, waitForEditorText, waitForStatusBarItem } from '../ui';

describe('trusted workspace', () => {
  let session: EditorSession | undefined;
  const get = (): EditorSession => {
    if (!session) throw new Error('the editor session did not start');
    return session;
  };

  before(async () => {
    session = await startEditorSession({ name: 'trusted', workspace: 'rust-server', trusted: true });
  }, { timeout: 180_000 });

  after(async () => {
    await session?.stop();
  });

  test('extension-host tests', { timeout: 180_000 }, async (t) => {
    await reportHostResults(t, get());
  });

  test('VS Code activated the extension on onLanguage:rust (its own log says so)', { timeout: 60_000 }, async () => {
    const id = get().params.extensionId.replace(/\./g, '\\.');
    await get().waitForExtensionHostLog(new RegExp(`_doActivateExtension ${id}, .*activationEvent: 'onLanguage:rust'`));
  });

  test('opens the Rust prompt file in the editor', { timeout: 90_000 }, async () => {
    const { page } = get();
    await openFile(page, 'src/prompts.rs');
    await waitForEditorText(page, 'customer_analysis_prompt');
    await waitForStatusBarItem(page, 'Rust');
    const status = await statusBarTexts(page);
    assert.ok(!status.some((s) => s.includes('Restricted Mode')), `status bar: ${status.join(' | ')}`);
    await screenshot(get(), 'prompts-rs');
  });

  if (process.env.EDITOR_TEST_FORCE_FAIL) {
    test('EDITOR_TEST_FORCE_FAIL: a deliberately failing UI test', async () => {
      const status = await statusBarTexts(get().page);
      assert.ok(status.includes('Forced Failure'), `status bar: ${status.join(' | ')}`);
    });
  }
});
