// Shared helpers for core tests: read fixtures and compute expected positions straight from the text.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const root = join(__dirname, '..', '..');
export const fixture = (...parts: string[]) => join(root, 'test', 'fixtures', ...parts);
export const readFixture = (...parts: string[]) => readFileSync(fixture(...parts), 'utf8');

/** The 1-based line and column of the first occurrence of `needle` (after `from`) in `text`, plus `shift`. */
export function positionOf(text: string, needle: string, shift = 0, from = 0): { line: number; column: number } {
  const index = text.indexOf(needle, from);
  if (index < 0) throw new Error(`fixture does not contain ${JSON.stringify(needle)}`);
  const before = text.slice(0, index + shift);
  const line = before.split('\n').length;
  return { line, column: before.length - before.lastIndexOf('\n') };
}
