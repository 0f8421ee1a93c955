// Every fix offered on a rule fixture really fixes: applying it to the source and checking again leaves one
// diagnostic fewer of that rule, and nothing new of any other rule.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { checkWorkspace } from '../../../src/core/check';
import type { Diagnostic, TextEdit } from '../../../src/core/diagnostic';
import { extractFile, languageOf } from '../../../src/core/extract';
import { LineIndex } from '../../../src/core/text/line-index';
import { fixture } from '../helpers';

const RULES_DIR = fixture('rules');

function applyEdits(text: string, edits: TextEdit[]): string {
  const lines = new LineIndex(text);
  const sorted = [...edits].sort((a, b) => lines.offsetAt(b.range.start) - lines.offsetAt(a.range.start));
  let out = text;
  for (const edit of sorted) out = out.slice(0, lines.offsetAt(edit.range.start)) + edit.newText + out.slice(lines.offsetAt(edit.range.end));
  return out;
}

async function check(file: string, text: string): Promise<Diagnostic[]> {
  return checkWorkspace([await extractFile(file, text)]);
}

const count = (ds: Diagnostic[], ruleId: string) => ds.filter((d) => d.ruleId === ruleId).length;

describe('fixes on rule fixtures', () => {
  const files = readdirSync(RULES_DIR)
    .flatMap((folder) => (statSync(join(RULES_DIR, folder)).isDirectory() ? readdirSync(join(RULES_DIR, folder)).map((n) => join(RULES_DIR, folder, n)) : []))
    .filter((path) => /\/bad\.[^/]+$/.test(path) && languageOf(path));
  let applied = 0;

  for (const file of files) {
    it(`every fix in ${file.slice(RULES_DIR.length + 1)} removes its diagnostic`, async () => {
      const text = readFileSync(file, 'utf8');
      const before = await check(file, text);
      for (const d of before.filter((x) => x.fixes?.length)) {
        for (const fix of d.fixes!) {
          assert.ok(fix.edits.every((e) => e.file === file), 'a fix edits the file it was found in');
          const after = await check(file, applyEdits(text, fix.edits));
          assert.equal(count(after, d.ruleId), count(before, d.ruleId) - 1, `"${fix.title}" for ${d.message}`);
          for (const other of new Set(after.map((x) => x.ruleId))) {
            if (other !== d.ruleId) assert.ok(count(after, other) <= count(before, other), `"${fix.title}" adds a ${other} diagnostic`);
          }
          applied++;
        }
      }
    });
  }

  it('applies at least one fix per fixable rule', () => assert.ok(applied >= 6, `only ${applied} fixes were applied`));
});
