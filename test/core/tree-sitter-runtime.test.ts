// Two changes make web-tree-sitter's nodes cheaper. parse/runtime.ts loads its JavaScript with nodes that keep
// their wasm handle in a named property instead of the element [0]; parse/tree-sitter.ts gives the i32 case of
// the module's setValue/getValue (through which every node method copies a node into wasm memory and back) a
// direct path once a round trip through the original accessors agrees with it. These tests hold that both are
// applied to the installed runtime (an upgrade that moves what they change would silently lose them), that nodes
// read through them are the ones the runtime's own walk gives, and that what does not fit is left as it was.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fastHeapAccess, patchRuntime, RUNTIME_PATCHES } from '../../src/core/parse/runtime';
import { heapAccessFast, loadGrammars, parseSource, runtimePatched } from '../../src/core/parse/tree-sitter';

/** A module of 64 bytes of memory whose getValue reads through a DataView as Emscripten's does, off by `skew`. */
function fakeModule(skew: number) {
  const buffer = new ArrayBuffer(64);
  const view = new DataView(buffer);
  let next = 8;
  const calls: string[] = [];
  const module = {
    HEAP32: new Int32Array(buffer),
    setValue: (ptr: number, value: number, type = 'i8') => {
      calls.push(`set ${type}`);
      if (type === 'i32') view.setInt32(ptr, value, true);
      else view.setInt8(ptr, value);
    },
    getValue: (ptr: number, type = 'i8') => {
      calls.push(`get ${type}`);
      return (type === 'i32' ? view.getInt32(ptr, true) : view.getInt8(ptr)) + skew;
    },
    _malloc: (bytes: number) => {
      const at = next;
      next += bytes;
      return at;
    },
    _free: () => undefined,
  };
  return { module, calls };
}

describe('the tree-sitter runtime', () => {
  it('is loaded patched, with fast heap access', async () => {
    await loadGrammars();
    assert.equal(runtimePatched, true);
    assert.equal(heapAccessFast, true);
    const tree = await parseSource('rust', 'fn main() { run(1); }');
    try {
      const call = tree.rootNode.descendantsOfType('call_expression')[0]!;
      assert.equal(Object.hasOwn(call, 0), false, 'a node has no element');
      assert.equal(typeof (call as unknown as { _handle: unknown })._handle, 'number');
      assert.equal(call.childForFieldName('function')?.text, 'run');
    } finally {
      tree.delete();
    }
  });

  it('patches the installed runtime text in every place, or not at all', () => {
    const source = readFileSync(require.resolve('@vscode/tree-sitter-wasm'), 'utf8');
    const { text, patched } = patchRuntime(source);
    assert.equal(patched, true);
    assert.doesNotMatch(text, /this\[0\] = other|node\[0\]|await import\(/);
    for (const p of RUNTIME_PATCHES) assert.ok(text.includes(p.to), p.what);
    // One piece missing, or found twice: the text is left whole.
    const missing = source.replace(RUNTIME_PATCHES[1]!.from, '');
    assert.deepEqual(patchRuntime(missing), { text: missing, patched: false });
    const twice = `${source}\n${RUNTIME_PATCHES[2]!.from}`;
    assert.deepEqual(patchRuntime(twice), { text: twice, patched: false });
  });

  it('reads nodes as the runtime walk does', async () => {
    const text = 'const server = new McpServer({ name: "x", version: "1" });\nserver.registerTool("add", { description: "Adds" }, async () => ({ content: [] }));\n';
    const tree = await parseSource('typescript', text);
    try {
      // The cursor walk reads the tree inside wasm; the node methods read it through the marshalled copies.
      const walked: string[] = [];
      const cursor = tree.walk();
      for (;;) {
        walked.push(`${cursor.nodeType}@${cursor.startIndex}-${cursor.endIndex}`);
        if (cursor.gotoFirstChild()) continue;
        while (!cursor.gotoNextSibling()) if (!cursor.gotoParent()) break;
        if (cursor.currentNode.id === tree.rootNode.id) break;
      }
      cursor.delete();
      const read: string[] = [];
      const visit = (n: NonNullable<ReturnType<typeof tree.rootNode.child>>) => {
        read.push(`${n.type}@${n.startIndex}-${n.endIndex}`);
        for (const c of n.children) if (c) visit(c);
      };
      visit(tree.rootNode);
      assert.deepEqual(read, walked);
      const call = tree.rootNode.descendantsOfType('call_expression').find((n) => n?.text.startsWith('server.registerTool'));
      assert.equal(call?.childForFieldName('function')?.text, 'server.registerTool');
      assert.equal(call?.parent?.type, 'expression_statement');
    } finally {
      tree.delete();
    }
  });

  it('takes over only the i32 case', () => {
    const { module, calls } = fakeModule(0);
    const original = { set: module.setValue, get: module.getValue };
    assert.equal(fastHeapAccess(module), true);
    assert.notEqual(module.setValue, original.set);
    calls.length = 0;
    module.setValue(16, -7, 'i32');
    assert.equal(module.getValue(16, 'i32'), -7);
    assert.equal(module.HEAP32[4], -7);
    assert.deepEqual(calls, []);
    module.setValue(40, 5, 'i8');
    assert.equal(module.getValue(40, 'i8'), 5);
    assert.deepEqual(calls, ['set i8', 'get i8']);
  });

  it('leaves a module whose accessors disagree with its heap as it was', () => {
    const { module } = fakeModule(1);
    const original = { set: module.setValue, get: module.getValue };
    assert.equal(fastHeapAccess(module), false);
    assert.equal(module.setValue, original.set);
    assert.equal(module.getValue, original.get);
    const { module: noHeap } = fakeModule(0);
    assert.equal(fastHeapAccess({ ...noHeap, HEAP32: undefined }), false);
  });
});
