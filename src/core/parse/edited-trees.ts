// The last syntax tree of each open document, kept so the next reading of it is an incremental parse: an editor's
// content changes are applied to the tree (`tree.edit`) and the parser reuses what the edit did not touch.
// Offsets and columns are UTF-16 code units, as in LSP and tree-sitter's JS binding.
import type { SyntaxTree } from './tree-sitter';

/** An editor's content change: a range of the text before it and the text put there (no range: the whole text). */
export interface ContentChange {
  range?: { start: { line: number; character: number }; end: { line: number; character: number } };
  text: string;
}

/** What an extractor is given to parse incrementally: the edited old tree, and where to hand its new tree. */
export interface IncrementalParse {
  /** Asked just before the parse: the text may have been edited again while the extractor awaited something. */
  oldTree(): SyntaxTree | undefined;
  /** Takes the new tree over (the extractor does not delete it). */
  keep(tree: SyntaxTree): void;
}

interface Kept {
  tree: SyntaxTree | undefined;
  /** The text the tree now stands for (its parse text with every edit since applied). */
  text: string | undefined;
}

function offsetAt(text: string, p: { line: number; character: number }): number {
  let offset = 0;
  for (let line = 0; line < p.line; line++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  const end = text.indexOf('\n', offset);
  return Math.min(offset + p.character, end < 0 ? text.length : end);
}

function pointAt(text: string, offset: number): { row: number; column: number } {
  let row = 0;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    row++;
    start = i + 1;
  }
  return { row, column: offset - start };
}

export class EditedTrees {
  private readonly kept = new Map<string, Kept>();

  /** Keeps trees for a file from now on (an opened document). */
  track(file: string): void {
    if (!this.kept.has(file)) this.kept.set(file, { tree: undefined, text: undefined });
  }

  /** Drops a file's tree (a closed document). */
  untrack(file: string): void {
    this.kept.get(file)?.tree?.delete();
    this.kept.delete(file);
  }

  /** Applies an editor's changes, in order, to the file's tree; a change without a range drops it. */
  applyChanges(file: string, changes: readonly ContentChange[]): void {
    const kept = this.kept.get(file);
    if (!kept?.tree || kept.text === undefined) return;
    for (const change of changes) {
      if (!change.range || kept.text === undefined) {
        this.forget(kept);
        return;
      }
      const text: string = kept.text;
      const start = offsetAt(text, change.range.start);
      const oldEnd = Math.max(start, offsetAt(text, change.range.end));
      const next = text.slice(0, start) + change.text + text.slice(oldEnd);
      kept.tree!.edit({ startIndex: start, oldEndIndex: oldEnd, newEndIndex: start + change.text.length, startPosition: pointAt(text, start), oldEndPosition: pointAt(text, oldEnd), newEndPosition: pointAt(next, start + change.text.length) });
      kept.text = next;
    }
  }

  /** The incremental parse of a tracked file's text: its edited tree when that stands for this very text. */
  forFile(file: string, text: string): IncrementalParse | undefined {
    const kept = this.kept.get(file);
    if (!kept) return undefined;
    return {
      oldTree: () => (this.kept.get(file) === kept && kept.text === text ? kept.tree : undefined),
      keep: (tree) => {
        if (this.kept.get(file) !== kept) return tree.delete();
        if (kept.tree !== tree) kept.tree?.delete();
        kept.tree = tree;
        kept.text = text;
      },
    };
  }

  private forget(kept: Kept): void {
    kept.tree?.delete();
    kept.tree = undefined;
    kept.text = undefined;
  }
}
