// The direct check of simple schemas (type, primitive enum/const, annotations) must agree with ajv on every value,
// since schema/default-invalid and schema/enum-invalid use it in place of compiling the schema.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import Ajv2020 from 'ajv/dist/2020';
import { simpleValidator } from '../../../src/core/rules/schema-walk';

const ajv = new Ajv2020({ strict: false });
const VALUES: unknown[] = [null, true, false, 0, 1, -1, 1.5, '', 'a', 'top', [], [1], {}, { a: 1 }];
const SIMPLE: Record<string, unknown>[] = [
  { type: 'string' },
  { type: 'integer', description: 'count', default: 1 },
  { type: 'number', title: 'x', examples: [1] },
  { type: ['string', 'null'] },
  { type: 'boolean', deprecated: true },
  { type: 'array' },
  { type: 'object', $comment: 'any' },
  { type: 'null' },
  { enum: ['a', 'top', 1] },
  { type: 'string', enum: ['a', 1] },
  { const: 'top' },
  { type: 'integer', const: 1 },
  {},
];

test('simple schemas are judged exactly as ajv judges them', () => {
  for (const schema of SIMPLE) {
    const direct = simpleValidator(schema);
    assert.ok(direct, `${JSON.stringify(schema)} should take the direct path`);
    const compiled = ajv.compile(schema);
    for (const value of VALUES) assert.equal(direct(value), compiled(value), `${JSON.stringify(schema)} on ${JSON.stringify(value)}`);
  }
});

test('anything else is left to ajv', () => {
  for (const schema of [{ type: 'string', minLength: 1 }, { type: 'string', format: 'email' }, { enum: [{ a: 1 }] }, { type: 'strin' }, { $ref: '#/$defs/x' }, { type: [] }, { properties: {} }]) {
    assert.equal(simpleValidator(schema), undefined, JSON.stringify(schema));
  }
});
