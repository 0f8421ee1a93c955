import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { joinDecoded, sourceRange } from '../../src/core/text/decoded-text';
import { decodeRustString } from '../../src/core/text/rust-string';
import { decodeTsString } from '../../src/core/text/ts-string';

/** The source text a decoded range came from. */
function sourceOf(source: string, decoded: ReturnType<typeof decodeRustString>, from: number, to: number): string {
  const [s, e] = sourceRange(decoded, from, to);
  return source.slice(s, e);
}

describe('Rust string decoding', () => {
  it('decodes escapes and maps each unit back to its escape', () => {
    const src = String.raw`"a\n\"b\" \u{1F600} \x41"`;
    const d = decodeRustString(src, 0);
    assert.equal(d.text, 'a\n"b" 😀 A');
    assert.equal(sourceOf(src, d, 1, 2), String.raw`\n`);
    assert.equal(sourceOf(src, d, d.text.indexOf('😀'), d.text.indexOf('😀') + 2), String.raw`\u{1F600}`);
  });

  it('drops a line continuation and the next line\'s leading white space', () => {
    const src = '"one\\n\\\n        two {{x}}"';
    const d = decodeRustString(src, 10);
    assert.equal(d.text, 'one\ntwo {{x}}');
    const at = d.text.indexOf('{{x}}');
    const [s] = sourceRange(d, at, at + 5);
    assert.equal(src.slice(s - 10, s - 10 + 5), '{{x}}');
  });

  it('reads raw strings verbatim', () => {
    const src = 'r#"say "hi" \\n"#';
    const d = decodeRustString(src, 0);
    assert.equal(d.text, 'say "hi" \\n');
    assert.equal(sourceOf(src, d, 0, 3), 'say');
  });
});

describe('TypeScript string decoding', () => {
  it('decodes quotes and escapes', () => {
    const src = String.raw`'it\'s \u0041\tok'`;
    const d = decodeTsString(src, 0);
    assert.equal(d.text, "it's A\tok");
    assert.equal(sourceOf(src, d, 2, 3), String.raw`\'`);
  });

  it('joins parts with a separator mapped to its source', () => {
    const a = decodeTsString('"a"', 0);
    const b = decodeTsString('"b"', 10);
    const joined = joinDecoded([a, b], '\n', [5, 9]);
    assert.equal(joined.text, 'a\nb');
    assert.deepEqual(sourceRange(joined, 2, 3), [11, 12]);
    assert.deepEqual(sourceRange(joined, 1, 2), [5, 9]);
  });
});
