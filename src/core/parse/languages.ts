// Which files each language is, and the words without which a file of it is not parsed: the part of the registry
// (registry.ts) that needs no parser, so what only lists and hashes files (the CLI's cached check) loads no
// extractor. registry.ts adds each language's frameworks and extractor to these entries.
import type { SourceLanguage } from '../model';

export interface LanguageFiles {
  language: SourceLanguage;
  /** The file names read as this language. */
  files: RegExp;
  /**
   * Words without which a file declares nothing this language's frameworks read, so it is not parsed at all (most
   * files of a real workspace). A test checks that every fixture with items has one.
   */
  declaringWords: RegExp;
}

/** Every language, in the order a file name is matched. */
export const LANGUAGE_FILES = {
  // Rust: builders from `Prompt…`/`Tool…`/`…Workflow` constructors and `Server::builder()`/`ServerBuilder`
  // registrations, `#[mcp_tool]`/`#[mcp_prompt]`, and rmcp's `#[tool_router]`/`#[prompt_router]`, its handler's
  // `list_resources`/`list_resource_templates` and instructions.
  rust: {
    language: 'rust',
    files: /\.rs$/,
    declaringWords: /Prompt|Tool|Workflow|Server::builder|ServerBuilder|mcp_tool|mcp_prompt|tool_router|prompt_router|list_resource|instructions/,
  },
  // TypeScript: `.registerTool`/`.registerPrompt`/`.registerResource`/`.tool`/`.prompt`/`.resource` calls, fastmcp's
  // `.addTool`/`.addPrompt`/`.addResource…`, `inputSchema`/`arguments` members (low-level servers), and a server's
  // `instructions`.
  typescript: {
    language: 'typescript',
    files: /(?<!\.d)\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/,
    declaringWords: /registerTool|registerPrompt|registerResource|addTool|addPrompt|addResource|\.\s*(?:tool|prompt|resource)\b|inputSchema|arguments|instructions/,
  },
  // Python: `.tool`/`.prompt`/`.resource` decorators and calls, standalone `@tool`/`@prompt`, `add_tool`/`add_prompt`,
  // the low-level `Tool(`/`Prompt(` types, and a server's `instructions=`.
  python: {
    language: 'python',
    files: /\.pyi?$/,
    declaringWords: /\.(?:tool|prompt|resource|add_tool|add_prompt)\b|@(?:tool|prompt)\b|\b(?:Tool|Prompt)\(|\binstructions\s*=/,
  },
  // Go: mcp-go's `NewTool`/`NewPrompt`, `AddTool`/`AddPrompt`/`AddResource`/`AddResourceTemplate` (both SDKs),
  // go-sdk `mcp.Tool{`/`mcp.Prompt{`, and a server's `WithInstructions(…)` / `Instructions:`.
  go: {
    language: 'go',
    files: /\.go$/,
    declaringWords: /\bNew(?:Tool|Prompt)\b|\bAdd(?:Tool|Prompt|Resource|ResourceTemplate)\b|\.(?:Tool|Prompt)\s*\{|Instructions\b/,
  },
} as const satisfies Record<SourceLanguage, LanguageFiles>;

const ORDER: readonly LanguageFiles[] = [LANGUAGE_FILES.rust, LANGUAGE_FILES.typescript, LANGUAGE_FILES.python, LANGUAGE_FILES.go];

/** The language a file is read as, or undefined for files the checker does not read. */
export function languageOfFile(file: string): SourceLanguage | undefined {
  return ORDER.find((l) => l.files.test(file))?.language;
}
