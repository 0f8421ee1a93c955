// Files without any word an extractor starts from are not parsed. The shortcut must never lose an item: over
// every fixture, example and the core's own test sources, extraction with it finds exactly what the extractors
// find without it.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DECLARING_WORDS, extractFile, languageOf } from '../../src/core/extract';
import { extractAs } from '../../src/core/parse/registry';
import { root } from './helpers';

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'target') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sources(path, out);
    else if (languageOf(path)) out.push(path);
  }
  return out;
}

test('the shortcut finds every item the extractors find, in every fixture and example', async () => {
  const files = [...sources(join(root, 'test', 'fixtures')), ...sources(join(root, 'examples')), ...sources(join(root, 'src', 'core'))];
  let skipped = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const full = await extractAs(languageOf(file)!, file, text);
    const quick = await extractFile(file, text);
    const names = (m: typeof full) => [...m.tools.map((t) => `tool ${t.name}`), ...m.prompts.map((p) => `prompt ${p.name}`)];
    assert.deepEqual(names(quick), names(full), file);
    if (!DECLARING_WORDS[languageOf(file)!].test(text)) skipped++;
  }
  // The comparison must cover both kinds of file: ones with items and ones the shortcut skips.
  assert.ok(skipped > 10, `only ${skipped} of ${files.length} files were skipped`);
});

test('a file without declaring words is not parsed: its syntax errors are not reported', async () => {
  const broken = 'export function add(a: number, b: number) { return a + ; }\n';
  const rust = 'fn main() { let x = ; }\n';
  assert.deepEqual((await extractFile('/ws/util.ts', broken)).problems, []);
  assert.deepEqual((await extractFile('/ws/main.rs', rust)).problems, []);
  // With a declaring word the file is parsed, and the same error is reported.
  assert.notDeepEqual((await extractFile('/ws/server.ts', `server.registerTool('t', {}, h);\n${broken}`)).problems, []);
});
