// The eleven seeded defects of issue 15's linter comparison, rebuilt as one server of our own: each is found by the
// rule meant for it, at its line, and the clean twin (the same server with each put right) has no diagnostic at all.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { checkSources } from './check-helpers';
import { fixture } from '../helpers';

const DIR = fixture('workspaces', 'seeded-defects');

/** Each defect: the rule that must find it, and a text on the line it is found at. */
const DEFECTS: [string, string, string][] = [
  ['1. empty description', 'descriptions/missing', '"count_items", { description: ""'],
  ['2. two tools of one name', 'names/duplicate', 'List every item in the warehouse'],
  ['3. required names an absent property', 'schema/required-missing-property', 'required: ["quantty"]'],
  ['4. "type": "strng"', 'schema/invalid', 'type: "strng"'],
  ['5. a prompt names a tool that does not exist', 'tools/unknown-tool', 'call audit_shelf'],
  ['6. an unused prompt argument', 'template/unused-argument', 'auditor: z.string()'],
  ['7. "ID from find_items output", no such tool', 'ids/unknown-source-tool', 'ID from find_items output'],
  ['8a. vague tools', 'descriptions/vague', 'Gets the data.'],
  ['8b. overlapping tools', 'tools/overlapping', '"fetch_stock"'],
  ['9. a delete tool without annotations', 'annotations/missing', '"delete_item"'],
  ['10. a name with a space', 'names/invalid', '"item report"'],
  ['11. a 131-character name', 'names/invalid', '"export_xxx'],
];

describe('the eleven seeded defects of the comparison', () => {
  it('finds every one with the rule meant for it, on its line', async () => {
    const file = join(DIR, 'bad.ts');
    const text = readFileSync(file, 'utf8');
    const lines = text.split('\n');
    const found = await checkSources({ [file]: text });
    for (const [defect, ruleId, marker] of DEFECTS) {
      const line = lines.findIndex((l) => l.includes(marker) && !l.trimStart().startsWith('//'));
      assert.ok(line >= 0, `${defect}: no line with ${marker}`);
      assert.ok(found.some((d) => d.ruleId === ruleId && d.range.start.line === line), `${defect}: no ${ruleId} on line ${line + 1}`);
    }
  });

  it('reports nothing on the clean twin', async () => {
    const file = join(DIR, 'good.ts');
    assert.deepEqual((await checkSources({ [file]: readFileSync(file, 'utf8') })).map((d) => `${d.ruleId} ${d.message}`), []);
  });
});
