// Reads the snippet files the extension contributes, so every test works from what ships.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One snippet from a contributed snippets file. */
export interface Snippet {
  name: string;
  prefix: string;
  description: string;
  body: string[];
}

export type SnippetLanguage = 'rust' | 'typescript';

export const REPO_ROOT = join(__dirname, '..', '..');

/** Loads snippets/<language>.json in file order. */
export function loadSnippets(language: SnippetLanguage): Snippet[] {
  const file = join(REPO_ROOT, 'snippets', `${language}.json`);
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Omit<Snippet, 'name'>>;
  return Object.entries(raw).map(([name, snippet]) => ({ name, ...snippet }));
}
