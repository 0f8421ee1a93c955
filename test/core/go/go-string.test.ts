import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sourceRange } from '../../../src/core/text/decoded-text';
import { decodeGoString, goFormatVerbs } from '../../../src/core/text/go-string';

const sourceOf = (src: string, d: { text: string; starts: number[]; ends: number[] }, from: number, to: number) => {
  const [s, e] = sourceRange(d, from, to);
  return src.slice(s, e);
};

describe('Go string decoding', () => {
  it('decodes an interpreted string\'s escapes and maps each unit back to its escape', () => {
    const src = String.raw`"a\n\"b\" \x41 \u00e9 \101 \U0001F600 \\"`;
    const d = decodeGoString(src, 0);
    assert.equal(d.text, 'a\n"b" A é A \u{1F600} \\');
    assert.equal(sourceOf(src, d, 1, 2), String.raw`\n`);
    const e = d.text.indexOf('é');
    assert.equal(sourceOf(src, d, e, e + 1), String.raw`\u00e9`);
    const emoji = d.text.indexOf('\u{1F600}');
    assert.equal(sourceOf(src, d, emoji, emoji + 2), String.raw`\U0001F600`);
  });

  it('reads a raw string verbatim (backslashes and braces kept), dropping carriage returns as the compiler does', () => {
    const src = '`one \\n {{x}}\r\ntwo`';
    const d = decodeGoString(src, 10);
    assert.equal(d.text, 'one \\n {{x}}\ntwo');
    assert.equal(sourceOf('          ' + src, d, d.text.indexOf('two'), d.text.indexOf('two') + 3), 'two');
  });

  it('finds fmt verbs with the operand each prints: flags, widths, %%, explicit indexes and * widths', () => {
    const verbs = goFormatVerbs('%s has %d%% of %-10q, %[1]v again, %*d and %.2f');
    assert.deepEqual(verbs.map((v) => [v.text, v.operand]), [['%s', 0], ['%d', 1], ['%-10q', 2], ['%[1]v', 0], ['%*d', 2], ['%.2f', 3]]);
  });
});
