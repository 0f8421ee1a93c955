// Tools named in words (test/fixtures/rules/tools-unknown-tool/words.ts): every form found at the name as written,
// plain words only as "the X tool" or X(…) and weakly, and every mention a reference for hover and rename.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { callableTools } from '../../src/core/check';
import { extractFile } from '../../src/core/extract';
import { findAt } from '../../src/core/lookup';
import { toolReferences } from '../../src/core/rename';
import { LineIndex } from '../../src/core/text/line-index';
import { fixture } from './helpers';

const FILE = fixture('rules', 'tools-unknown-tool', 'words.ts');
const TEXT = readFileSync(FILE, 'utf8');
const lines = new LineIndex(TEXT);
const pos = (needle: string, shift = 0) => lines.positionAt(TEXT.indexOf(needle) + shift);

describe('tool mentions in words', () => {
  it('finds each form in prompt text and tool descriptions, plain words and titles weakly', async () => {
    const model = await extractFile(FILE, TEXT);
    const prompt = model.prompts.find((p) => p.name === 'plan-project')!;
    const found = prompt.messages.flatMap((m) => m.template.mentions).map((m) => `${m.name} ${m.form}${m.weak ? ' weak' : ''}`);
    assert.deepEqual(found, ['list_tasks verb', 'search verb weak', 'add_taks verb', 'Search Tasks title weak', 'lookup verb weak']);
    const details = model.tools.find((t) => t.name === 'get_task_details')!;
    assert.deepEqual(details.mentions?.map((m) => `${m.name} ${m.form}`), ['list_tasks verb', 'get_task_detials verb']);
  });

  it('makes every mention a reference: hover on a title or a description mention, rename of a plain-word tool', async () => {
    const model = await extractFile(FILE, TEXT);
    const tools = callableTools([model]);
    const title = findAt(model, pos("'Search Tasks'", 2), tools);
    assert.equal(title?.kind, 'mention');
    assert.deepEqual(title?.kind === 'mention' ? title.tools.map((t) => t.name) : [], ['search']);
    const inDescription = findAt(model, pos('Call list_tasks first', 6), tools);
    assert.deepEqual(inDescription?.kind === 'mention' ? inDescription.tools.map((t) => t.name) : [], ['list_tasks']);
    const refs = toolReferences([model], 'search', () => TEXT).filter((r) => r.kind === 'prompt-text');
    assert.deepEqual(refs.map((r) => r.range.start), [pos('search tool for')]);
  });
});
