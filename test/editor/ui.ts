// Helpers for UI tests: they drive the VS Code workbench in Chromium the way a person does (keyboard, quick
// open, the command palette) and read what is on screen. Each waits for the element it needs, never a sleep.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test, type TestOptions } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import type { EditorSession } from './session';

const DEFAULT_TIMEOUT = 30_000;

/**
 * Opens a workspace file through Quick Open (Ctrl+P) and waits until its editor tab is the active one.
 * Quick Open may miss a file created a moment ago (its file search can still hold the earlier listing), so
 * when no match is listed within a few seconds it closes and searches again, until DEFAULT_TIMEOUT.
 */
export async function openFile(page: Page, relativePath: string): Promise<Locator> {
  const name = relativePath.split('/').pop() ?? relativePath;
  const deadline = Date.now() + DEFAULT_TIMEOUT;
  const input = page.locator('.quick-input-widget input');
  const match = page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first();
  for (;;) {
    await focusWorkbench(page);
    await page.keyboard.press('Control+P');
    await input.waitFor({ state: 'visible', timeout: DEFAULT_TIMEOUT });
    await input.fill(relativePath);
    const listed = await match.waitFor({ timeout: 5_000 }).then(() => true, () => false);
    if (listed) break;
    await page.keyboard.press('Escape');
    if (Date.now() > deadline) throw new Error(`Quick Open did not list ${relativePath} within ${DEFAULT_TIMEOUT} ms`);
  }
  await page.keyboard.press('Enter');
  const tab = page.locator('.tabs-container .tab.active', { hasText: name });
  await tab.waitFor({ timeout: DEFAULT_TIMEOUT });
  const editor = page.locator('.editor-group-container.active .monaco-editor').first();
  await editor.waitFor({ timeout: DEFAULT_TIMEOUT });
  return editor;
}

/** Runs a command from the command palette by its title (e.g. "View: Toggle Problems"). */
export async function runCommand(page: Page, title: string): Promise<void> {
  await focusWorkbench(page);
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: DEFAULT_TIMEOUT });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: DEFAULT_TIMEOUT });
  await page.keyboard.press('Enter');
}

/** Waits until the visible text of the active editor contains `text`. */
export async function waitForEditorText(page: Page, text: string): Promise<void> {
  await page
    .locator('.editor-group-container.active .monaco-editor .view-lines', { hasText: text })
    .first()
    .waitFor({ timeout: DEFAULT_TIMEOUT });
}

/**
 * Triggers suggestions (Ctrl+Space) at the cursor of the active editor and returns the labels of the
 * completion list once it is shown. Place the cursor first (e.g. with `page.keyboard`).
 */
export async function waitForCompletionList(page: Page, options: { trigger?: boolean } = {}): Promise<string[]> {
  if (options.trigger !== false) await page.keyboard.press('Control+Space');
  const widget = page.locator('.editor-widget.suggest-widget.visible');
  await widget.waitFor({ timeout: DEFAULT_TIMEOUT });
  const rows = widget.locator('.monaco-list-row .label-name');
  await rows.first().waitFor({ timeout: DEFAULT_TIMEOUT });
  return (await rows.allInnerTexts()).map((s) => s.trim());
}

/** One row of the Problems panel as a person reads it: its accessible label (message, source, position). */
export interface ProblemRow {
  readonly label: string;
}

/** Shows the Problems panel and returns its rows; `atLeast` waits until that many problems are listed. */
export async function readProblems(page: Page, atLeast = 0): Promise<ProblemRow[]> {
  // The focus command only opens the panel; the Ctrl+Shift+M shortcut would close it when already open.
  await runCommand(page, 'Problems: Focus on Problems View');
  const panel = page.locator('.markers-panel');
  await panel.waitFor({ timeout: DEFAULT_TIMEOUT });
  const rows = panel.locator('.monaco-list-row');
  if (atLeast > 0) await rows.nth(atLeast - 1).waitFor({ timeout: DEFAULT_TIMEOUT });
  const labels = await rows.evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? el.textContent ?? ''));
  return labels.map((label) => ({ label }));
}

/**
 * The rendered colour of the token showing `token` on the first visible editor line containing `lineText`:
 * the span whose text is exactly `token`, else the first span that contains it, else undefined. This is what
 * a person sees of syntax highlighting (Monaco merges neighbouring tokens of one style into one span).
 */
export async function tokenColor(page: Page, lineText: string, token: string): Promise<string | undefined> {
  const line = page.locator('.editor-group-container.active .monaco-editor .view-line', { hasText: lineText }).first();
  await line.waitFor({ timeout: DEFAULT_TIMEOUT });
  return line.locator('span > span').evaluateAll((spans, wanted) => {
    // This runs in the page. The project's TypeScript has no DOM library, so the one call is typed here; and
    // no local function is declared, because tsx would wrap it in a helper that the page does not have.
    const view = globalThis as unknown as { getComputedStyle(el: unknown): { color: string } };
    // Monaco renders spaces as no-break spaces.
    const texts = spans.map((el) => (el.textContent ?? '').replace(/\u00a0/g, ' '));
    let index = texts.indexOf(wanted);
    if (index < 0) index = texts.findIndex((t) => t.includes(wanted));
    return index < 0 ? undefined : view.getComputedStyle(spans[index]).color;
  }, token);
}

/** Texts of every status bar item, left to right. */
export async function statusBarTexts(page: Page): Promise<string[]> {
  const items = page.locator('.part.statusbar .statusbar-item');
  await items.first().waitFor({ timeout: DEFAULT_TIMEOUT });
  return (await items.allInnerTexts()).map((s) => s.trim()).filter((s) => s.length > 0);
}

/** Waits until some status bar item reads `text` (e.g. "Restricted Mode", "Rust"). */
export async function waitForStatusBarItem(page: Page, text: string): Promise<void> {
  await page.locator('.part.statusbar .statusbar-item', { hasText: text }).first().waitFor({ timeout: DEFAULT_TIMEOUT });
}

/** Saves a PNG of the whole workbench to test-results/editor/<session>-<name>.png and returns its path. */
export async function screenshot(session: EditorSession, name: string): Promise<string> {
  mkdirSync(session.artifacts.resultsDir, { recursive: true });
  const path = join(session.artifacts.resultsDir, `${session.params.session}-${name}.png`);
  await session.page.screenshot({ path });
  return path;
}

/**
 * Runs a UI test body and, when it fails, saves a screenshot named after the test before rethrowing, so the
 * failure can be looked at (test-results/editor/<session>-FAILED-<name>.png).
 */
export async function withFailureScreenshot(session: EditorSession, name: string, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (err) {
    const file = await screenshot(session, `FAILED-${name.replace(/[^A-Za-z0-9]+/g, '-').slice(0, 60)}`).catch(() => undefined);
    if (file && err instanceof Error) err.message += `\n(screenshot: ${file})`;
    throw err;
  }
}

/** Declares a node:test UI test that receives the session and saves a screenshot when it fails. */
export function uiTest(session: () => EditorSession, name: string, options: TestOptions, body: (s: EditorSession) => Promise<void>): void {
  test(name, options, () => withFailureScreenshot(session(), name, () => body(session())));
}

/** Gives keyboard focus to the workbench, so shortcuts reach VS Code rather than the page. */
async function focusWorkbench(page: Page): Promise<void> {
  await page.locator('.monaco-workbench').waitFor({ timeout: DEFAULT_TIMEOUT });
  await page.bringToFront();
}
