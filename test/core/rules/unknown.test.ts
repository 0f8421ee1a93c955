// Rules judge only what was read: over sources written every way the checker cannot read statically
// (test/fixtures/workspaces/unknown), no rule reports anything, and the extractor marks each part unknown.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { checkWorkspace } from '../../../src/core/check';
import { extractFile } from '../../../src/core/extract';
import { fixture } from '../helpers';

const DIR = fixture('workspaces', 'unknown');

describe('rules judge only what was read', () => {
  it('reports nothing about unread schemas, argument lists, texts, and workflows without their server', async () => {
    const models = await Promise.all(['server.ts', 'lib.rs', 'examples/cookbook.rs'].map((f) => extractFile(join(DIR, f), readFileSync(join(DIR, f), 'utf8'))));
    const [ts, rs] = models;
    // What was read as unknown is marked so, never left as {}.
    assert.ok(ts!.tools.every((t) => t.inputSchema === undefined || t.inputSchema.errors.length > 0), 'every TypeScript schema is unknown');
    assert.ok(ts!.prompts.find((p) => p.name === 'report')?.argumentsUnknown);
    assert.ok(rs!.tools[0]?.inputSchema?.errors.length, 'the json! with a Rust expression is unknown');
    assert.deepEqual(checkWorkspace(models, { projectOf: () => DIR }).map((d) => `${d.ruleId} ${d.message}`), []);
  });
});
