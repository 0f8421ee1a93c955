// The model store's compact form: every fixture's model comes back as the same JSON, key order included, and it is
// smaller; values that look like the compact form's tags go through unchanged.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { nodeHost } from '../../src/core/node-host';
import { WorkspaceIndex } from '../../src/core/workspace';
import { decodeModel, encodeModel } from '../../src/cli/model-codec';
import { repoRoot } from './run-cli';

const roundTrip = (value: unknown) => decodeModel(JSON.parse(JSON.stringify(encodeModel(value))));

describe('the model store codec', () => {
  it('gives back every fixture model as it was, in well under its JSON size', async () => {
    const index = new WorkspaceIndex({ includeTests: true });
    await index.addPaths(nodeHost, [join(repoRoot, 'test', 'fixtures')]);
    const models = index.models();
    assert.ok(models.length > 100);
    // Resources and templates go through too (their URIs' offset maps, their parameters' spans).
    assert.ok(models.some((m) => m.resources?.some((r) => r.template && r.uriParameters?.length)), 'a fixture with resource templates');
    // Servers' instructions go through too (the TypeScript, Python, Go and Rust fixtures have them).
    assert.ok(models.filter((m) => m.instructions?.length).length >= 4);
    let plain = 0;
    let compact = 0;
    for (const model of models) {
      const json = JSON.stringify(model);
      assert.equal(JSON.stringify(roundTrip(model)), json, model.file);
      plain += json.length;
      compact += JSON.stringify(encodeModel(model)).length;
    }
    assert.ok(compact < plain * 0.7, `${compact} of ${plain}`);
  });

  it('keeps values that only look like its own forms', () => {
    const values: unknown[] = [
      { '\u0000i': [1, 2, 3] },
      { '\u0000s': [1, 2, 0, 1, 0, 2] },
      { '\u0000o': { a: 1 } },
      { a: { '\u0000x': null, b: [1, 2] } },
      JSON.parse('{"__proto__": {"polluted": true}, "x": 1}'),
      { start: 1, end: 2, range: { start: { line: 0, character: 1 }, end: { line: 0, character: 2 } }, extra: true },
      { end: 2, start: 1, range: { start: { line: 0, character: 1 }, end: { line: 0, character: 2 } } },
      { start: 1.5, end: 2, range: { start: { line: 0, character: 1 }, end: { line: 0, character: 2 } } },
      [0, 1, 2, 3, 4, 5, 6, 7, 9, 11, 13, -4, -4, -4, 1e15, 1e15 + 1],
      [0, 1, 2, 3, 4, 5, 6, 7.5, 8],
      [1, 2, 3, 4, 5, 6, 7, '8'],
      ['a', null, true, 0, -0, 1.25, 'é\u0000'],
    ];
    for (const value of values) assert.equal(JSON.stringify(roundTrip(value)), JSON.stringify(value), JSON.stringify(value));
    const proto = roundTrip(values[4]) as Record<string, unknown>;
    assert.ok(Object.hasOwn(proto, '__proto__'));
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
  });
});
