// Tools named in words (test/fixtures/rules/tools-unknown-tool/words.ts): every form found at the name as written,
// plain words only as "the X tool" or X(…) and weakly, and every mention a reference for hover and rename.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { callableTools, checkWorkspace } from '../../src/core/check';
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

describe('tools listed after one verb', () => {
  const LISTED = fixture('rules', 'tools-unknown-tool', 'listed.ts');
  const text = readFileSync(LISTED, 'utf8');

  it('finds every name of "use X, Y and Z" and "call X or Y, then Z", and stops at data and plain words', async () => {
    const model = await extractFile(LISTED, text);
    const prompt = model.prompts.find((p) => p.name === 'customer-review')!;
    const found = prompt.messages.flatMap((m) => m.template.mentions).map((m) => `${m.name}${m.weak ? ' weak' : ''}`);
    // `customer_id` is the verb's own name (data, judged by the rule); `limit: 5` is data and ends the list.
    assert.deepEqual(found, ['order_history', 'support_tikets', 'engagement_metrics', 'customer_report', 'sales_top_customers', 'customer_id']);
    const report = model.tools.find((t) => t.name === 'customer_report')!;
    assert.deepEqual(report.mentions?.map((m) => m.name), ['order_history', 'support_tickets', 'engagement_metrics']);
    // Each at the name as written.
    for (const m of prompt.messages.flatMap((x) => x.template.mentions)) assert.equal(text.slice(m.span.start, m.span.end), m.name);
  });

  it('reports a misspelt listed name with its fix, and a listed name is a reference for rename', async () => {
    const model = await extractFile(LISTED, text);
    const unknown = checkWorkspace([model]).filter((d) => d.ruleId === 'tools/unknown-tool');
    const listedAt = new LineIndex(text).positionAt(text.indexOf('support_tikets and'));
    assert.deepEqual(unknown.map((d) => d.range.start), [listedAt]);
    assert.equal(unknown[0]!.fixes?.[0]?.title, 'Change to support_tickets');
    const refs = toolReferences([model], 'engagement_metrics', () => text).filter((r) => r.kind !== 'declaration');
    assert.equal(refs.length, 2, JSON.stringify(refs));
  });
});
