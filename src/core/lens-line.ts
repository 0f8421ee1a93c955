// Where a declaration's code lens goes: above the whole item as a reader sees it. A Rust tool or prompt method is
// read from its `fn`, but its `#[tool(…)]` / `#[prompt(…)]` attribute (often over several lines) and its `///` doc
// comment belong to it; a lens between the attribute and the `fn` would split the item. Python decorators and
// TypeScript / Go calls already start where the item does.
import type { SourceLanguage } from './model';

/** The line a lens for a declaration starting at `line` goes on: the first of its attributes and doc comments. */
export function lensLine(text: string, language: SourceLanguage, line: number): number {
  if (language !== 'rust') return line;
  const lines = text.split('\n', line + 1);
  let first = line;
  for (let i = line - 1; i >= 0; i--) {
    const trimmed = lines[i]!.trim();
    if (trimmed.startsWith('///') || trimmed.startsWith('#[')) {
      first = i;
      continue;
    }
    // The last line of an attribute written over several lines: the item starts at its `#[`.
    if (trimmed.endsWith(']')) {
      const open = attributeStart(lines, i);
      if (open === undefined) break;
      first = i = open;
      continue;
    }
    break;
  }
  return first;
}

/** The line of the `#[` that an attribute ending on line `end` opened on, if the brackets between agree. */
function attributeStart(lines: readonly string[], end: number): number | undefined {
  let depth = 0;
  for (let i = end; i >= 0; i--) {
    const text = lines[i]!;
    for (let c = text.length - 1; c >= 0; c--) {
      if (text[c] === ']') depth++;
      else if (text[c] === '[') {
        depth--;
        if (depth === 0) return text.trimStart().startsWith('#[') && text.slice(0, c).trim() === '#' ? i : undefined;
      }
    }
  }
  return undefined;
}
