// Shared helpers for core tests: read fixtures and compute expected positions straight from the text.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkspaceHost } from '../../src/core/workspace';

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

/** A host over files in memory, as the language server's open documents are. */
export function memoryHost(files: Record<string, string>): WorkspaceHost {
  return {
    readFile: async (path) => {
      const text = files[path];
      if (text === undefined) throw new Error(`ENOENT: ${path}`);
      return new TextEncoder().encode(text);
    },
    listFiles: async (path) => Object.keys(files).filter((f) => f === path || f.startsWith(`${path}/`)),
  };
}
