// tools/overlapping compares only candidate pairs (one verb group and noun, or a shared rare word in the prefix
// filter of a set-similarity join): on random servers whose tools reuse a small vocabulary, so that near-identical
// descriptions and synonym names are common, it must find exactly the pairs a comparison of every pair finds.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ToolDef } from '../../../src/core/model';
import { candidatePairs, overlap, toolFacts } from '../../../src/core/rules/tools-overlapping';

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

const VERBS = ['get', 'fetch', 'list', 'search', 'find', 'create', 'add', 'delete', 'remove', 'run', 'sync'];
const NOUNS = ['customer', 'order', 'ticket', 'metric', 'invoice'];
const WORDS = ['returns', 'customer', 'orders', 'tickets', 'account', 'revenue', 'history', 'region', 'status', 'latest', 'open', 'closed', 'quarter', 'summary', 'identifier', 'page',
  'warehouse', 'stock', 'shipment', 'carrier', 'refund', 'payment', 'balance', 'currency', 'segment', 'cohort', 'churn', 'forecast', 'budget', 'vendor', 'contract', 'renewal'];

function tools(rnd: () => number, n: number): ToolDef[] {
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const base = Array.from({ length: 6 + Math.floor(rnd() * 20) }, () => pick(WORDS));
  return Array.from({ length: n }, (_, i) => {
    const words = rnd() < 0.5 ? base.map((w) => (rnd() < 0.04 ? pick(WORDS) : w)) : Array.from({ length: 3 + Math.floor(rnd() * 6) }, () => pick(WORDS));
    return { name: `${pick(VERBS)}_${pick(NOUNS)}${rnd() < 0.3 ? `_${i}` : ''}`, description: { value: words.join(' ') } } as unknown as ToolDef;
  });
}

test('candidate pairs find every overlapping pair that comparing all pairs finds', () => {
  const rnd = random(20261202);
  let found = 0;
  for (let round = 0; round < 200; round++) {
    const ts = tools(rnd, 2 + Math.floor(rnd() * 30));
    const facts = toolFacts(ts);
    const all = new Set<string>();
    facts.forEach((b, j) => facts.slice(0, j).forEach((a) => { const why = overlap(a, b); if (why) all.add(`${a.tool.name}|${b.tool.name}|${why}`); }));
    const fast = new Set(candidatePairs(ts).flatMap(([a, b]) => { const why = overlap(a, b); return why ? [`${a.tool.name}|${b.tool.name}|${why}`] : []; }));
    assert.deepEqual([...fast].sort(), [...all].sort(), `round ${round}`);
    found += all.size;
  }
  assert.ok(found > 200, `the random servers hold overlapping pairs (${found})`);
});
