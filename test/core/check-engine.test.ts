// The incremental check engine gives what a full check gives: on the fixture workspaces as read, and after each of
// a seeded sequence of random edits (inserts of names, quotes, braces; deletions; replacements) to their files.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { checkWorkspace } from '../../src/core/check';
import { CheckEngine } from '../../src/core/check-engine';
import type { Diagnostic } from '../../src/core/diagnostic';
import { nodeHost } from '../../src/core/node-host';
import { createProjectResolver } from '../../src/core/project';
import { createRevisionResolver } from '../../src/core/protocol-revision';
import { WorkspaceIndex } from '../../src/core/workspace';
import { prng } from '../support/prng';

const fixtures = join(__dirname, '..', 'fixtures');
const SEED = Number(process.env['FUZZ_SEED'] ?? 17);
const PIECES = ['"', '`', '{{', '}}', '{{customer_id}}', 'order_history', 'orders_1', 'customer_id', ' ', '\n', 'x', 'ID from order_history output', 'RATE_LIMITED', ',', ')', 'Use `sales_top_customers`'];

function byFile(list: Diagnostic[]): Map<string, string> {
  const out = new Map<string, Diagnostic[]>();
  for (const d of list) out.set(d.file, [...(out.get(d.file) ?? []), d]);
  return new Map([...out].map(([f, ds]) => [f, JSON.stringify(ds)]));
}

function engineByFile(engine: CheckEngine): Map<string, string> {
  return new Map([...engine.files()].map((f) => [f, JSON.stringify(engine.diagnosticsOf(f))]));
}

async function setUp(): Promise<{ index: WorkspaceIndex; engine: CheckEngine; full: () => Map<string, string>; texts: Map<string, string> }> {
  const index = new WorkspaceIndex();
  await index.addPaths(nodeHost, [join(fixtures, 'rust'), join(fixtures, 'ts')]);
  const projectOf = createProjectResolver();
  const revisionOf = createRevisionResolver(projectOf, undefined);
  const engine = new CheckEngine({ projectOf, revisionOf });
  const texts = new Map<string, string>();
  for (const m of index.models()) texts.set(m.file, new TextDecoder().decode(await nodeHost.readFile(m.file)));
  return { index, engine, texts, full: () => byFile(checkWorkspace(index.models(), { projectOf, revisionOf })) };
}

function randomEdit(text: string, random: () => number): string {
  const at = Math.floor(random() * (text.length + 1));
  const kind = random();
  const piece = PIECES[Math.floor(random() * PIECES.length)]!;
  if (kind < 0.45) return text.slice(0, at) + piece + text.slice(at);
  const length = Math.floor(random() * 12);
  if (kind < 0.8) return text.slice(0, at) + text.slice(at + length);
  return text.slice(0, at) + piece + text.slice(at + length);
}

describe('incremental check engine', () => {
  it('equals a full check of the fixtures as read', async () => {
    const { index, engine, full } = await setUp();
    engine.run(index.allModels());
    assert.deepEqual(engineByFile(engine), full());
  });

  it(`equals a full check after each of 150 random edits (FUZZ_SEED=${SEED})`, async () => {
    const { index, engine, full, texts } = await setUp();
    // A second engine is told which files the index read again (as the language server tells it), not shown all.
    const told = new CheckEngine({ projectOf: createProjectResolver(), revisionOf: createRevisionResolver(createProjectResolver(), undefined) });
    engine.run(index.allModels());
    told.run(index.modelsByFile(), index.takeChanged());
    const random = prng(SEED);
    const files = [...texts.keys()].sort();
    let removed: string | undefined;
    for (let step = 0; step < 150; step++) {
      const file = files[Math.floor(random() * files.length)]!;
      // Now and then a file goes (and comes back at the next such step), as a deletion on disk does.
      if (step % 10 === 9) {
        if (removed) await index.update(removed, texts.get(removed)!);
        else await index.remove(file);
        removed = removed ? undefined : file;
      } else if (file !== removed) {
        const text = randomEdit(texts.get(file)!, random);
        texts.set(file, text);
        await index.update(file, text);
      }
      engine.run(index.allModels());
      told.run(index.modelsByFile(), index.takeChanged());
      const expected = full();
      assert.deepEqual(engineByFile(engine), expected, `after edit ${step} of ${file}`);
      assert.deepEqual(engineByFile(told), expected, `after edit ${step} of ${file}, told what changed`);
    }
  });
});
