// The decoders append the text between escapes a run at a time: each unit of a run still maps to its own source
// unit, and the units an escape or a line ending decodes to map to all of it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DecodedText } from '../../src/core/text/decoded-text';
import { decodeGoString } from '../../src/core/text/go-string';
import { decodePythonString } from '../../src/core/text/python-string';
import { decodeRustString } from '../../src/core/text/rust-string';
import { decodeTsString } from '../../src/core/text/ts-string';

const maps = (d: DecodedText) => ({ text: d.text, starts: d.starts, ends: d.ends });

describe('verbatim runs between escapes', () => {
  it('Rust: runs around an escape, a CRLF (one "\\n") and a lone CR', () => {
    assert.deepEqual(maps(decodeRustString('"ab\\ncd\r\nef\rg"', 100)), {
      text: 'ab\ncd\nef\rg',
      starts: [101, 102, 103, 105, 106, 107, 109, 110, 111, 112],
      ends: [102, 103, 105, 106, 107, 109, 110, 111, 112, 113],
    });
  });

  it('TypeScript: runs around an escape', () => {
    assert.deepEqual(maps(decodeTsString('"ab\\tcd ef"', 0)), { text: 'ab\tcd ef', starts: [1, 2, 3, 5, 6, 7, 8, 9], ends: [2, 3, 5, 6, 7, 8, 9, 10] });
  });

  it('Go: a raw string drops its carriage returns, an interpreted one maps its escape', () => {
    assert.deepEqual(maps(decodeGoString('`a\r\nb\rc`', 0)), { text: 'a\nbc', starts: [1, 3, 4, 6], ends: [2, 4, 5, 7] });
    assert.deepEqual(maps(decodeGoString('"x\\ty"', 0)), { text: 'x\ty', starts: [1, 2, 4], ends: [2, 4, 5] });
  });

  it('Python: a raw string keeps its backslashes and reads a CRLF as "\\n"; an ordinary one maps its escape', () => {
    assert.deepEqual(maps(decodePythonString('r"a\\b\r\nc"', 0).decoded), { text: 'a\\b\nc', starts: [2, 3, 4, 5, 7], ends: [3, 4, 5, 7, 8] });
    assert.deepEqual(maps(decodePythonString('"a\\nb"', 0).decoded), { text: 'a\nb', starts: [1, 2, 4], ends: [2, 4, 5] });
  });
});
