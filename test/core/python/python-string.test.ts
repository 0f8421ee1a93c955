import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sourceRange } from '../../../src/core/text/decoded-text';
import { decodePythonString, decodePythonStrings } from '../../../src/core/text/python-string';

const sourceOf = (src: string, d: { text: string; starts: number[]; ends: number[] }, from: number, to: number) => {
  const [s, e] = sourceRange(d, from, to);
  return src.slice(s, e);
};

describe('Python string decoding', () => {
  it('decodes escapes and maps each unit back to its escape', () => {
    const src = String.raw`"a\n\"b\" \x41 \u00e9 \101 \q"`;
    const { decoded } = decodePythonString(src, 0);
    assert.equal(decoded.text, 'a\n"b" A é A \\q');
    assert.equal(sourceOf(src, decoded, 1, 2), String.raw`\n`);
    assert.equal(sourceOf(src, decoded, decoded.text.indexOf('é'), decoded.text.indexOf('é') + 1), String.raw`\u00e9`);
    assert.equal(sourceOf(src, decoded, decoded.text.length - 2, decoded.text.length), String.raw`\q`);
  });

  it('reads raw and triple-quoted strings verbatim, a CRLF as one newline', () => {
    assert.equal(decodePythonString(String.raw`r'\d+ {x}'`, 0).decoded.text, String.raw`\d+ {x}`);
    const triple = decodePythonString('"""one\r\ntwo "quoted" {{x}}"""', 5);
    assert.equal(triple.decoded.text, 'one\ntwo "quoted" {{x}}');
    assert.equal(sourceOf('     """one\r\ntwo', triple.decoded, 3, 4), '\r\n');
    assert.equal(triple.opening, '"""');
  });

  it('drops a backslash-newline inside a literal', () => {
    assert.equal(decodePythonString('"""\\\n  text"""', 0).decoded.text, '  text');
  });

  it('makes f-string fields holes at the expression, kept as written, and {{ }} single braces', () => {
    const src = 'f"Review {customer_id!r:>10} and {{literal}} {total = }{ data["k"] }"';
    const s = decodePythonString(src, 100);
    assert.equal(s.decoded.text, 'Review {customer_id!r:>10} and {literal} {total = }{ data["k"] }');
    assert.deepEqual(s.holes.map((h) => h.expression), ['customer_id', 'total', 'data["k"]']);
    const first = s.holes[0]!;
    assert.equal(src.slice(first.expressionStart - 100, first.expressionEnd - 100), 'customer_id');
    assert.equal(first.at, 'Review '.length);
    const brace = s.decoded.text.indexOf('{literal');
    assert.equal(sourceOf(' '.repeat(100) + src, s.decoded, brace, brace + 1), '{{');
    assert.equal(sourceOf(' '.repeat(100) + src, s.decoded, 7, 26), '{customer_id!r:>10}');
  });

  it('joins implicitly concatenated literals, shifting holes into place', () => {
    const joined = decodePythonStrings([{ text: '"Call "', start: 0 }, { text: 'f"{tool} now"', start: 8 }]);
    assert.equal(joined.decoded.text, 'Call {tool} now');
    assert.equal(joined.holes[0]?.at, 5);
    assert.equal(joined.holes[0]?.expressionStart, 11);
    assert.ok(joined.formatted);
  });
});
