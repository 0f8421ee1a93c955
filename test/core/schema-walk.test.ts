import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import type { JsonDoc } from '../../src/core/model';
import { subSchemas } from '../../src/core/rules/schema-walk';

const docOf = (value: unknown): JsonDoc => ({ value, span: { start: 0, end: 0, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }, origin: 'json', locations: {}, errors: [] });

test('subSchemas lists every sub-schema in the keywords order, whatever order the schema writes its keys in', () => {
  const schema = {
    properties: { 'a/b': { type: 'string' }, c: { items: [{ type: 'number' }, { not: { type: 'null' } }] } },
    anyOf: [{ title: 'x' }, 'not a schema', { required: ['c'] }],
    description: 'keys that hold no sub-schema are skipped',
    additionalProperties: { type: 'boolean' },
    items: { $defs: { d: { type: 'integer' } } },
    enum: [{ type: 'object' }],
  };
  assert.deepEqual(subSchemas(docOf(schema)).map((s) => s.pointer), [
    '', '/items', '/items/$defs/d', '/additionalProperties', '/anyOf/0', '/anyOf/2', '/properties/a~1b', '/properties/c', '/properties/c/items/0', '/properties/c/items/1', '/properties/c/items/1/not',
  ]);
});

test('subSchemas skips a keyword whose value is not of its form (a map that is a list, a list that is an object)', () => {
  const schema = { properties: [{ type: 'string' }], anyOf: { a: { type: 'string' } }, not: 'x', items: [{ type: 'string' }] };
  assert.deepEqual(subSchemas(docOf(schema)).map((s) => s.pointer), ['', '/items/0']);
});
