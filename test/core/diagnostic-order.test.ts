// Diagnostics are listed in one order on every machine: files in code-unit order (as git and Ruff sort paths), not
// the machine's locale's, which would list a check's findings differently in CI and on a Swedish laptop.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { sortDiagnostics, type Diagnostic } from '../../src/core/diagnostic';

const at = (file: string, line = 0, ruleId = 'names/invalid'): Diagnostic => ({ file, range: { start: { line, character: 0 }, end: { line, character: 1 } }, severity: 'warning', ruleId, message: 'm' });

describe('sortDiagnostics', () => {
  it('orders files by code units, then by position and rule', () => {
    const sorted = sortDiagnostics([at('/w/z.ts'), at('/w/ä.ts'), at('/w/a.ts', 3), at('/w/B.ts'), at('/w/a.ts', 1, 'tools/x'), at('/w/a.ts', 1, 'names/x'), at('/w/a_b.ts')]);
    assert.deepEqual(sorted.map((d) => `${d.file}:${d.range.start.line}:${d.ruleId}`), ['/w/B.ts:0:names/invalid', '/w/a.ts:1:names/x', '/w/a.ts:1:tools/x', '/w/a.ts:3:names/invalid', '/w/a_b.ts:0:names/invalid', '/w/z.ts:0:names/invalid', '/w/ä.ts:0:names/invalid']);
  });

  it('gives the same order under a Swedish and an English locale', () => {
    const script = `const { sortDiagnostics } = require(${JSON.stringify(join(__dirname, '..', '..', 'src', 'core', 'diagnostic.ts'))});
      const at = (file) => ({ file, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: 'hint', ruleId: 'r', message: 'm' });
      process.stdout.write(sortDiagnostics(['/w/z.ts', '/w/ä.ts', '/w/a.ts', '/w/B.ts'].map(at)).map((d) => d.file).join(' ') + ' ' + ['z', 'ä'].sort((a, b) => a.localeCompare(b)).join(''));`;
    const run = (locale: string) => spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8', env: { ...process.env, LANG: locale, LC_ALL: locale } });
    const [swedish, english] = [run('sv_SE.UTF-8'), run('en_US.UTF-8')];
    assert.equal(swedish.status, 0, swedish.stderr);
    // The locales differ here (localeCompare puts ä after z in Swedish, before it in English)…
    assert.deepEqual([swedish.stdout.split(' ').pop(), english.stdout.split(' ').pop()], ['zä', 'äz']);
    // …and the diagnostics' order does not.
    assert.equal(swedish.stdout.replace(/ \S+$/, ''), '/w/B.ts /w/a.ts /w/z.ts /w/ä.ts');
    assert.equal(english.stdout.replace(/ \S+$/, ''), '/w/B.ts /w/a.ts /w/z.ts /w/ä.ts');
  });
});
