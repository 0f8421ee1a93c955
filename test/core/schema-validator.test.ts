// Tool schema validators: a schema with an `$id` compiles again from a later tools/list (a new object with the
// same `$id`), one ajv cannot compile gives no validator instead of an exception, and formats are checked.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { schemaValidator } from '../../src/core/json/schema-validator';

const withId = () => ({ $id: 'https://example.com/schemas/customer.json', type: 'object', properties: { customer_id: { type: 'string' } }, required: ['customer_id'] });

test('a schema with an $id compiles from every tools/list, not only the first', () => {
  const first = schemaValidator(withId());
  const second = schemaValidator(withId());
  assert.ok(first && second);
  assert.equal(second({ customer_id: 'C-1' }), true);
  assert.equal(second({}), false);
});

test('the same schema object is compiled once', () => {
  const schema = withId();
  assert.equal(schemaValidator(schema), schemaValidator(schema));
});

test('a schema ajv cannot compile gives no validator', () => {
  assert.equal(schemaValidator({ type: 'object', properties: { a: { $ref: '#/$defs/missing' } } }), undefined);
});

test('formats are checked', () => {
  const validate = schemaValidator({ type: 'object', properties: { at: { type: 'string', format: 'date-time' } } })!;
  assert.equal(validate({ at: '2026-11-24T10:00:00Z' }), true);
  assert.equal(validate({ at: 'yesterday' }), false);
});

test("schemars' numeric formats (rmcp and pmcp servers): uint8, int32, uint checked as ranges, and ajv warns about none", () => {
  const warn = console.warn;
  const warnings: unknown[] = [];
  console.warn = (...args: unknown[]) => warnings.push(args);
  try {
    const validate = schemaValidator({ type: 'object', properties: { a: { type: 'integer', format: 'uint8' }, b: { type: 'integer', format: 'int32' }, c: { type: 'integer', format: 'uint' }, d: { type: 'number', format: 'double' } } });
    assert.equal(validate?.({ a: 255, b: -5, c: 7, d: 0.5 }), true);
    assert.equal(validate?.({ a: 256 }), false);
    assert.equal(validate?.({ c: -1 }), false);
  } finally {
    console.warn = warn;
  }
  assert.deepEqual(warnings, []);
});
