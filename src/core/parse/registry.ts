// The languages the checker reads, and per language the frameworks it runs, as rules/index.ts lists the rules. A
// language is a folder of parse/ with an extractor (parse, run the frameworks over one file state, finish); a
// framework is a reader in that folder. Adding a framework touches its folder and this list; adding a language, a
// new folder and one entry here.
import type { FileModel, SourceLanguage } from '../model';
import type { IncrementalParse } from './edited-trees';
import type { ModuleReader } from './typescript/imports';
import { LANGUAGE_FILES, type LanguageFiles } from './languages';
import { extractTypeScript } from './typescript';
import { readSdk } from './typescript/mcp-sdk';
import { readLowLevelPrompts, readLowLevelTools } from './typescript/lowlevel';
import { readFastMcp as readFastMcpTs } from './typescript/fastmcp';
import { readFastMcpResources as readFastMcpResourcesTs, readSdkResources } from './typescript/resources';
import { extractRust } from './rust';
import { readBuilders } from './rust/extractor';
import { readAttributes } from './rust/pmcp-attributes';
import { readRmcpServers } from './rust/rmcp';
import { readRmcpResources } from './rust/resources';
import { extractPython } from './python';
import { readFastMcp as readFastMcpPy } from './python/fastmcp';
import { readLowLevel as readLowLevelPy } from './python/lowlevel';
import { extractGo } from './go';
import { readMcpGo } from './go/mcp-go';
import { readGoSdk } from './go/go-sdk';
import { readGoSdkResources, readMcpGoResources } from './go/resources';

export interface ExtractOptions {
  /** Read Rust `#[cfg(test)]` modules too. */
  includeTests?: boolean;
  /** Reads a sibling module a TypeScript file imports from (its prompt texts may be written there). */
  readModule?: ModuleReader;
  /** An open document's last tree, edited, for an incremental parse (see parse/edited-trees.ts). */
  incremental?: IncrementalParse | undefined;
  /** The other source files listed in a file's folder (a Go package's files), read through `readModule`. */
  siblings?: (file: string) => readonly string[];
}

/** One framework's reader: adds what it declares to the file state's model. Frameworks run in the order listed; a
 * later one may look at what an earlier one read (the low-level TS reader skips tools the SDK reader found). */
export interface Framework<F> {
  name: string;
  read(file: F): void;
}

/** A language as the registry lists it: which files, which words (languages.ts), and its extractor with its frameworks. */
export interface Language<F = never> extends LanguageFiles {
  frameworks: readonly Framework<F>[];
  /** Parses a file, runs the frameworks over one file state, and finishes the model (mentions, problems). */
  extract(file: string, text: string, options: ExtractOptions, frameworks: readonly Framework<F>[]): Promise<FileModel>;
}

/** Keeps a language's file state type between its frameworks and its extractor. */
function language<F>(entry: Language<F>): Language<F> {
  return entry;
}

/** Every language with its frameworks (languages.ts says which files each is and the words it starts from). */
export const LANGUAGES = [
  language({
    ...LANGUAGE_FILES.rust,
    frameworks: [
      { name: 'builders (seed, rmcp model types, pmcp)', read: readBuilders },
      { name: 'pmcp attributes', read: readAttributes },
      { name: 'rmcp', read: readRmcpServers },
      { name: 'rmcp resources', read: readRmcpResources },
    ],
    extract: extractRust,
  }),
  language({
    ...LANGUAGE_FILES.typescript,
    frameworks: [
      { name: '@modelcontextprotocol/sdk', read: readSdk },
      { name: '@modelcontextprotocol/sdk resources', read: readSdkResources },
      { name: 'sdk low-level tools', read: readLowLevelTools },
      { name: 'sdk low-level prompts', read: readLowLevelPrompts },
      { name: 'fastmcp', read: readFastMcpTs },
      { name: 'fastmcp resources', read: readFastMcpResourcesTs },
    ],
    extract: extractTypeScript,
  }),
  language({
    ...LANGUAGE_FILES.python,
    frameworks: [
      { name: 'FastMCP (fastmcp, mcp.server.fastmcp)', read: readFastMcpPy },
      { name: 'mcp low-level server', read: readLowLevelPy },
    ],
    extract: extractPython,
  }),
  language({
    ...LANGUAGE_FILES.go,
    frameworks: [
      { name: 'mark3labs/mcp-go', read: readMcpGo },
      { name: 'mark3labs/mcp-go resources', read: readMcpGoResources },
      { name: 'modelcontextprotocol/go-sdk', read: readGoSdk },
      { name: 'modelcontextprotocol/go-sdk resources', read: readGoSdkResources },
    ],
    extract: extractGo,
  }),
] as const;

type AnyLanguage = (typeof LANGUAGES)[number];

/** The registry's entry for a language. */
export function languageEntry(language: SourceLanguage): AnyLanguage {
  return LANGUAGES.find((l) => l.language === language)!;
}

/** Reads a file as a language with every framework the registry lists for it (no declaring-words shortcut). */
export function extractAs(language: SourceLanguage, file: string, text: string, options: ExtractOptions = {}): Promise<FileModel> {
  const entry: Language<unknown> = languageEntry(language) as Language<unknown>;
  return entry.extract(file, text, options, entry.frameworks);
}
