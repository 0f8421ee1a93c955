// Loads the tree-sitter runtime and the Rust, TypeScript, Python and Go grammars from @vscode/tree-sitter-wasm once per
// process. The bundles carry the runtime's tree-sitter.js (as tree-sitter-runtime.js) and the .wasm files beside
// them (scripts/build.mjs); from sources they come from node_modules.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type * as TS from '@vscode/tree-sitter-wasm';
import { fastHeapAccess, loadRuntime, type EmscriptenModule } from './runtime';

/** The JavaScript runtime: beside the bundle (scripts/build.mjs copies it there), or the installed package's. */
function locateRuntime(): string {
  const beside = join(__dirname, 'tree-sitter-runtime.js');
  return existsSync(beside) ? beside : require.resolve('@vscode/tree-sitter-wasm');
}

// Loaded through parse/runtime.ts, which makes its nodes cheaper to build and to read (see there).
const runtime = loadRuntime<typeof TS>(locateRuntime());
const treeSitter = runtime.exports;
/** Whether the runtime's node patch took (for the test that notices when an upgrade of the runtime defeats it). */
export const runtimePatched = runtime.patched;

export type SyntaxNode = TS.Node;
export type SyntaxTree = TS.Tree;
export type GrammarName = 'rust' | 'typescript' | 'tsx' | 'python' | 'go';

/** Where the .wasm files are: beside the bundle, or in the installed package. */
function locateWasm(file: string): string {
  const beside = join(__dirname, file);
  if (existsSync(beside)) return beside;
  return require.resolve(`@vscode/tree-sitter-wasm/wasm/${file}`);
}

interface Parsers {
  parsers: Map<GrammarName, TS.Parser>;
}

let loading: Promise<Parsers> | undefined;

/** The grammar each loaded language is, so a tree says which grammar parsed it. */
const grammars = new Map<TS.Language, GrammarName>();

/** The grammar a tree was parsed with (undefined only for a tree of a language not loaded here). */
export function grammarOf(tree: SyntaxTree): GrammarName | undefined {
  return grammars.get(tree.language);
}

/** Whether `fastHeapAccess` took (for the test that notices when an upgrade of the runtime defeats it). */
export let heapAccessFast = false;

async function load(): Promise<Parsers> {
  const module: EmscriptenModule & { locateFile: (file: string) => string } = { locateFile: (file: string) => locateWasm(file) };
  await treeSitter.Parser.init(module);
  heapAccessFast = fastHeapAccess(module);
  const parsers = new Map<GrammarName, TS.Parser>();
  for (const name of ['rust', 'typescript', 'tsx', 'python', 'go'] as const) {
    const language = await treeSitter.Language.load(locateWasm(`tree-sitter-${name}.wasm`));
    const parser = new treeSitter.Parser();
    parser.setLanguage(language);
    parsers.set(name, parser);
    grammars.set(language, name);
  }
  return { parsers };
}

/** Loads the runtime and grammars (once); every parse function awaits this first. */
export function loadGrammars(): Promise<Parsers> {
  loading ??= load().then((p) => {
    loaded = p;
    return p;
  });
  return loading;
}

let loaded: Parsers | undefined;

/** Parses source text with the named grammar. The caller must `tree.delete()` when done. */
export async function parseSource(grammar: GrammarName, text: string): Promise<SyntaxTree> {
  const { parsers } = await loadGrammars();
  const parser = parsers.get(grammar);
  if (!parser) throw new Error(`no tree-sitter grammar "${grammar}"`);
  const tree = parser.parse(text);
  if (!tree) throw new Error(`tree-sitter returned no tree for a ${grammar} source`);
  return tree;
}



/** Parses synchronously; only valid after `loadGrammars()` resolved (every extractor awaits it first). */
export function parseLoaded(grammar: GrammarName, text: string, includedRanges?: TS.Range[], oldTree?: SyntaxTree): SyntaxTree {
  const parser = loaded?.parsers.get(grammar);
  if (!parser) throw new Error('tree-sitter grammars are not loaded yet: await loadGrammars() first');
  const tree = parser.parse(text, oldTree ?? null, includedRanges ? { includedRanges } : undefined);
  if (!tree) throw new Error(`tree-sitter returned no tree for a ${grammar} source`);
  return tree;
}
