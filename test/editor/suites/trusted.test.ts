// The extension in a trusted workspace (workspace trust disabled): extension-host tests, then what a person
// sees: the Rust prompt file, the snippet completion list, the Problems panel.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { contributedGrammars, contributedSnippetPrefixes } from '../contributions';
import { reportHostResults } from '../host-report';
import { loadArtifacts, startEditorSession, type EditorSession } from '../session';
import { openFile, readProblems, screenshot, statusBarTexts, tokenColor, uiTest, waitForCompletionList, waitForEditorText, waitForStatusBarItem } from '../ui';

const rustSnippetPrefixes = contributedSnippetPrefixes(loadArtifacts(), 'rust');
const injectsInto = (scope: string): boolean => contributedGrammars(loadArtifacts()).some((g) => g.injectTo?.includes(scope));

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

  uiTest(get, 'opens the Rust prompt file in the editor', { timeout: 90_000 }, async (s) => {
    await openFile(s.page, 'src/prompts.rs');
    await waitForEditorText(s.page, 'customer_analysis_prompt');
    await waitForStatusBarItem(s.page, 'Rust');
    const status = await statusBarTexts(s.page);
    assert.ok(!status.some((t) => t.includes('Restricted Mode')), `status bar: ${status.join(' | ')}`);
    await screenshot(s, 'prompts-rs');
  });

  uiTest(
    get,
    'highlights Handlebars inside a Rust string differently from the string (the injection grammar)',
    { timeout: 90_000, skip: !injectsInto('source.rust') && 'the VSIX contributes no grammar injected into Rust yet' },
    async (s) => {
      await openFile(s.page, 'src/prompts.rs');
      const line = 'Perform a comprehensive analysis of';
      const plain = await tokenColor(s.page, line, 'Perform a comprehensive');
      const variable = await tokenColor(s.page, line, 'customer_id');
      await screenshot(s, 'handlebars-highlight');
      assert.ok(plain && variable, `no token shows the line's text (string: ${plain}, variable: ${variable})`);
      assert.notEqual(variable, plain, '{{customer_id}} has the colour of the string around it: the injection grammar did not apply');
    },
  );

  uiTest(
    get,
    `offers the ${rustSnippetPrefixes.length} contributed Rust snippet(s) in the completion list`,
    { timeout: 90_000, skip: rustSnippetPrefixes.length === 0 && 'the VSIX contributes no Rust snippets yet' },
    async (s) => {
      await openFile(s.page, 'src/main.rs');
      // A new line at the end of the file, then the start that every prefix shares, then Ctrl+Space.
      await s.page.keyboard.press('Control+End');
      await s.page.keyboard.press('Enter');
      const typed = commonStart(rustSnippetPrefixes) || (rustSnippetPrefixes[0] ?? '');
      await s.page.keyboard.type(typed);
      const labels = await waitForCompletionList(s.page);
      await screenshot(s, 'snippet-completion');
      assert.ok(
        labels.some((l) => rustSnippetPrefixes.includes(l)),
        `after typing "${typed}" the completion list shows ${labels.join(', ')}; expected one of ${rustSnippetPrefixes.join(', ')}`,
      );
      await s.page.keyboard.press('Escape');
    },
  );

  uiTest(get, "the Problems panel lists what a language server reports (VS Code's JSON checker)", { timeout: 90_000 }, async (s) => {
    // A JSON syntax error, found by VS Code's built-in JSON language server, proves readProblems against a
    // real language server before this extension reports diagnostics of its own.
    writeFileSync(join(s.params.workspace, 'broken.json'), '{\n  "servers": {\n    "customers": { "command": "node" }\n    "orders": {}\n  }\n}\n');
    await openFile(s.page, 'broken.json');
    const problems = await readProblems(s.page, 1);
    await screenshot(s, 'problems');
    assert.ok(problems.some((p) => /expected/i.test(p.label)), `problems: ${problems.map((p) => p.label).join(' / ')}`);
  });

  if (process.env.EDITOR_TEST_FORCE_FAIL === 'timeout') {
    // Waits for a status bar item that never appears: node:test's timeout ends it, and after() still stops
    // code-server and Chromium.
    test('EDITOR_TEST_FORCE_FAIL=timeout: a UI test that times out', { timeout: 5_000 }, async () => {
      await waitForStatusBarItem(get().page, 'Forced Failure');
    });
  } else if (process.env.EDITOR_TEST_FORCE_FAIL) {
    uiTest(get, 'EDITOR_TEST_FORCE_FAIL: a deliberately failing UI test', {}, async (s) => {
      const status = await statusBarTexts(s.page);
      assert.ok(status.includes('Forced Failure'), `status bar: ${status.join(' | ')}`);
    });
  }
});

/** The longest start that all `words` share. */
function commonStart(words: readonly string[]): string {
  let start = words[0] ?? '';
  for (const w of words) while (!w.startsWith(start)) start = start.slice(0, -1);
  return start;
}
