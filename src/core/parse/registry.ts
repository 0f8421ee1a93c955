// The languages the checker reads, and per language the frameworks it runs, as rules/index.ts lists the rules. A
// language is a folder of parse/ with an extractor (parse, run the frameworks over one file state, finish); a
// framework is a reader in that folder. Adding a framework touches its folder and this list; adding a language, a
// new folder and one entry here.
import type { FileModel, SourceLanguage } from '../model';
import type { IncrementalParse } from './edited-trees';
import type { ModuleReader } from './typescript/imports';
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

/** A language as the registry lists it: which files, which words, and its extractor with its frameworks. */
export interface Language<F = never> {
  language: SourceLanguage;
  /** The file names read as this language. */
  files: RegExp;
  /**
   * Words without which a file declares nothing this language's frameworks read, so it is not parsed at all (most
   * files of a real workspace). A test checks that every fixture with items has one.
   */
  declaringWords: RegExp;
  frameworks: readonly Framework<F>[];
  /** Parses a file, runs the frameworks over one file state, and finishes the model (mentions, problems). */
  extract(file: string, text: string, options: ExtractOptions, frameworks: readonly Framework<F>[]): Promise<FileModel>;
}

/** Keeps a language's file state type between its frameworks and its extractor. */
function language<F>(entry: Language<F>): Language<F> {
  return entry;
}

/** Every language, in the order a file name is matched. */
export const LANGUAGES = [
  // Rust: builders from `Prompt…`/`Tool…`/`…Workflow` constructors and `Server::builder()`/`ServerBuilder`
  // registrations, `#[mcp_tool]`/`#[mcp_prompt]`, and rmcp's `#[tool_router]`/`#[prompt_router]`, its handler's
  // `list_resources`/`list_resource_templates` and instructions.
  language({
    language: 'rust',
    files: /\.rs$/,
    declaringWords: /Prompt|Tool|Workflow|Server::builder|ServerBuilder|mcp_tool|mcp_prompt|tool_router|prompt_router|list_resource|instructions/,
    frameworks: [
      { name: 'builders (seed, rmcp model types, pmcp)', read: readBuilders },
      { name: 'pmcp attributes', read: readAttributes },
      { name: 'rmcp', read: readRmcpServers },
      { name: 'rmcp resources', read: readRmcpResources },
    ],
    extract: extractRust,
  }),
  // TypeScript: `.registerTool`/`.registerPrompt`/`.registerResource`/`.tool`/`.prompt`/`.resource` calls, fastmcp's
  // `.addTool`/`.addPrompt`/`.addResource…`, `inputSchema`/`arguments` members (low-level servers), and a server's
  // `instructions`.
  language({
    language: 'typescript',
    files: /(?<!\.d)\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/,
    declaringWords: /registerTool|registerPrompt|registerResource|addTool|addPrompt|addResource|\.\s*(?:tool|prompt|resource)\b|inputSchema|arguments|instructions/,
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
  // Python: `.tool`/`.prompt`/`.resource` decorators and calls, standalone `@tool`/`@prompt`, `add_tool`/`add_prompt`,
  // the low-level `Tool(`/`Prompt(` types, and a server's `instructions=`.
  language({
    language: 'python',
    files: /\.pyi?$/,
    declaringWords: /\.(?:tool|prompt|resource|add_tool|add_prompt)\b|@(?:tool|prompt)\b|\b(?:Tool|Prompt)\(|\binstructions\s*=/,
    frameworks: [
      { name: 'FastMCP (fastmcp, mcp.server.fastmcp)', read: readFastMcpPy },
      { name: 'mcp low-level server', read: readLowLevelPy },
    ],
    extract: extractPython,
  }),
  // Go: mcp-go's `NewTool`/`NewPrompt`, `AddTool`/`AddPrompt`/`AddResource`/`AddResourceTemplate` (both SDKs),
  // go-sdk `mcp.Tool{`/`mcp.Prompt{`, and a server's `WithInstructions(…)` / `Instructions:`.
  language({
    language: 'go',
    files: /\.go$/,
    declaringWords: /\bNew(?:Tool|Prompt)\b|\bAdd(?:Tool|Prompt|Resource|ResourceTemplate)\b|\.(?:Tool|Prompt)\s*\{|Instructions\b/,
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

/** The language a file is read as, or undefined for files the checker does not read. */
export function languageOfFile(file: string): SourceLanguage | undefined {
  return LANGUAGES.find((l) => l.files.test(file))?.language;
}

/** Reads a file as a language with every framework the registry lists for it (no declaring-words shortcut). */
export function extractAs(language: SourceLanguage, file: string, text: string, options: ExtractOptions = {}): Promise<FileModel> {
  const entry: Language<unknown> = languageEntry(language) as Language<unknown>;
  return entry.extract(file, text, options, entry.frameworks);
}
