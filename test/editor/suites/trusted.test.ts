// The extension in a trusted workspace (workspace trust disabled): extension-host tests, then what a person
// sees: the Rust prompt file, the snippet completion list and an accepted snippet, our diagnostics in the
// Problems panel and as squiggles, quick fixes applied, a hover on a tool name.
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { waitForChange } from '../watch';
import { after, before, describe, test } from 'node:test';
import { contributedGrammars, contributedSnippetPrefixes } from '../contributions';
import { reportHostResults } from '../host-report';
import { expectSeededProblems, fixtureText, GUIDED_FILE, HANDLEBARS_DEFECT, TOOL_TYPO_DEFECT, type SeededDefect } from '../seeded';
import { acceptSnippet, snippetsOf } from '../ui-snippets';
import { loadArtifacts, startEditorSession, type EditorSession } from '../session';
import { openFile, runCommand, screenshot, statusBarTexts, tokenColor, uiTest, waitForCompletionList, waitForEditorText, waitForStatusBarItem } from '../ui';
import { applyQuickFix, clickText, escapeRegExp, hoverText, quickFixTitles, saveActiveEditor, waitForNoProblem, waitForProblem } from '../ui-language';

const rustSnippetPrefixes = contributedSnippetPrefixes(loadArtifacts(), 'rust');
/** The snippet the acceptance test inserts: the retry-guidance tool when it exists, else the first Rust one. */
const rustSnippets = snippetsOf(join(__dirname, '..', '..', '..'), 'rust.json', rustSnippetPrefixes);
const retrySnippet = rustSnippets.find((snippet) => snippet.prefix === 'mcp-tool-retry-guidance') ?? rustSnippets[0];
const retryPrefix = retrySnippet?.prefix ?? '(none)';
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
    // A JSON syntax error, found by VS Code's built-in JSON language server, proves the Problems panel helpers against a
    // real language server before this extension reports diagnostics of its own.
    writeFileSync(join(s.params.workspace, 'broken.json'), '{\n  "servers": {\n    "customers": { "command": "node" }\n    "orders": {}\n  }\n}\n');
    await openFile(s.page, 'broken.json');
    // Our own diagnostics may be listed first, so this waits for the JSON checker's row itself.
    const row = await waitForProblem(s.page, /Expected comma/);
    await screenshot(s, 'problems');
    assert.match(row.text, /json/, `the row names no JSON source: ${row.text}`);
  });

  uiTest(get, 'the Problems panel lists our diagnostics on the seeded defects, squiggled under the faulty text', { timeout: 90_000 }, async (s) => {
    const rows = await expectSeededProblems(s, [HANDLEBARS_DEFECT, TOOL_TYPO_DEFECT]);
    await screenshot(s, 'seeded-problems');
    assert.equal(rows.length, 2);
  });

  const applyFix = async (s: EditorSession, defect: SeededDefect, via: 'keyboard' | 'lightbulb'): Promise<void> => {
    const path = join(s.params.workspace, GUIDED_FILE);
    const before = readFileSync(path, 'utf8');
    await openFile(s.page, GUIDED_FILE);
    await clickText(s.page, defect.text, defect.text);
    const offered = await applyQuickFix(s.page, defect.fixTitle, via, () => screenshot(s, `quick-fix-menu-${via}`));
    assert.ok(offered.includes(defect.fixTitle), `offered: ${JSON.stringify(offered)}`);
    await waitForEditorText(s.page, defect.fixedText);
    await saveActiveEditor(s.page, path);
    // Exactly the faulty text is replaced, and nothing else in the file changes.
    assert.equal(readFileSync(path, 'utf8'), before.replace(defect.text, defect.fixedText));
    await waitForNoProblem(s.page, new RegExp(escapeRegExp(defect.ruleId)));
    await screenshot(s, `quick-fix-applied-${via}`);
    // Once applied, the fix is offered no more on the repaired text.
    await clickText(s.page, defect.fixedText, defect.fixedText);
    const offeredAfter = await quickFixTitles(s.page);
    assert.deepEqual(offeredAfter, [], `Ctrl+. on the repaired text still offers ${JSON.stringify(offeredAfter)}`);
  };

  uiTest(get, `the quick fix "${HANDLEBARS_DEFECT.fixTitle}" (Ctrl+.) rewrites the template and the error goes`, { timeout: 90_000 }, async (s) => {
    await applyFix(s, HANDLEBARS_DEFECT, 'keyboard');
  });

  uiTest(get, `the quick fix "${TOOL_TYPO_DEFECT.fixTitle}" (the lightbulb) renames the tool and the warning goes`, { timeout: 90_000 }, async (s) => {
    await applyFix(s, TOOL_TYPO_DEFECT, 'lightbulb');
    // Both fixes together leave the file exactly as the fixture with both defects repaired.
    const repaired = [HANDLEBARS_DEFECT, TOOL_TYPO_DEFECT].reduce((text, d) => text.replace(d.text, d.fixedText), fixtureText(s, GUIDED_FILE));
    assert.equal(readFileSync(join(s.params.workspace, GUIDED_FILE), 'utf8'), repaired);
  });

  uiTest(get, 'hovering a tool name in a prompt string shows the tool declared in tools.rs', { timeout: 90_000 }, async (s) => {
    const description = /ToolInfo::new\(\s*"sales_top_customers",\s*Some\("([^"]+)"/.exec(fixtureText(s, 'src/tools.rs'))?.[1];
    assert.ok(description, 'src/tools.rs declares no sales_top_customers with a description');
    await openFile(s.page, 'src/prompts.rs');
    const hover = await hoverText(s.page, 'with limit=1 to find the top customer', 'sales_top_customers', description);
    await screenshot(s, 'hover-tool');
    assert.match(hover, /^sales_top_customers \(tool\)/, `hover: ${hover}`);
    assert.ok(hover.includes('limit: integer'), `the hover lists no input property: ${hover}`);
  });

  uiTest(
    get,
    `accepting the snippet ${retryPrefix} inserts its expansion`,
    { timeout: 90_000, skip: !retrySnippet && 'the VSIX contributes no Rust snippet yet' },
    async (s) => {
      if (retrySnippet) await acceptSnippet(s, 'src/retry.rs', retrySnippet, 'snippet');
    },
  );

  uiTest(get, 'F2 on a tool named in prompt text renames it in the prompt, its declaration and the descriptions naming it', { timeout: 90_000 }, async (s) => {
    const tools = join(s.params.workspace, 'src', 'tools.rs');
    const prompts = join(s.params.workspace, 'src', 'prompts.rs');
    const before = { tools: readFileSync(tools, 'utf8'), prompts: readFileSync(prompts, 'utf8') };
    await openFile(s.page, 'src/prompts.rs');
    await clickText(s.page, 'Use `engagement_metrics` with', 'engagement_metrics');
    await s.page.keyboard.press('F2');
    const input = s.page.locator('.monaco-editor .rename-box input, .monaco-editor .rename-box .rename-input').first();
    await input.waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(await input.inputValue(), 'engagement_metrics', 'the rename box does not start from the tool name');
    await input.fill('customer_engagement');
    await screenshot(s, 'rename-box');
    await s.page.keyboard.press('Enter');
    await waitForEditorText(s.page, 'Use `customer_engagement` with');
    await runCommand(s.page, 'File: Save All');
    // Exactly the tool's name changes: in the prompt, in the declaration's literal and in the description of
    // sales_top_customers that names it; the Rust function `engagement_metrics()` is code and stays.
    const expected = {
      prompts: before.prompts.replace('Use `engagement_metrics`', 'Use `customer_engagement`'),
      tools: before.tools.replace('"engagement_metrics",', '"customer_engagement",').replace('support_tickets and engagement_metrics.', 'support_tickets and customer_engagement.'),
    };
    assert.notEqual(expected.tools, before.tools);
    const saved = () => readFileSync(tools, 'utf8') === expected.tools && readFileSync(prompts, 'utf8') === expected.prompts;
    await waitForChange(join(s.params.workspace, 'src'), () => (saved() ? true : undefined), 30_000, 'VS Code did not save the renamed files within 30 s');
    assert.match(readFileSync(tools, 'utf8'), /pub fn engagement_metrics\(\)/);
    await waitForNoProblem(s.page, /tools\/unknown-tool/);
    await screenshot(s, 'rename-applied');
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
