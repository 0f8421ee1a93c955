// Loads the tree-sitter runtime and the Rust, TypeScript, Python and Go grammars from @vscode/tree-sitter-wasm once per
// process. The bundles carry the runtime's tree-sitter.js (as tree-sitter-runtime.js) and the .wasm files beside
// them (scripts/build.mjs); from sources they come from node_modules.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type * as TS from '@vscode/tree-sitter-wasm';

import { loadRuntime } from './runtime';

/** The JavaScript runtime: beside the bundle (scripts/build.mjs copies it there), or the installed package's. */
function locateRuntime(): string {
  const beside = join(__dirname, 'tree-sitter-runtime.js');
  return existsSync(beside) ? beside : require.resolve('@vscode/tree-sitter-wasm');
}

// Loaded through parse/runtime.ts, which makes its nodes cheaper to build (see there).
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

/**
 * The parts of the Emscripten module web-tree-sitter builds that `fastHeapAccess` replaces. `Parser.init` makes
 * the options object it is given into that module, so they are reachable after it.
 */
interface EmscriptenModule {
  setValue?: (ptr: number, value: number, type?: string) => void;
  getValue?: (ptr: number, type?: string) => number;
  HEAP32?: Int32Array;
  _malloc?: (bytes: number) => number;
  _free?: (ptr: number) => void;
}

/**
 * Every node method of web-tree-sitter copies the node into wasm memory and back through the module's generic
 * `setValue`/`getValue`, which test their type argument as a string (`type.endsWith("*")`, a switch) and go
 * through a DataView, five times each way per call: about a tenth of a full check. On a little-endian machine an
 * i32 cell is the same through an Int32Array, so the i32 case gets a direct path and every other type the
 * original. It is applied only after a round trip through the original accessors agrees with it; otherwise the
 * module is left as it was. Returns whether it was applied.
 */
export function fastHeapAccess(module: EmscriptenModule): boolean {
  const { setValue, getValue, _malloc, _free } = module;
  if (typeof setValue !== 'function' || typeof getValue !== 'function' || typeof _malloc !== 'function' || typeof _free !== 'function') return false;
  if (!(module.HEAP32 instanceof Int32Array) || new Uint8Array(new Uint32Array([1]).buffer)[0] !== 1) return false;
  const fastSet = (ptr: number, value: number, type = 'i8'): void => {
    if (type === 'i32') (module.HEAP32 as Int32Array)[ptr >> 2] = value;
    else setValue(ptr, value, type);
  };
  const fastGet = (ptr: number, type = 'i8'): number => (type === 'i32' ? (module.HEAP32 as Int32Array)[ptr >> 2]! : getValue(ptr, type));
  const cell = _malloc(8);
  try {
    for (const value of [0x12345678, -2, 0]) {
      fastSet(cell, value, 'i32');
      if (getValue(cell, 'i32') !== value || fastGet(cell, 'i32') !== value) return false;
      setValue(cell + 4, value, 'i32');
      if (fastGet(cell + 4, 'i32') !== value) return false;
    }
  } finally {
    _free(cell);
  }
  module.setValue = fastSet;
  module.getValue = fastGet;
  return true;
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
