// Servers in other languages as a person meets them in the editor: a Python FastMCP file and an rmcp file each
// show our diagnostic in the Problems panel, a hover on a tool name named in prompt text, and a snippet of their
// language accepted; the Outline of the rmcp tools file lists its tools; Ctrl+T finds a tool in both servers.
// The workspace is the repo's Python and rmcp fixture servers, copied fresh, with one seeded defect each.
import * as assert from 'node:assert/strict';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import { contributedSnippetPrefixes } from '../contributions';
import { loadArtifacts, startEditorSession, type EditorSession } from '../session';
import { openFile, runCommand, screenshot, statusBarTexts, uiTest, waitForEditorText } from '../ui';
import { clickText, escapeRegExp, goToLine, hoverText, squiggleBoxes, textBox, waitForProblem, waitForSquiggleUnder } from '../ui-language';
import { waitForChange } from '../watch';
import { acceptSnippet, snippetsOf } from '../ui-snippets';

const ROOT = join(__dirname, '..', '..', '..');
const PYTHON_FILE = 'python/customer_server.py';
const RMCP_PROMPTS = 'rmcp/src/prompts.rs';
const RMCP_TOOLS = 'rmcp/src/tools.rs';

/** A seeded defect: `from` in a fixture file becomes `to`, a misspelt tool the checker must report. */
interface Seeded {
  file: string;
  from: string;
  to: string;
  message: string;
}
const PYTHON_TYPO: Seeded = {
  file: PYTHON_FILE,
  from: '- Use `support_tickets` with the customer_id',
  to: '- Use `support_tikets` with the customer_id',
  message: '"customer-analysis" tells the AI to use "support_tikets", but no tool of that name is declared in this project. Did you mean "support_tickets"?',
};
const RMCP_TYPO: Seeded = {
  file: RMCP_PROMPTS,
  from: 'Use the support_tickets tool, then say',
  to: 'Use the support_tikets tool, then say',
  message: '"quick-check" tells the AI to use "support_tikets", but no tool of that name is declared in this project. Did you mean "support_tickets"?',
};

function seed(workspace: string, defect: Seeded): void {
  const path = join(workspace, defect.file);
  const text = readFileSync(path, 'utf8');
  assert.equal(text.split(defect.from).length, 2, `${defect.file} should hold "${defect.from}" exactly once`);
  writeFileSync(path, text.replace(defect.from, defect.to));
}

/** 1-based line and column of `text` in a workspace file, as the Problems panel shows them. */
function positionIn(workspace: string, file: string, text: string): { line: number; column: number } {
  const source = readFileSync(join(workspace, file), 'utf8');
  const before = source.slice(0, source.indexOf(text)).split('\n');
  return { line: before.length, column: (before.at(-1) ?? '').length + 1 };
}

/** Opens a workspace file scrolled to the line holding `text`. */
async function openAt(s: EditorSession, file: string, text: string): Promise<void> {
  await openFile(s.page, file);
  await goToLine(s.page, positionIn(s.params.workspace, file, text).line);
  await waitForEditorText(s.page, text);
}

const artifacts = loadArtifacts();
const pythonSnippets = snippetsOf(ROOT, 'python.json', contributedSnippetPrefixes(artifacts, 'python'));
const rmcpSnippets = snippetsOf(ROOT, 'rust-rmcp.json', contributedSnippetPrefixes(artifacts, 'rust'));
const pythonSnippet = pythonSnippets.find((s) => s.prefix === 'mcp-prompt-guided') ?? pythonSnippets[0];
// rmcp's own snippets (snippets/rust-rmcp.json; the pmcp ones would not compile in an rmcp crate).
const rmcpSnippet = rmcpSnippets.find((s) => s.prefix === 'mcp-rmcp-tools-id-passing') ?? rmcpSnippets[0];

describe('servers in Python (FastMCP) and Rust (rmcp)', () => {
  let session: EditorSession | undefined;
  const get = (): EditorSession => {
    if (!session) throw new Error('the editor session did not start');
    return session;
  };

  before(async () => {
    session = await startEditorSession({
      name: 'languages',
      workspace: 'polyglot',
      trusted: true,
      hostTests: [],
      settings: { 'workbench.startupEditor': 'none' },
      prepare: (workspace) => {
        cpSync(join(ROOT, 'test', 'fixtures', 'python', 'fastmcp'), join(workspace, 'python'), { recursive: true });
        cpSync(join(ROOT, 'test', 'fixtures', 'rust', 'rmcp-server'), join(workspace, 'rmcp'), { recursive: true });
        rmSync(join(workspace, 'rmcp', 'Cargo.lock'), { force: true });
        seed(workspace, PYTHON_TYPO);
        seed(workspace, RMCP_TYPO);
        // A declared server, so the "Call tool" lenses show (without one a lens could only say there is none).
        // Nothing starts it: the Servers view lists servers stopped.
        mkdirSync(join(workspace, '.vscode'), { recursive: true });
        writeFileSync(join(workspace, '.vscode', 'mcp.json'), `${JSON.stringify({ servers: { 'customer-insights-python': { type: 'stdio', command: 'python3', args: ['python/customer_server.py'] } } }, null, 2)}\n`);
      },
    });
  }, { timeout: 180_000 });

  after(async () => {
    await session?.stop();
  });

  for (const [language, defect] of [['Python', PYTHON_TYPO], ['rmcp', RMCP_TYPO]] as const) {
    uiTest(get, `${language}: the Problems panel lists the misspelt tool of the prompt text, squiggled under it`, { timeout: 120_000 }, async (s) => {
      await openAt(s, defect.file, defect.to);
      const row = await waitForProblem(s.page, new RegExp(escapeRegExp(defect.message)));
      const at = positionIn(s.params.workspace, defect.file, 'support_tikets');
      assert.ok(row.text.includes(`[Ln ${at.line}, Col ${at.column}]`), `the row is not at the misspelt name: ${row.text}`);
      assert.ok(row.text.includes('tools/unknown-tool'), `the row names no rule: ${row.text}`);
      const lineText = defect.to.slice(0, 30);
      await waitForSquiggleUnder(s.page, await textBox(s.page, lineText, 'support_tikets'), 'warning');
      assert.ok((await squiggleBoxes(s.page, 'warning')).length >= 1);
      await screenshot(s, `${language.toLowerCase()}-problems`);
    });
  }

  const hovers = [
    { language: 'Python', where: 'the prompt f-string', said: 'its docstring', file: PYTHON_FILE, line: 'Call the sales_top_customers tool with limit 1', description: 'List customers by revenue, highest first.', head: /^sales_top_customers \(tool\)/ },
    { language: 'rmcp', where: 'the format! string', said: 'its doc comment', file: RMCP_PROMPTS, line: '1. Call the sales_top_customers tool with limit=1', description: 'Top customers by revenue, highest first.', head: /^sales_top_customers \(tool: Top customers\)/ },
  ];
  for (const h of hovers) {
    uiTest(get, `${h.language}: hovering a tool named in ${h.where} shows the tool, ${h.said} and input`, { timeout: 90_000 }, async (s) => {
      await openAt(s, h.file, h.line);
      const hover = await hoverText(s.page, h.line, 'sales_top_customers', h.description);
      await screenshot(s, `${h.language.toLowerCase()}-hover-tool`);
      assert.match(hover, h.head, `hover: ${hover}`);
      assert.ok(hover.includes('limit'), `the hover lists no input property: ${hover}`);
    });
  }

  uiTest(
    get,
    `Python: accepting the snippet ${pythonSnippet?.prefix ?? '(none)'} inserts its expansion`,
    { timeout: 120_000, skip: !pythonSnippet && 'the VSIX contributes no Python snippet' },
    async (s) => {
      if (pythonSnippet) await acceptSnippet(s, 'python/guided_prompt.py', pythonSnippet, 'python-snippet');
    },
  );

  uiTest(
    get,
    `rmcp: accepting the snippet ${rmcpSnippet?.prefix ?? '(none)'} inserts its expansion`,
    { timeout: 120_000, skip: !rmcpSnippet && 'the VSIX contributes no rmcp snippet yet' },
    async (s) => {
      if (rmcpSnippet) await acceptSnippet(s, 'rmcp/src/snippet.rs', rmcpSnippet, 'rmcp-snippet');
    },
  );

  uiTest(get, 'rmcp: the "Call tool" lens stands above the tool\'s doc comment and attribute, not between them and its fn', { timeout: 90_000 }, async (s) => {
    await openAt(s, RMCP_TOOLS, 'async fn sales_top_customers(');
    const lens = s.page.locator('.codelens-decoration', { hasText: 'Call tool' }).first();
    await lens.waitFor({ timeout: 60_000 });
    const doc = await textBox(s.page, '/// Top customers by revenue', 'Top customers by revenue');
    const attribute = await textBox(s.page, '#[tool(annotations(title = "Top customers"', 'title');
    const fn = await textBox(s.page, 'async fn sales_top_customers(', 'sales_top_customers');
    // The lens nearest above the tool's first line (its doc comment), with the attribute and the fn below it.
    const lenses = await s.page.locator('.codelens-decoration', { hasText: 'Call tool' }).evaluateAll((els) => els.map((el) => el.getBoundingClientRect().y));
    const above = lenses.filter((y) => y < doc.y).sort((a, b) => b - a)[0];
    await screenshot(s, 'rmcp-code-lens');
    assert.ok(above !== undefined && doc.y - above < 2.5 * doc.height, `no lens right above the doc comment: lenses at ${lenses.join(', ')}, doc at ${doc.y}`);
    assert.ok(!lenses.some((y) => y > doc.y && y < fn.y), `a lens sits between the doc comment (${doc.y}), the attribute (${attribute.y}) and the fn (${fn.y}): ${lenses.join(', ')}`);
  });

  uiTest(get, 'the status bar counts prompts and tools, and its tooltip says how long the index took', { timeout: 60_000 }, async (s) => {
    const item = s.page.locator('.part.statusbar .statusbar-item', { hasText: /MCP: \d+ prompts, \d+ tools/ }).first();
    await item.waitFor({ timeout: 30_000 });
    await item.hover();
    const tooltip = s.page.locator('.monaco-hover, .workbench-hover, .custom-hover', { hasText: /Index ready in \d/ }).first();
    await tooltip.waitFor({ timeout: 30_000 });
    const said = (await tooltip.innerText()).replace(/\s+/g, ' ').trim();
    await screenshot(s, 'status-bar-index-time');
    assert.match(said, /^Index ready in \d+(\.\d+)? (ms|s)\. \d+ source files read, \d+ problems\./, `tooltip: ${said}`);
    assert.ok((await statusBarTexts(s.page)).some((t) => /MCP: \d+ prompts, [1-9]\d* tools/.test(t)));
    await s.page.mouse.move(0, 0);
  });

  uiTest(get, 'the Outline view of the rmcp tools file lists its tools by name, with their titles', { timeout: 90_000 }, async (s) => {
    await openFile(s.page, RMCP_TOOLS);
    await waitForEditorText(s.page, 'TopCustomersArgs');
    await runCommand(s.page, 'Explorer: Focus on Outline View');
    const rows = s.page.locator('.pane-body .outline-tree .monaco-list-row, .outline-pane .monaco-list-row');
    await rows.filter({ hasText: 'sales_top_customers' }).first().waitFor({ timeout: 30_000 });
    const labels = (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    await screenshot(s, 'rmcp-outline');
    const declared = [...readFileSync(join(s.params.workspace, RMCP_TOOLS), 'utf8').matchAll(/async fn (\w+)\(/g)].map((m) => m[1]!);
    for (const tool of ['sales_top_customers', 'order_history', 'support_tickets', 'engagement_metrics']) {
      assert.ok(declared.includes(tool), `${RMCP_TOOLS} no longer declares ${tool}`);
      assert.ok(labels.some((l) => l.startsWith(tool)), `the Outline lists no ${tool}: ${labels.join(' | ')}`);
    }
    assert.ok(labels.some((l) => l.includes('Top customers')), `the Outline shows no tool title: ${labels.join(' | ')}`);
  });

  uiTest(get, 'Ctrl+T finds a tool by part of its name in both servers', { timeout: 90_000 }, async (s) => {
    await openFile(s.page, RMCP_TOOLS);
    await s.page.keyboard.press('Control+T');
    const input = s.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 30_000 });
    await input.fill('#orderhist');
    const rows = s.page.locator('.quick-input-list .monaco-list-row', { hasText: 'order_history' });
    await rows.nth(1).waitFor({ timeout: 30_000 });
    const texts = (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    await screenshot(s, 'workspace-symbols');
    assert.ok(texts.some((t) => t.includes('customer_server.py')), `no row in the Python server: ${texts.join(' | ')}`);
    assert.ok(texts.some((t) => t.includes('tools.rs')), `no row in the rmcp server: ${texts.join(' | ')}`);
    await s.page.keyboard.press('Escape');
  });
  // Last: it renames a tool the tests above read.
  uiTest(get, 'rmcp: F2 on a tool named in a format! string renames the #[tool(name = …)] value and the mentions of its server only', { timeout: 90_000 }, async (s) => {
    const file = (f: string) => join(s.params.workspace, f);
    const before = { prompts: readFileSync(file(RMCP_PROMPTS), 'utf8'), tools: readFileSync(file(RMCP_TOOLS), 'utf8'), python: readFileSync(file(PYTHON_FILE), 'utf8') };
    assert.ok(before.python.includes('engagement_metrics'), 'the Python server must declare the same tool name, so the rename has something to leave alone');
    await openAt(s, RMCP_PROMPTS, 'support_tickets and engagement_metrics with the customer_id');
    await clickText(s.page, 'support_tickets and engagement_metrics with the customer_id', 'engagement_metrics');
    await s.page.keyboard.press('F2');
    const input = s.page.locator('.monaco-editor .rename-box input, .monaco-editor .rename-box .rename-input').first();
    await input.waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(await input.inputValue(), 'engagement_metrics', 'the rename box does not start from the tool name');
    await input.fill('customer_engagement');
    await screenshot(s, 'rmcp-rename-box');
    await s.page.keyboard.press('Enter');
    await waitForEditorText(s.page, 'support_tickets and customer_engagement with the customer_id');
    await runCommand(s.page, 'File: Save All');
    // The name in the format! string, the attribute's value and the doc comment naming it change; the method
    // `engagement_metrics` is code and stays; the Python server's tool of the same name is another server's.
    const expected = {
      prompts: before.prompts.replace('support_tickets and engagement_metrics with', 'support_tickets and customer_engagement with'),
      tools: before.tools.replace('#[tool(name = "engagement_metrics",', '#[tool(name = "customer_engagement",').replace('support_tickets and engagement_metrics first', 'support_tickets and customer_engagement first'),
    };
    assert.notEqual(expected.tools, before.tools);
    const saved = () => readFileSync(file(RMCP_TOOLS), 'utf8') === expected.tools && readFileSync(file(RMCP_PROMPTS), 'utf8') === expected.prompts;
    await waitForChange(join(s.params.workspace, 'rmcp', 'src'), () => (saved() ? true : undefined), 30_000, `VS Code did not save the renamed files as expected within 30 s:\n${readFileSync(file(RMCP_TOOLS), 'utf8').split('\n').filter((l) => /engagement/.test(l)).join('\n')}`);
    assert.match(readFileSync(file(RMCP_TOOLS), 'utf8'), /async fn engagement_metrics\(/);
    assert.equal(readFileSync(file(PYTHON_FILE), 'utf8'), before.python, 'the rename reached the Python server');
    await screenshot(s, 'rmcp-rename-applied');
  });
});
