// Where a declaration starts for a reader, for the lenses above it: every lens of an item ("Call tool",
// "Get prompt", "Draft workflow file") stands on that one line, over a Rust item's doc comment and attributes.
import type { Position, Range } from 'vscode-languageserver/node';
import { lensLine } from '../core/lens-line';
import type { Session } from './session';

/** The first position of the item a declaration's range belongs to (its first attribute or doc comment line). */
export function itemStart(session: Session, file: string, range: Range): Position {
  const model = session.index.get(file);
  const line = model ? lensLine(session.index.text(file) ?? '', model.language, range.start.line) : range.start.line;
  return line === range.start.line ? range.start : { line, character: 0 };
}
