// Reads one source file into a FileModel, choosing the extractor by file name. Bad bytes and broken source
// become problems on the model, never exceptions.
import type { FileModel, SourceLanguage } from './model';
import { extractRust } from './parse/rust';
import { extractTypeScript } from './parse/typescript';

const LANGUAGES: [RegExp, SourceLanguage][] = [
  [/\.rs$/, 'rust'],
  [/(?<!\.d)\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/, 'typescript'],
];

/** The language a file is read as, or undefined for files the checker does not read. */
export function languageOf(file: string): SourceLanguage | undefined {
  return LANGUAGES.find(([re]) => re.test(file))?.[1];
}

/** Decodes file bytes as UTF-8; binary (NUL bytes) and invalid UTF-8 are refused with a reason. */
export function decodeSource(bytes: Uint8Array): { text: string } | { skipped: string } {
  if (bytes.includes(0)) return { skipped: 'binary file (contains NUL bytes)' };
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text: text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text };
  } catch {
    return { skipped: 'not valid UTF-8' };
  }
}

/** Extracts prompts and tools from a file's text. */
export function extractFile(file: string, text: string): Promise<FileModel> {
  const language = languageOf(file);
  if (language === 'rust') return extractRust(file, text);
  return extractTypeScript(file, text);
}
