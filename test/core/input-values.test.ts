// A typed workflow input: the same conversion for the CLI's --input and the editor's input boxes.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { inputValue } from '../../src/core/workflow/input-values';

test('input text becomes the declared type, or says what was expected', () => {
  assert.deepEqual(inputValue('3', 'integer'), { ok: true, value: 3 });
  assert.deepEqual(inputValue('2.5', 'integer'), { ok: false, expected: 'an integer' });
  assert.deepEqual(inputValue('2.5', 'number'), { ok: true, value: 2.5 });
  assert.deepEqual(inputValue(' ', 'number'), { ok: false, expected: 'a number' });
  assert.deepEqual(inputValue('true', 'boolean'), { ok: true, value: true });
  assert.deepEqual(inputValue('yes', 'boolean'), { ok: false, expected: 'true or false' });
  assert.deepEqual(inputValue('C-1001', undefined), { ok: true, value: 'C-1001' });
});
