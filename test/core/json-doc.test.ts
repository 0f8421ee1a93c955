// A json! body that is strict JSON is read by json-doc's own scan, which must accept exactly what JSON.parse
// accepts and give what jsonc-parser gives for it (values in null-prototype objects, every member's location,
// later duplicate keys winning). Random documents (keys with `~` and `/`, `__proto__`, escapes, numbers of every
// form, duplicates, random whitespace) and random mutations of them (the characters that make text almost JSON:
// a leading zero, a bare dot, `+`, a control character, a bad escape, a trailing comma, a comment, a non-breaking
// space) are read both ways. The PRNG is seeded (JSON_DOC_SEED to change it), so a failure names its text.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseJsonDoc, parseJsoncDoc, readStrictJson } from '../../src/core/json/json-doc';
import { SourceContext } from '../../src/core/source-context';
import { prng } from '../support/prng';

const SEED = Number(process.env['JSON_DOC_SEED'] ?? 20261203);
const BASE = 5;

const KEYS = ['type', 'properties', 'a/b', 'x~y', '~1', '__proto__', 'constructor', 'dup', 'dup', 'é', 'tab\\tkey', 'q\\"uote', '\\u00e9', ''];
const STRINGS = ['', 'plain', 'with \\"quotes\\"', 'back\\\\slash', 'sol\\/idus', 'nl\\n and \\r\\t\\b\\f', '\\ud83d\\ude00', '\\u0041BC', 'émoji 😀', '\\ud800 lone'];
const NUMBERS = ['0', '-0', '7', '-12', '3.25', '-0.5', '1e3', '2E-2', '6.02e+23', '10', '123456789012345678901234567890'];
const SPACE = ['', ' ', '\n', '\r\n', '\t', '  \n    '];

function generate(random: () => number, depth = 0): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const ws = () => pick(SPACE);
  const kind = depth > 3 ? random() * 0.6 : random();
  if (kind < 0.15) return `"${pick(STRINGS)}"`;
  if (kind < 0.3) return pick(NUMBERS);
  if (kind < 0.4) return pick(['true', 'false', 'null']);
  if (kind < 0.6) {
    const n = Math.floor(random() * 4);
    return `[${ws()}${Array.from({ length: n }, () => `${generate(random, depth + 1)}${ws()}`).join(`,${ws()}`)}]`;
  }
  const n = Math.floor(random() * 5);
  return `{${ws()}${Array.from({ length: n }, () => `"${pick(KEYS)}"${ws()}:${ws()}${generate(random, depth + 1)}${ws()}`).join(`,${ws()}`)}}`;
}

const BREAKERS = [',', ']', '}', '0', '.', '+', '-', 'e', '\u0001', '\\', '\\x', '\\u12', 'x', ' ', '\u00a0', '/* c */', '// c\n', '"', ':', 'tru', 'nul', '[', '{'];

function mutate(text: string, random: () => number): string {
  const at = Math.floor(random() * (text.length + 1));
  const kind = random();
  if (kind < 0.35) return text.slice(0, at) + text.slice(at + 1);
  if (kind < 0.85) return text.slice(0, at) + BREAKERS[Math.floor(random() * BREAKERS.length)]! + text.slice(at);
  return text.slice(0, at) + BREAKERS[Math.floor(random() * BREAKERS.length)]! + text.slice(at + 1);
}

const isStrictJson = (text: string): boolean => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

describe('json-doc', () => {
  it('reads strict JSON itself exactly when JSON.parse accepts it, as jsonc-parser reads it', () => {
    const random = prng(SEED);
    let strict = 0;
    let other = 0;
    for (let n = 0; n < 4000; n++) {
      const doc = generate(random);
      for (const text of [doc, mutate(doc, random), mutate(mutate(doc, random), random)]) {
        const ctx = new SourceContext('schema.rs', `${' '.repeat(BASE)}${text}\n`);
        const fast = readStrictJson(text, BASE, ctx);
        assert.equal(!!fast, isStrictJson(text), `accepted ${JSON.stringify(text)} (seed ${SEED})`);
        if (fast) {
          strict++;
          assert.deepStrictEqual(fast, parseJsoncDoc(text, BASE, ctx), `read ${JSON.stringify(text)} (seed ${SEED})`);
        } else other++;
        assert.deepStrictEqual(parseJsonDoc(text, BASE, ctx), fast ?? parseJsoncDoc(text, BASE, ctx));
      }
    }
    // Both kinds were met often enough for the comparison to mean something.
    assert.ok(strict > 3000 && other > 3000, `${strict} strict, ${other} not`);
  });

  it('gives members null-prototype objects and their key and value locations', () => {
    const text = '{ "properties": { "__proto__": { "type": "string" }, "a/b": [1, 2] } }';
    const ctx = new SourceContext('schema.rs', text);
    const doc = readStrictJson(text, 0, ctx)!;
    const properties = (doc.value as Record<string, Record<string, unknown>>)['properties']!;
    assert.equal(Object.getPrototypeOf(properties), null);
    assert.deepEqual(Object.keys(properties), ['__proto__', 'a/b']);
    assert.equal('constructor' in properties, false);
    const at = doc.locations['/properties/a~1b/1']!;
    assert.equal(text.slice(at.value.start, at.value.end), '2');
    const key = doc.locations['/properties/__proto__']!.key!;
    assert.equal(text.slice(key.start, key.end), '"__proto__"');
  });
});
