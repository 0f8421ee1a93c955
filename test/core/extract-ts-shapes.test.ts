// TypeScript servers written the way real authors write them (test/fixtures/ts/shapes): each tool and prompt found
// with its description and schema, exactly as expected.json says, and a schema the extractor cannot read is
// "unknown", never `{}`. `UPDATE_GOLDEN=1` rewrites expected.json (review the diff by hand).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { checkWorkspace } from '../../src/core/check';
import type { FileModel, JsonDoc } from '../../src/core/model';
import { fixture } from './helpers';
import { extractAs } from '../../src/core/parse/registry';

const DIR = fixture('ts', 'shapes');

const schema = (doc: JsonDoc | undefined) => (doc === undefined ? undefined : doc.errors.length ? 'unknown' : doc.value);

/** What a file declares, as the golden file writes it. */
export function summarize(model: FileModel) {
  return {
    tools: model.tools.map((t) => ({ name: t.name, ...(t.title ? { title: t.title } : {}), description: t.description?.value, input: schema(t.inputSchema), output: schema(t.outputSchema) })),
    prompts: model.prompts.map((p) => ({ name: p.name, description: p.description?.value, arguments: p.arguments.map((a) => `${a.name}${a.required ? ' (required)' : ''}: ${a.description?.value ?? ''}`) })),
  };
}

describe('TypeScript shapes of real servers', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.ts')).sort();
  const expectedPath = join(DIR, 'expected.json');
  const actual: Record<string, unknown> = {};

  for (const file of files) {
    it(`${file}: every tool and prompt with its description and schema`, async () => {
      const model = await extractAs('typescript', join(DIR, file), readFileSync(join(DIR, file), 'utf8'));
      assert.deepEqual(model.problems, []);
      actual[file] = JSON.parse(JSON.stringify(summarize(model)));
      if (process.env['UPDATE_GOLDEN'] === '1') return;
      assert.deepEqual(actual[file], (JSON.parse(readFileSync(expectedPath, 'utf8')) as Record<string, unknown>)[file]);
    });
  }

  it('rules judge only what was read: schemas of other validators raise no schema finding', async () => {
    const file = join(DIR, 'other-validators.ts');
    const model = await extractAs('typescript', file, readFileSync(file, 'utf8'));
    assert.ok(model.tools.length === 5 && model.tools.every((t) => t.inputSchema && t.inputSchema.errors.length > 0), 'every input schema is unknown');
    assert.deepEqual(checkWorkspace([model]).map((d) => d.ruleId), []);
  });

  it('writes expected.json when asked', () => {
    if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(expectedPath, `${JSON.stringify(actual, null, 2)}\n`);
  });
});
