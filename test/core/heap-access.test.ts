// web-tree-sitter copies a node into wasm memory and back through its module's generic setValue/getValue on every
// node method; parse/tree-sitter.ts gives the i32 case a direct path after a round trip through the original
// accessors agrees with it. These tests hold that it is applied to the real runtime (an upgrade that moves the
// accessors would silently lose it), that nodes read through it are the ones the runtime's own walk gives, and
// that a module whose accessors disagree is left as it was.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fastHeapAccess, heapAccessFast, loadGrammars, parseSource } from '../../src/core/parse/tree-sitter';

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

describe('fast heap access for web-tree-sitter', () => {
  it('is applied to the loaded runtime', async () => {
    await loadGrammars();
    assert.equal(heapAccessFast, true);
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
