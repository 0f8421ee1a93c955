// Hover, definition and rename on a Python FastMCP server: a tool named in prompt words is found; a rename edits the
// `name=` literal and every text naming the tool, and refuses a name FastMCP derives from the function's name.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractFile } from '../../../src/core/extract';
import { findAt } from '../../../src/core/lookup';
import { renameTool } from '../../../src/core/rename';
import { fixture, readFixture } from '../helpers';

const file = fixture('python', 'fastmcp', 'customer_server.py');
const text = readFixture('python', 'fastmcp', 'customer_server.py');
const at = (r: { start: { line: number; character: number } }) => `${r.start.line + 1}:${r.start.character + 1}`;

describe('Python navigation and rename', () => {
  it('finds the tool a prompt names in words, for hover and definition', async () => {
    const model = await extractFile(file, text);
    const found = findAt(model, { line: 181, character: 12 }, model.tools);
    assert.equal(found?.kind, 'mention');
    assert.deepEqual(found?.kind === 'mention' ? found.tools.map((t) => `${t.name} ${at(t.nameSpan.range)}`) : [], ['sales_top_customers 98:5']);
  });

  it('renames a tool declared with name=: the literal and the texts naming it', async () => {
    const model = await extractFile(file, text);
    const result = renameTool([model], 'customer_analysis', 'customer_report', () => text);
    assert.ok('edits' in result, JSON.stringify(result));
    assert.deepEqual(result.edits.map((e) => `${e.kind} ${at(e.range)}`), ['declaration 141:11', 'prompt-text 190:6']);
    for (const e of result.edits) assert.equal(text.split('\n')[e.range.start.line]!.slice(e.range.start.character, e.range.end.character), 'customer_analysis');
  });

  it('refuses a name derived from the function name', async () => {
    const model = await extractFile(file, text);
    const result = renameTool([model], 'sales_top_customers', 'top_customers', () => text);
    assert.ok('error' in result);
    assert.match(result.error, /derived from code at .*customer_server\.py:98:5/);
  });
});
