// Accepting a snippet as a person does: type its prefix in an empty file, pick it from the completion list, Tab
// through every tab stop keeping its default, save, and compare the file with the snippet's own expansion.
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expandSnippet, parseSnippet } from '../snippets/expand';
import type { EditorSession } from './session';
import { openFile, screenshot, waitForCompletionList, waitForEditorText } from './ui';
import { acceptSuggestion, saveActiveEditor, visibleEditorLines } from './ui-language';

export interface SnippetEntry {
  prefix: string;
  body: string | string[];
}

/** The snippets of a snippets/*.json file whose prefixes the VSIX contributes for its language. */
export function snippetsOf(root: string, file: string, contributed: readonly string[]): SnippetEntry[] {
  const all = Object.values(JSON.parse(readFileSync(join(root, 'snippets', file), 'utf8')) as Record<string, SnippetEntry>);
  return all.filter((snippet) => contributed.includes(snippet.prefix));
}

/**
 * Writes `relativeFile` empty, opens it, inserts `snippet` through the completion list and accepts every default;
 * screenshots `<shot>-inserted` and `<shot>-accepted`. Asserts the saved file is exactly the expansion.
 */
export async function acceptSnippet(s: EditorSession, relativeFile: string, snippet: SnippetEntry, shot: string): Promise<void> {
  const expected = expandSnippet(snippet.body);
  const file = join(s.params.workspace, relativeFile);
  writeFileSync(file, '');
  await openFile(s.page, relativeFile);
  await s.page.keyboard.type(snippet.prefix);
  const labels = await waitForCompletionList(s.page);
  assert.ok(labels.includes(snippet.prefix), `completion list: ${labels.join(', ')}`);
  await acceptSuggestion(s.page, snippet.prefix);
  const firstLines = expected.split('\n').slice(0, 5);
  await waitForEditorText(s.page, firstLines[0] ?? '');
  await screenshot(s, `${shot}-inserted`);
  // Tab through every tab stop keeping its default; VS Code applies a mirror's transform (a PascalCase struct
  // name) when Tab leaves its placeholder. At a choice VS Code lists the options: Enter takes the first and moves
  // on to the next tab stop by itself.
  for (const stop of tabStops(snippet.body)) {
    if (stop.choice) {
      await waitForCompletionList(s.page, { trigger: false });
      await s.page.keyboard.press('Enter');
    } else {
      await s.page.keyboard.press('Tab');
    }
  }
  // Out of snippet mode, and back to the top (the last tab stop may be far down, or end a long line scrolled to
  // the right); the third line shows the names the mirrors carried.
  await s.page.keyboard.press('Escape');
  await s.page.keyboard.press('Control+Home');
  await waitForEditorText(s.page, firstLines[2] ?? firstLines[0] ?? '');
  const shown = await visibleEditorLines(s.page);
  await screenshot(s, `${shot}-accepted`);
  assert.deepEqual(shown.slice(0, firstLines.length), firstLines);
  // The whole file is exactly the snippet with every default accepted.
  await saveActiveEditor(s.page, file);
  assert.equal(readFileSync(file, 'utf8'), expected);
}

/** The tab stops of a snippet body in the order Tab visits them ($0 left out), and whether each is a choice. */
export function tabStops(body: string | string[]): { index: number; choice: boolean }[] {
  const stops = new Map<number, boolean>();
  const visit = (nodes: ReturnType<typeof parseSnippet>): void => {
    for (const node of nodes) {
      if (node.kind === 'choice') stops.set(node.index, true);
      if (node.kind === 'tabstop' && !stops.has(node.index)) stops.set(node.index, false);
      if (node.kind === 'tabstop' && node.children) visit(node.children);
    }
  };
  visit(parseSnippet(Array.isArray(body) ? body.join('\n') : body));
  return [...stops].filter(([index]) => index > 0).sort(([a], [b]) => a - b).map(([index, choice]) => ({ index, choice }));
}
