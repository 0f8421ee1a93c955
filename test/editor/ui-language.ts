// Helpers for what a language server and snippets show in the editor: Problems panel rows, the squiggle under
// a piece of text, hovers, the quick fix menu, accepting a completion, and saving. Each waits for what it
// reads (a row, a widget, a repaint), never a sleep.
import { statSync } from 'node:fs';
import { waitForChange } from './watch';
import { dirname } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { problemRows, readProblems, type ProblemRow } from './ui';

const DEFAULT_TIMEOUT = 30_000;
const ACTIVE_EDITOR = '.editor-group-container.active .monaco-editor';

/** A rectangle on the page, in CSS pixels. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** The few DOM members the page functions below use: the project's TypeScript has no DOM library. */
interface PageNode {
  readonly nodeValue: string | null;
  readonly textContent: string | null;
  getAttribute(name: string): string | null;
  querySelector(selector: string): PageNode | null;
  getBoundingClientRect(): Box & { left: number; right: number; top: number; bottom: number };
}
interface PageDocument {
  querySelectorAll(selector: string): ArrayLike<PageNode>;
  createTreeWalker(root: unknown, whatToShow: number): { nextNode(): PageNode | null };
  createRange(): { setStart(node: PageNode, offset: number): void; setEnd(node: PageNode, offset: number): void; getBoundingClientRect(): Box };
}
// The page functions are arrow functions with no local function inside: tsx would wrap a named local function
// in a helper that the page does not have.

/**
 * Waits until a row of the Problems panel matches `pattern` (tested against its label and its shown text) and
 * returns it. The panel's list is virtual: only rows in view exist, so keep fixture workspaces' problems few.
 */
export async function waitForProblem(page: Page, pattern: RegExp, timeout = DEFAULT_TIMEOUT): Promise<ProblemRow> {
  await problemRows(page);
  const found = page.waitForFunction(
    ({ source, flags }) => {
      const doc = (globalThis as unknown as { document: PageDocument }).document;
      const re = new RegExp(source, flags);
      for (const row of Array.from(doc.querySelectorAll('.markers-panel .monaco-list-row'))) {
        const seen = {
          label: row.getAttribute('aria-label') ?? '',
          text: row.textContent ?? '',
          source: row.querySelector('.marker-source')?.textContent ?? '',
          code: row.querySelector('.marker-code')?.textContent ?? '',
        };
        if (re.test(seen.label) || re.test(seen.text)) return seen;
      }
      return undefined;
    },
    { source: pattern.source, flags: pattern.flags.replace('g', '') },
    { timeout },
  );
  const handle = await found.catch(async (err: unknown) => {
    throw new Error(`no row of the Problems panel matches ${pattern}; its rows: ${JSON.stringify(await readProblems(page))} (${String(err)})`);
  });
  return (await handle.jsonValue()) as ProblemRow;
}

/** Waits until no row of the Problems panel matches `pattern` (e.g. after a quick fix removed the problem). */
export async function waitForNoProblem(page: Page, pattern: RegExp, timeout = DEFAULT_TIMEOUT): Promise<void> {
  await problemRows(page);
  await page.waitForFunction(
    ({ source, flags }) => {
      const doc = (globalThis as unknown as { document: PageDocument }).document;
      const re = new RegExp(source, flags);
      return !Array.from(doc.querySelectorAll('.markers-panel .monaco-list-row')).some(
        (row) => re.test(row.getAttribute('aria-label') ?? '') || re.test(row.textContent ?? ''),
      );
    },
    { source: pattern.source, flags: pattern.flags.replace('g', '') },
    { timeout },
  );
}

/**
 * Where `text` is drawn on the first visible line of the active editor that contains `lineText`: the box of
 * exactly those characters, however many token spans they cross.
 */
export async function textBox(page: Page, lineText: string, text: string): Promise<Box> {
  const line = page.locator(`${ACTIVE_EDITOR} .view-line`, { hasText: lineText }).first();
  await line.waitFor({ timeout: DEFAULT_TIMEOUT });
  const box = await line.evaluate((el, wanted) => {
    const doc = (globalThis as unknown as { document: PageDocument }).document;
    const walker = doc.createTreeWalker(el, 4 /* NodeFilter.SHOW_TEXT */);
    const nodes: { node: PageNode; start: number }[] = [];
    let all = '';
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      nodes.push({ node: n, start: all.length });
      all += n.nodeValue ?? '';
    }
    // Monaco renders spaces as no-break spaces.
    const start = all.replace(/\u00a0/g, ' ').indexOf(wanted);
    if (start < 0) return undefined;
    const end = start + wanted.length;
    const first = nodes.find((n) => start < n.start + (n.node.nodeValue ?? '').length);
    const last = nodes.find((n) => end <= n.start + (n.node.nodeValue ?? '').length);
    if (!first || !last) return undefined;
    const range = doc.createRange();
    range.setStart(first.node, start - first.start);
    range.setEnd(last.node, end - last.start);
    const r = range.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  }, text);
  if (!box) throw new Error(`the editor line with "${lineText}" does not show "${text}"`);
  return box;
}

/** The kinds of squiggle VS Code draws under a diagnostic, by severity. */
export type SquiggleSeverity = 'error' | 'warning' | 'info' | 'hint';

/**
 * Waits until the active editor draws a squiggle of `severity` exactly under `box` (same start and end, to
 * within `tolerance` pixels, less than half a character) and returns the squiggle's box.
 */
export async function waitForSquiggleUnder(page: Page, box: Box, severity: SquiggleSeverity, tolerance = 2): Promise<Box> {
  const handle = await page.waitForFunction(
    ({ selector, target, tol }) => {
      const doc = (globalThis as unknown as { document: PageDocument }).document;
      for (const el of Array.from(doc.querySelectorAll(selector))) {
        const r = el.getBoundingClientRect();
        const sameLine = r.top <= target.y + target.height / 2 && r.bottom >= target.y + target.height / 2;
        if (sameLine && Math.abs(r.left - target.x) <= tol && Math.abs(r.right - (target.x + target.width)) <= tol) {
          return { x: r.x, y: r.y, width: r.width, height: r.height };
        }
      }
      return undefined;
    },
    { selector: `${ACTIVE_EDITOR} .view-overlays .squiggly-${severity}`, target: box, tol: tolerance },
    { timeout: DEFAULT_TIMEOUT },
  );
  return (await handle.jsonValue()) as Box;
}

/** The boxes of every squiggle of `severity` drawn in the active editor (for messages when one is missing). */
export async function squiggleBoxes(page: Page, severity: SquiggleSeverity): Promise<Box[]> {
  return page.locator(`${ACTIVE_EDITOR} .view-overlays .squiggly-${severity}`).evaluateAll((els) =>
    els.map((el) => {
      const r = (el as unknown as PageNode).getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    }),
  );
}

/** Scrolls the active editor to a 1-based line with Go to Line (Ctrl+G), as a person does, so its text can be read
 * and pointed at. */
export async function goToLine(page: Page, line: number): Promise<void> {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: DEFAULT_TIMEOUT });
  await input.fill(`:${line}`);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: DEFAULT_TIMEOUT });
}

/** Clicks in the middle of `text` on the editor line containing `lineText`, which puts the cursor there. */
export async function clickText(page: Page, lineText: string, text: string): Promise<void> {
  const box = await textBox(page, lineText, text);
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

/** Moves the mouse over `text` and waits for the editor's hover to show `expected`; returns the hover's text. */
export async function hoverText(page: Page, lineText: string, text: string, expected: string): Promise<string> {
  const hover = page.locator('.monaco-hover:not(.hidden) .monaco-hover-content', { hasText: expected }).first();
  const deadline = Date.now() + DEFAULT_TIMEOUT;
  for (;;) {
    const box = await textBox(page, lineText, text);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    try {
      await hover.waitFor({ timeout: Math.max(1, Math.min(5_000, deadline - Date.now())) });
      return await hover.innerText();
    } catch (error) {
      if (Date.now() >= deadline) throw error;
      // The text moved from under the pointer after it was measured (a code lens arrived above it, as the language
      // server's lenses do a moment after a file opens): a person would aim again, so the test does.
      await page.mouse.move(0, 0);
    }
  }
}

/**
 * Opens the quick fix menu at the cursor and chooses the fix titled `title`, as a person does: with Ctrl+.,
 * arrow keys and Enter, or by clicking the lightbulb and then the fix. `whileOpen` runs while the menu shows
 * (a screenshot). Returns the titles the menu offered.
 */
export async function applyQuickFix(page: Page, title: string, via: 'keyboard' | 'lightbulb', whileOpen?: () => Promise<unknown>): Promise<string[]> {
  if (via === 'keyboard') {
    await page.keyboard.press('Control+.');
  } else {
    await clickLightbulbOfCursorLine(page);
  }
  const rows = page.locator('.action-widget .monaco-list-row.action');
  await rows.first().waitFor({ timeout: DEFAULT_TIMEOUT });
  const titles = (await rows.allInnerTexts()).map((t) => t.trim());
  const index = titles.findIndex((t) => t === title);
  if (index < 0) {
    await page.keyboard.press('Escape');
    throw new Error(`the quick fix menu offers ${JSON.stringify(titles)}, not "${title}"`);
  }
  await whileOpen?.();
  const wanted = rows.nth(index);
  if (via === 'keyboard') {
    // The menu opens with its first fix focused; Down moves through the fixes (headers are skipped).
    for (let i = 0; i < titles.length && !(await hasClass(wanted, 'focused')); i += 1) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
  } else {
    // The menu lays a pointer-blocking layer over the page until the mouse moves, so move onto the fix first.
    const box = await wanted.boundingBox();
    if (box) await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await wanted.click();
  }
  await page.locator('.action-widget').waitFor({ state: 'hidden', timeout: DEFAULT_TIMEOUT });
  return titles;
}

/**
 * Presses Ctrl+. at the cursor and returns the titles of the quick fix menu, or [] when VS Code answers "No
 * code actions available"; the menu or message is closed again.
 */
export async function quickFixTitles(page: Page): Promise<string[]> {
  await page.keyboard.press('Control+.');
  const rows = page.locator('.action-widget .monaco-list-row.action');
  const none = page.locator(`${ACTIVE_EDITOR} .monaco-editor-overlaymessage`, { hasText: 'No code actions available' });
  await rows.first().or(none).waitFor({ timeout: DEFAULT_TIMEOUT });
  const titles = (await none.count()) > 0 ? [] : (await rows.allInnerTexts()).map((t) => t.trim());
  await page.keyboard.press('Escape');
  return titles;
}

/**
 * Clicks the lightbulb once VS Code shows it on the cursor's line. The lightbulb of the line the cursor was on
 * before stays visible until the code actions of the new line arrive, so its position is what tells them apart.
 */
async function clickLightbulbOfCursorLine(page: Page): Promise<void> {
  const bulb = `${ACTIVE_EDITOR} .lightBulbWidget`;
  await page.waitForFunction(
    ({ bulbSelector, lineSelector }) => {
      const view = globalThis as unknown as { document: PageDocument; getComputedStyle(el: PageNode): { visibility: string } };
      const bulbNode = Array.from(view.document.querySelectorAll(bulbSelector))[0];
      const line = Array.from(view.document.querySelectorAll(lineSelector))[0]?.getBoundingClientRect();
      if (!bulbNode || !line || view.getComputedStyle(bulbNode).visibility === 'hidden') return false;
      const b = bulbNode.getBoundingClientRect();
      return b.height > 0 && b.top < line.bottom && b.bottom > line.top;
    },
    { bulbSelector: bulb, lineSelector: `${ACTIVE_EDITOR} .view-overlays .current-line` },
    { timeout: DEFAULT_TIMEOUT },
  );
  await page.locator(bulb).click();
}

async function hasClass(element: Locator, name: string): Promise<boolean> {
  return ((await element.getAttribute('class')) ?? '').split(/\s+/).includes(name);
}

/** Accepts the completion whose label is exactly `label` from the shown suggest widget (a click, as a person). */
export async function acceptSuggestion(page: Page, label: string): Promise<void> {
  const widget = page.locator(`${ACTIVE_EDITOR} .suggest-widget.visible`);
  const row = widget.locator('.monaco-list-row').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(label)}$`) }) });
  await row.first().click();
  await widget.waitFor({ state: 'hidden', timeout: DEFAULT_TIMEOUT });
}

/** The text of the lines the active editor shows, top to bottom (no-break spaces read as spaces). */
export async function visibleEditorLines(page: Page): Promise<string[]> {
  const lines = page.locator(`${ACTIVE_EDITOR} .view-lines .view-line`);
  await lines.first().waitFor({ timeout: DEFAULT_TIMEOUT });
  const rows = await lines.evaluateAll((els) =>
    els.map((el) => ({ top: (el as unknown as PageNode).getBoundingClientRect().top, text: (el.textContent ?? '').replace(/\u00a0/g, ' ') })),
  );
  return rows.sort((a, b) => a.top - b.top).map((r) => r.text);
}

/**
 * Saves the active editor (Ctrl+S) and waits until the file at `path` has been written (its modification
 * time or size changed), so the caller can read what VS Code wrote.
 */
export async function saveActiveEditor(page: Page, path: string): Promise<void> {
  const before = statSync(path);
  const written = waitForChange(
    dirname(path),
    () => {
      // VS Code truncates the file before it writes it: an empty file is a save still under way (a loaded
      // machine showed it between the two), so the wait goes on until the new text is there.
      const now = statSync(path, { throwIfNoEntry: false });
      return now && now.size > 0 && (now.mtimeMs !== before.mtimeMs || now.size !== before.size) ? true : undefined;
    },
    DEFAULT_TIMEOUT,
    `VS Code did not write ${path} within ${DEFAULT_TIMEOUT} ms of Ctrl+S`,
  );
  await page.keyboard.press('Control+S');
  await written;
  await page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached', timeout: DEFAULT_TIMEOUT });
}

/** `text` with every regular-expression character escaped. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
