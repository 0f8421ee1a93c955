// Line starts and positions of a text: `\n`, `\r\n` and a lone `\r` each end a line, as in LSP; a text with no
// `\r` takes a faster path that must give the same starts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LineIndex } from '../../src/core/text/line-index';

describe('line index', () => {
  it('starts a line after each \\n, \\r\\n and lone \\r', () => {
    assert.deepEqual(new LineIndex('').lineStarts, [0]);
    assert.deepEqual(new LineIndex('a\nbc\n\nd').lineStarts, [0, 2, 5, 6]);
    assert.deepEqual(new LineIndex('a\nb\n').lineStarts, [0, 2, 4]);
    assert.deepEqual(new LineIndex('\n\n').lineStarts, [0, 1, 2]);
    assert.deepEqual(new LineIndex('a\r\nbc\r\n').lineStarts, [0, 3, 7]);
    assert.deepEqual(new LineIndex('a\rb\r\nc\nd').lineStarts, [0, 2, 5, 7]);
  });

  it('converts offsets and positions both ways, clamped', () => {
    const lines = new LineIndex('let a = 1;\n  b();\n');
    assert.deepEqual(lines.positionAt(13), { line: 1, character: 2 });
    assert.equal(lines.offsetAt({ line: 1, character: 2 }), 13);
    assert.deepEqual(lines.positionAt(99), { line: 2, character: 0 });
    assert.equal(lines.offsetAt({ line: 0, character: 99 }), 11);
  });
});
