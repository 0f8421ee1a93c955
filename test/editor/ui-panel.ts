// Helpers for the MCP Workflows views and the call panel as a person uses them: the activity-bar container,
// rows of the Servers and History trees with their inline actions, the webview of the active call panel,
// theme switching for screenshots. Each waits for what it needs, never a sleep.
import type { FrameLocator, Locator, Page } from 'playwright-core';
import type { EditorSession } from './session';
import { screenshot } from './ui';

const TIMEOUT = 30_000;

/** Opens the "MCP Workflows" view container from the activity bar and waits for its Servers section. */
export async function openMcpViews(page: Page): Promise<Locator> {
  const icon = page.locator('.part.activitybar .action-label[aria-label^="MCP Workflows"]');
  await icon.waitFor({ timeout: 60_000 });
  const pane = serversPane(page);
  if (!(await pane.isVisible())) await icon.click();
  await pane.waitFor({ timeout: TIMEOUT });
  return pane;
}

export function serversPane(page: Page): Locator {
  return page.locator('.pane:has(.pane-header[aria-label^="Servers"])');
}

export function historyPane(page: Page): Locator {
  return page.locator('.pane:has(.pane-header[aria-label^="History"])');
}

/** The tree row whose label is exactly `label` (the first, when the tree shows it twice). */
export function treeRow(pane: Locator, label: string): Locator {
  return pane.locator('.monaco-list-row', { has: pane.page().locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(label)}$`) }) }).first();
}

/** Waits until a row's description (the grey text after its label) matches; the row may be redrawn meanwhile. */
export async function waitForRowDescription(row: Locator, pattern: RegExp, timeout = TIMEOUT): Promise<string> {
  const description = row.locator('.label-description');
  const deadline = Date.now() + timeout;
  for (;;) {
    const text = (await description.textContent({ timeout: Math.max(1, deadline - Date.now()) }).catch(() => '')) ?? '';
    if (pattern.test(text)) return text;
    if (Date.now() > deadline) throw new Error(`row description "${text}" did not match ${pattern} within ${timeout} ms`);
    await nextFrame(row.page());
  }
}

/**
 * Clicks one of a row's inline actions (drawn only while the row is hovered), by its title. A redraw of the
 * tree replaces the row under the pointer, so it hovers and tries again until the click lands.
 */
export async function clickRowAction(row: Locator, title: string): Promise<void> {
  const action = row.locator(`.actions .action-label[aria-label="${title}"]`);
  const deadline = Date.now() + TIMEOUT;
  for (;;) {
    await row.hover();
    const clicked = await action.click({ timeout: 2_000 }).then(() => true, () => false);
    if (clicked) return;
    if (Date.now() > deadline) throw new Error(`no clickable "${title}" action on the row within ${TIMEOUT} ms`);
    await row.page().mouse.move(0, 0);
  }
}

/**
 * Clicks a row's inline action until `effect` (given how long it may wait) sees that it acted: a click that
 * lands while the tree redraws is dropped by VS Code without a trace, so one click is not proof of one action.
 * Use it only for actions that are safe to repeat (Start, Stop, Show Output).
 */
export async function clickRowActionUntil(row: Locator, title: string, effect: (timeoutMs: number) => Promise<unknown>, tries = 4): Promise<void> {
  for (let i = 1; ; i++) {
    await clickRowAction(row, title);
    const seen = await effect(i === tries ? TIMEOUT : 5_000).then(() => true, (error: unknown) => (i === tries ? Promise.reject(error) : false));
    if (seen) return;
  }
}

/** Clicks an action of a view's title bar (drawn while the view is hovered), by its title. */
export async function clickViewAction(pane: Locator, title: string): Promise<void> {
  const header = pane.locator('.pane-header').first();
  const action = header.locator(`.action-label[aria-label="${title}"]`);
  const deadline = Date.now() + TIMEOUT;
  for (;;) {
    await header.hover();
    if (await action.click({ timeout: 2_000 }).then(() => true, () => false)) return;
    if (Date.now() > deadline) throw new Error(`no clickable "${title}" action on the view within ${TIMEOUT} ms`);
  }
}

/**
 * Scrolls a tree pane until the row labelled `label` is drawn (its list is virtual: rows out of view are not in
 * the page), and returns it. `first` scrolls down from the top; `last` up from the bottom (e.g. the same tool of
 * a second server).
 */
export async function revealRow(pane: Locator, label: string, which: 'first' | 'last' = 'first'): Promise<Locator> {
  const page = pane.page();
  const rows = pane.locator('.monaco-list-row', { has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(label)}$`) }) });
  const pick = (): Locator => (which === 'first' ? rows.first() : rows.last());
  const list = pane.locator('.monaco-list').first();
  await list.waitFor({ timeout: TIMEOUT });
  await list.hover();
  const offset = (): Promise<string> => list.evaluate((el) => (el.querySelector('.monaco-list-rows') as HTMLElement | null)?.style.top ?? '');
  const step = which === 'first' ? 120 : -120;
  await page.mouse.wheel(0, -step * 1000);
  await nextFrame(page);
  for (let i = 0; i < 200; i++) {
    if ((await rows.count()) > 0 && (await pick().isVisible())) return pick();
    const before = await offset();
    await page.mouse.wheel(0, step);
    await nextFrame(page);
    // An unchanged offset means the end of the list was reached.
    if ((await offset()) === before) break;
  }
  if ((await rows.count()) > 0 && (await pick().isVisible())) return pick();
  throw new Error(`no row "${label}" in the tree, scrolled from end to end`);
}

/** Resolves after the page has drawn twice (a scrolled list redraws on the next frame). */
function nextFrame(page: Page): Promise<unknown> {
  return page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

/** Expands or collapses a tree row (by its twistie) unless it already is so. */
export async function setExpanded(row: Locator, expanded: boolean): Promise<void> {
  const state = async (): Promise<boolean> => (await row.getAttribute('aria-expanded')) === 'true';
  if ((await state()) === expanded) return;
  await row.locator('.monaco-tl-twistie').click();
  const deadline = Date.now() + TIMEOUT;
  while ((await state()) !== expanded) {
    if (Date.now() > deadline) throw new Error(`the row did not ${expanded ? 'expand' : 'collapse'}`);
    await nextFrame(row.page());
  }
}

/** Opens a row's context menu and chooses `title`. */
export async function rowContextMenu(row: Locator, title: string): Promise<void> {
  await row.click({ button: 'right' });
  const item = row.page().locator('.context-view .monaco-menu .action-item', { hasText: title }).first();
  await item.waitFor({ timeout: TIMEOUT });
  // The menu acts on mouse-up over an item it has seen the pointer enter: hover first, then click.
  await item.hover();
  await item.locator('.action-menu-item').click();
  await item.waitFor({ state: 'hidden', timeout: TIMEOUT });
}

/** The webview of the visible call panel (the active editor tab's), once its app said it is ready. */
export async function callPanel(page: Page): Promise<FrameLocator> {
  const outer = page.locator('iframe.webview.ready[src*="extensionId=mcp-workflow-kit.mcp-workflow-kit"]:not([src*="purpose="]):visible');
  await outer.first().waitFor({ timeout: TIMEOUT });
  const frame = outer.first().contentFrame().frameLocator('#active-frame');
  await frame.locator('body[data-ready="true"]').waitFor({ timeout: TIMEOUT });
  return frame;
}

/** The outer iframe element of the visible call panel, for a screenshot of just the webview. */
export function callPanelElement(page: Page): Locator {
  return page.locator('iframe.webview.ready[src*="extensionId=mcp-workflow-kit.mcp-workflow-kit"]:not([src*="purpose="]):visible').first();
}

export type ThemeName = 'Light Modern' | 'Dark Modern' | 'Dark High Contrast';

/** Switches the color theme through the palette and waits until the workbench wears it. */
export async function setTheme(page: Page, theme: ThemeName): Promise<void> {
  await pickFromPalette(page, 'Preferences: Color Theme');
  const input = page.locator('.quick-input-widget input');
  await input.fill(theme);
  const row = page.locator('.quick-input-list .monaco-list-row', { has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(theme)}$`) }) }).first();
  await row.waitFor({ timeout: TIMEOUT });
  await row.click();
  const cls = theme === 'Light Modern' ? 'vs' : theme === 'Dark Modern' ? 'vs-dark' : 'hc-black';
  await page.locator(`.monaco-workbench.${cls}`).waitFor({ timeout: TIMEOUT });
}

/** Screenshots the page as it is in the dark theme (NAME-dark) and in the light one (NAME-light), back to dark after. */
export async function screenshotThemes(session: EditorSession, name: string): Promise<void> {
  await screenshot(session, `${name}-dark`);
  await setTheme(session.page, 'Light Modern');
  await screenshot(session, `${name}-light`);
  await setTheme(session.page, 'Dark Modern');
}

/**
 * Answers the workbench's save dialog (code-server's simple dialog, a quick input): waits for the default path it
 * fills in after showing the folder, checks it against `expected`, and accepts it. Returns that path.
 */
export async function acceptSaveDialog(page: Page, expected: RegExp): Promise<string> {
  const dialog = page.locator('.quick-input-widget');
  await dialog.waitFor({ timeout: TIMEOUT });
  let name = '';
  for (let i = 0; i < 100 && !expected.test(name); i++) {
    name = await dialog.locator('input').inputValue();
    if (!expected.test(name)) await page.waitForTimeout(100);
  }
  if (!expected.test(name)) throw new Error(`the save dialog's default path "${name}" does not match ${expected}`);
  await dialog.locator('input').press('Enter');
  return name;
}

/** Runs a palette command by clicking the row whose title is exactly `title` (Enter may pick a fuzzier row above it). */
export async function pickFromPalette(page: Page, title: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  const deadline = Date.now() + TIMEOUT;
  for (;;) {
    await focusWorkbench(page);
    await page.keyboard.press('F1');
    if (await input.waitFor({ state: 'visible', timeout: 3_000 }).then(() => true, () => false)) break;
    if (Date.now() > deadline) throw new Error('the command palette did not open');
  }
  await input.fill(`>${title}`);
  const row = page.locator('.quick-input-list .monaco-list-row', { has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(title)}$`) }) }).first();
  await row.waitFor({ timeout: TIMEOUT });
  await row.click();
}

/** Moves keyboard focus out of a webview (which keeps the keys it is sent) onto the workbench's side bar. */
export async function focusWorkbench(page: Page): Promise<void> {
  await page.bringToFront();
  await page.evaluate(() => {
    const target = document.querySelector<HTMLElement>('.part.sidebar .monaco-list') ?? document.querySelector<HTMLElement>('.monaco-workbench');
    target?.focus();
  });
}

/** Answers the open input box (VS Code's quick input) with `text` and Enter. */
export async function answerInputBox(page: Page, text: string, expectPassword = false): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: TIMEOUT });
  if (expectPassword && (await input.getAttribute('type')) !== 'password') throw new Error('the input box does not mask what is typed (type is not password)');
  await input.fill(text);
  await page.keyboard.press('Enter');
  const deadline = Date.now() + TIMEOUT;
  for (;;) {
    try {
      await input.waitFor({ state: 'hidden', timeout: Math.max(1, Math.min(5_000, deadline - Date.now())) });
      return;
    } catch (error) {
      // Still open with what was typed: the Enter came before the box took it (under load it can). It is pressed
      // again, as a person would; a box asking something else is not answered here.
      if (Date.now() >= deadline || (await input.inputValue().catch(() => '')) !== text) throw error;
      await input.focus();
      await page.keyboard.press('Enter');
    }
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
