// Bad input never crashes the checker: 2,000 random mutations (deleted, inserted and swapped characters) of the
// fixture servers, Rust, TypeScript, Python and Go, each extracted and checked. Every run must end without an
// exception or an "internal error" diagnostic, with every range (diagnostics, related locations, fix edits) inside
// the file.
// The PRNG is seeded (FUZZ_SEED to change it), so a failure names the mutation that reproduces it.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { checkWorkspace } from '../../src/core/check';
import type { Range } from '../../src/core/diagnostic';
import { extractFile, languageOf } from '../../src/core/extract';
import { fixture, root } from './helpers';
import { prng } from '../support/prng';

const MUTATIONS = 2000;
const SEED = Number(process.env['FUZZ_SEED'] ?? 20260524);


function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'target' ? [] : sourceFiles(path);
    return languageOf(path) ? [path] : [];
  });
}

// Characters that break the structures the extractors read: quotes, braces, escapes, macro and template syntax,
// line breaks of every kind, and characters outside the BMP (surrogate pairs) or lone surrogates.
const INSERTS = ['"""', 'f"', '@mcp.tool(', 'Field(description=', '`json:"', 'mcp.WithString(', '"', "'", '`', '{', '}', '{{', '}}', '(', ')', '[', ']', '\\', '#', '!', ',', ';', ':', '\n', '\r', '\r\n', '\t', ' ', 'r#"', '${', '/*', '*/', '//', 'é', '😀', '\ud800', 'json!(', '.description(', 'x'];

function mutate(text: string, random: () => number): string {
  let out = text;
  const edits = 1 + Math.floor(random() * 6);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(random() * (out.length + 1));
    const kind = random();
    if (kind < 0.4) out = out.slice(0, at) + out.slice(at + 1 + Math.floor(random() * 12));
    else if (kind < 0.8) out = out.slice(0, at) + INSERTS[Math.floor(random() * INSERTS.length)]! + out.slice(at);
    else {
      const other = Math.floor(random() * out.length);
      const [a, b] = [Math.min(at, other), Math.max(at, other)];
      if (b < out.length && a < b) out = out.slice(0, a) + out[b] + out.slice(a + 1, b) + out[a] + out.slice(b + 1);
    }
  }
  return out;
}

function assertInside(range: Range, lines: string[], what: string): void {
  for (const p of [range.start, range.end]) {
    assert.ok(Number.isInteger(p.line) && p.line >= 0 && p.line < lines.length, `${what}: line ${p.line} outside ${lines.length} lines`);
    assert.ok(Number.isInteger(p.character) && p.character >= 0 && p.character <= lines[p.line]!.length, `${what}: character ${p.character} outside line ${p.line} (length ${lines[p.line]!.length})`);
  }
  const ordered = range.start.line < range.end.line || (range.start.line === range.end.line && range.start.character <= range.end.character);
  assert.ok(ordered, `${what}: range ends before it starts`);
}

describe('fuzz: mutated fixtures never crash the checker', () => {
  const files = [...sourceFiles(fixture('rust')), ...sourceFiles(fixture('ts')), ...sourceFiles(fixture('python')), ...sourceFiles(fixture('go')), ...sourceFiles(fixture('rules'))].sort();
  const texts = files.map((f) => readFileSync(f, 'utf8'));

  it(`${MUTATIONS} mutations (seed ${SEED}) end with in-file ranges and no exception`, async () => {
    const random = prng(SEED);
    let diagnosticsSeen = 0;
    for (let n = 0; n < MUTATIONS; n++) {
      const index = Math.floor(random() * files.length);
      const file = files[index]!;
      const text = mutate(texts[index]!, random);
      const where = `mutation ${n} of ${relative(root, file)} (FUZZ_SEED=${SEED})`;
      let diagnostics;
      try {
        diagnostics = checkWorkspace([await extractFile(file, text)]);
      } catch (error) {
        assert.fail(`${where} threw: ${(error as Error).stack}`);
      }
      // A line break is \r\n, \n or a lone \r, as in the editor.
      const lines = text.split(/\r\n|\r|\n/);
      for (const d of diagnostics) {
        assert.ok(!d.message.startsWith('internal error'), `${where}: ${d.message}`);
        assert.equal(d.file, file, `${where}: a diagnostic for another file`);
        assertInside(d.range, lines, `${where}: ${d.ruleId}`);
        for (const r of d.related ?? []) assertInside(r.range, lines, `${where}: related of ${d.ruleId}`);
        for (const e of (d.fixes ?? []).flatMap((f) => f.edits)) assertInside(e.range, lines, `${where}: fix of ${d.ruleId}`);
      }
      diagnosticsSeen += diagnostics.length;
    }
    // Mutations that only ever produced clean files would test nothing.
    assert.ok(diagnosticsSeen > MUTATIONS, `only ${diagnosticsSeen} diagnostics over ${MUTATIONS} mutations`);
  });
});
