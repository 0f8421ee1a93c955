// Makes web-tree-sitter's nodes cheaper to build and to read. loadRuntime loads its JavaScript runtime (the
// tree-sitter.js @vscode/tree-sitter-wasm ships) with one change to how it makes nodes; fastHeapAccess (applied
// once the runtime's module exists) shortens how every node method copies a node into wasm memory and back.
// The node change: every node the runtime hands out is a `Node` whose wasm handle is the element `[0]`: an object
// with an element gets an elements store of its own, and storing it is a slow keyed store, so building a node
// took about 200 ns where a named property takes a few (measured: 2 million nodes in 380-460 ms against 8-90 ms).
// An extraction makes a node for every node it looks at (a full check of the 2,000-file benchmark makes
// millions), and the `[0]` stores were about a tenth of its time. The change keeps the handle in a named
// property; the runtime reads it in one place (marshalNode), which is changed with it.
//
// The patch is applied only when every piece of text it changes is found exactly once, so a new version of the
// runtime that moves them loads unchanged (and a test that holds `patched` true fails, to say so).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { compileFunction } from 'node:vm';

/** Each change: the exact text of the runtime, and what it becomes. */
export const RUNTIME_PATCHES: readonly { what: string; from: string; to: string }[] = [
  {
    what: "Node's handle field",
    from: '  /** @internal */\n  // @ts-expect-error: never read\n  [0] = 0;\n  // Internal handle for Wasm\n  /** @internal */\n  _children;',
    to: '  /** @internal */\n  _children;',
  },
  {
    what: "Node's constructor storing the handle",
    from: '    assertInternal(internal);\n    this[0] = other;\n    this.id = id;',
    to: '    assertInternal(internal);\n    this._handle = other;\n    this.id = id;',
  },
  {
    what: 'marshalNode reading the handle',
    from: '  C.setValue(address, node[0], "i32");',
    to: '  C.setValue(address, node._handle, "i32");',
  },
  // A function compiled from text may not `import()` (Node 20 allows it only through an experimental option
  // that prints a warning), so the runtime's two dynamic imports of Node's own modules become requires (through
  // a name of their own: the function that imports node:module declares a `var require` of its own).
  { what: 'the import of node:module', from: 'await import("module")', to: '__runtimeRequire("module")' },
  { what: 'the import of node:fs/promises', from: 'await import("fs/promises")', to: '__runtimeRequire("fs/promises")' },
];

const occurrences = (text: string, piece: string): number => {
  let n = 0;
  for (let at = text.indexOf(piece); at !== -1; at = text.indexOf(piece, at + piece.length)) n++;
  return n;
};

/** The runtime's text with every patch applied, or unchanged (`patched: false`) if any is not found exactly once. */
export function patchRuntime(source: string): { text: string; patched: boolean } {
  if (!RUNTIME_PATCHES.every((p) => occurrences(source, p.from) === 1)) return { text: source, patched: false };
  return { text: RUNTIME_PATCHES.reduce((text, p) => text.replace(p.from, () => p.to), source), patched: true };
}

/**
 * Evaluates the runtime file's patched text as the CommonJS module it is, and returns its exports; a runtime the
 * patch does not fit is required as it is.
 */
export function loadRuntime<T>(file: string): { exports: T; patched: boolean } {
  const { text, patched } = patchRuntime(readFileSync(file, 'utf8'));
  const require = createRequire(file);
  if (!patched) return { exports: require(file) as T, patched };
  const module = { exports: {} as T };
  const run = compileFunction(text, ['exports', 'require', 'module', '__filename', '__dirname', '__runtimeRequire'], { filename: file });
  run.call(module.exports, module.exports, require, module, file, dirname(file), require);
  return { exports: module.exports, patched };
}

/**
 * The parts of the Emscripten module web-tree-sitter builds that `fastHeapAccess` replaces. `Parser.init` makes
 * the options object it is given into that module, so they are reachable after it.
 */
export interface EmscriptenModule {
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
