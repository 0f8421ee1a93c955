// Reads one source file into a FileModel, looking its language up in the registry (parse/registry.ts) by file
// name. Bad bytes and broken source become problems on the model, never exceptions. The registry (every parser and
// extractor) is loaded on the first file that is parsed: what only lists, decodes and hashes files loads none of it.
import type { FileModel, SourceLanguage } from './model';
import { LANGUAGE_FILES, languageOfFile } from './parse/languages';
import type * as Registry from './parse/registry';
import type { ExtractOptions } from './parse/registry';

export type { ExtractOptions };

/** The language a file is read as, or undefined for files the checker does not read. */
export function languageOf(file: string): SourceLanguage | undefined {
  return languageOfFile(file);
}

/**
 * Decodes file bytes as UTF-8; binary (NUL bytes) and invalid UTF-8 are refused with a reason. The decoder drops
 * a byte order mark, as editors do, so offsets and content hashes are the ones an editor sees.
 */
export function decodeSource(bytes: Uint8Array): { text: string } | { skipped: string } {
  if (bytes.includes(0)) return { skipped: 'binary file (contains NUL bytes)' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { skipped: 'not valid UTF-8' };
  }
}

/** Per language, the words without which a file is not parsed at all (each language's `declaringWords`). */
export const DECLARING_WORDS = Object.fromEntries(Object.values(LANGUAGE_FILES).map((l) => [l.language, l.declaringWords])) as Record<SourceLanguage, RegExp>;

let registry: typeof Registry | undefined;

/** Extracts prompts and tools from a file's text; Rust `#[cfg(test)]` modules are left out unless asked for. */
export function extractFile(file: string, text: string, options: ExtractOptions = {}): Promise<FileModel> {
  const language = languageOf(file) ?? 'typescript';
  if (!DECLARING_WORDS[language].test(text)) return Promise.resolve({ file, language, prompts: [], tools: [], problems: [] });
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on the first parse (see the header)
  registry ??= require('./parse/registry') as typeof Registry;
  return registry.extractAs(language, file, text, options);
}
