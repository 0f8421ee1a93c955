// Reads one source file into a FileModel, choosing the extractor by file name. Bad bytes and broken source
// become problems on the model, never exceptions.
import type { FileModel, SourceLanguage } from './model';
import { extractRust } from './parse/rust/extractor';
import { extractTypeScript } from './parse/typescript/mcp-sdk';
import type { IncrementalParse } from './parse/edited-trees';
import type { ModuleReader } from './parse/typescript/imports';
import { extractPython } from './parse/python';
import { extractGo } from './parse/go';

const LANGUAGES: [RegExp, SourceLanguage][] = [
  [/\.rs$/, 'rust'],
  [/(?<!\.d)\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/, 'typescript'],
  [/\.pyi?$/, 'python'],
  [/\.go$/, 'go'],
];

/** The language a file is read as, or undefined for files the checker does not read. */
export function languageOf(file: string): SourceLanguage | undefined {
  return LANGUAGES.find(([re]) => re.test(file))?.[1];
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

/**
 * Words without which a file declares nothing the extractors read, so it is not parsed at all (most files of a
 * real workspace). Each extractor starts only from these: Rust from `Prompt…`/`Tool…`/`…Workflow` constructors,
 * `Server::builder()`/`ServerBuilder` registrations, `#[mcp_tool]`/`#[mcp_prompt]` and rmcp's `#[tool_router]`/
 * `#[prompt_router]`; TypeScript from `.registerTool`/`.registerPrompt`/`.tool`/`.prompt` calls, fastmcp's
 * `.addTool`/`.addPrompt`, and `inputSchema`/`arguments` members (low-level servers); Python from `.tool`/`.prompt`
 * decorators and calls, standalone `@tool`/`@prompt`, `add_tool`/`add_prompt`, and the low-level `Tool(`/`Prompt(`
 * types; Go from mcp-go's `NewTool`/`NewPrompt`, `AddTool`/`AddPrompt` (both SDKs) and go-sdk `mcp.Tool{`/`mcp.Prompt{` literals. A test checks that every fixture with items has one.
 */
export const DECLARING_WORDS: Record<SourceLanguage, RegExp> = {
  rust: /Prompt|Tool|Workflow|Server::builder|ServerBuilder|mcp_tool|mcp_prompt|tool_router|prompt_router/,
  typescript: /registerTool|registerPrompt|addTool|addPrompt|\.\s*(?:tool|prompt)\b|inputSchema|arguments/,
  python: /\.(?:tool|prompt|add_tool|add_prompt)\b|@(?:tool|prompt)\b|\b(?:Tool|Prompt)\(/,
  go: /\bNew(?:Tool|Prompt)\b|\bAdd(?:Tool|Prompt)\b|\.(?:Tool|Prompt)\s*\{/,
};

export interface ExtractOptions {
  /** Read Rust `#[cfg(test)]` modules too. */
  includeTests?: boolean;
  /** Reads a sibling module a TypeScript file imports from (its prompt texts may be written there). */
  readModule?: ModuleReader;
  /** An open document's last tree, edited, for an incremental parse (see parse/edited-trees.ts). */
  incremental?: IncrementalParse | undefined;
}

/** Extracts prompts and tools from a file's text; Rust `#[cfg(test)]` modules are left out unless asked for. */
export function extractFile(file: string, text: string, options: ExtractOptions = {}): Promise<FileModel> {
  const language = languageOf(file) ?? 'typescript';
  if (!DECLARING_WORDS[language].test(text)) return Promise.resolve({ file, language, prompts: [], tools: [], problems: [] });
  if (language === 'rust') return extractRust(file, text, options);
  if (language === 'python') return extractPython(file, text);
  if (language === 'go') return extractGo(file, text);
  return extractTypeScript(file, text, options.readModule, options.incremental);
}
