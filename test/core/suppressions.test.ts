// Suppression comments, rule levels and include/exclude globs: the core the CLI and the language server share.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Diagnostic } from '../../src/core/diagnostic';
import { globMatcher } from '../../src/core/glob';
import { applySuppressions, parseSuppressions } from '../../src/core/suppressions';
import { applyRuleLevels, readSettings, reportedDiagnostics } from '../../src/core/settings';

const at = (file: string, line: number, ruleId: string, severity: Diagnostic['severity'] = 'warning'): Diagnostic => ({ file, range: { start: { line, character: 2 }, end: { line, character: 5 } }, severity, ruleId, message: `${ruleId} at ${line}` });

describe('suppression comments', () => {
  it('reads next-line and same-line directives with their rule ids, in // and # files', () => {
    const ts = ['// mcp-workflow-disable-next-line descriptions/missing, names/duplicate', 'server.tool("a");', 'server.tool("b"); // mcp-workflow-disable-line names/duplicate -- on purpose', '  // mcp-workflow-disable-next-line'].join('\n');
    assert.deepEqual(parseSuppressions('/w/s.ts', ts).map((s) => [s.line, s.ruleIds]), [[1, ['descriptions/missing', 'names/duplicate']], [2, ['names/duplicate']], [4, undefined]]);
    const py = ['# mcp-workflow-disable-next-line prompts/unused-argument', 'def f(): pass  # mcp-workflow-disable-line'].join('\n');
    assert.deepEqual(parseSuppressions('/w/s.py', py).map((s) => [s.line, s.ruleIds]), [[1, ['prompts/unused-argument']], [1, undefined]]);
    const go = ['\t// mcp-workflow-disable-next-line tools/unknown-tool', '\ts.AddPrompt(prompt, handler) // mcp-workflow-disable-line'].join('\n');
    assert.deepEqual(parseSuppressions('/w/main.go', go).map((s) => [s.line, s.ruleIds]), [[1, ['tools/unknown-tool']], [1, undefined]]);
    // `//` is not a Python comment, `#` not a Rust one; workflow files (JSON) have none.
    assert.deepEqual(parseSuppressions('/w/s.py', '// mcp-workflow-disable-next-line x'), []);
    assert.deepEqual(parseSuppressions('/w/s.rs', '# mcp-workflow-disable-next-line x'), []);
    assert.deepEqual(parseSuppressions('/w/a.workflow.json', '// mcp-workflow-disable-next-line x'), []);
  });

  it('takes a next-line directive only on a line of its own, and no look-alike word', () => {
    assert.deepEqual(parseSuppressions('/w/s.rs', 'let x = 1; // mcp-workflow-disable-next-line a'), []);
    assert.deepEqual(parseSuppressions('/w/s.rs', '// mcp-workflow-disable-next-lines a'), []);
    assert.deepEqual(parseSuppressions('/w/s.rs', 'let url = "http://x"; // mcp-workflow-disable-line a').map((s) => s.line), [0]);
  });

  it('hides exactly the diagnostics of the named rules on the line, and reports a suppression that hid none', () => {
    const text = ['// mcp-workflow-disable-next-line names/duplicate', 'a', 'b', '// mcp-workflow-disable-next-line descriptions/missing', 'c'].join('\n');
    const diagnostics = [at('/w/s.ts', 1, 'names/duplicate'), at('/w/s.ts', 1, 'descriptions/missing'), at('/w/s.ts', 2, 'names/duplicate')];
    const out = applySuppressions('/w/s.ts', diagnostics, parseSuppressions('/w/s.ts', text));
    assert.deepEqual(out.map((d) => [d.range.start.line, d.ruleId]), [[1, 'descriptions/missing'], [2, 'names/duplicate'], [3, 'suppression/unused']]);
    assert.equal(out[2]!.severity, 'hint');
  });

  it('with no rule id, hides every rule on the line', () => {
    const out = applySuppressions('/w/s.rs', [at('/w/s.rs', 1, 'a'), at('/w/s.rs', 1, 'b'), at('/w/s.rs', 0, 'c')], parseSuppressions('/w/s.rs', 'x\n  // mcp-workflow-disable-next-line\ny').map((s) => ({ ...s, line: 1 })));
    assert.deepEqual(out.map((d) => d.ruleId), ['c']);
  });
});

describe('rule levels and the settings object', () => {
  it('drops a rule set off and re-levels another, leaving the rest as they are', () => {
    const out = applyRuleLevels([at('/w/a.ts', 0, 'a', 'warning'), at('/w/a.ts', 1, 'b', 'warning'), at('/w/a.ts', 2, 'c', 'error')], { a: 'off', b: 'error' });
    assert.deepEqual(out.map((d) => [d.ruleId, d.severity]), [['b', 'error'], ['c', 'error']]);
  });

  it('applies suppressions before levels, and nothing at all when disabled', () => {
    const text = '// mcp-workflow-disable-next-line names/duplicate\nx';
    const diagnostics = [at('/w/a.ts', 1, 'names/duplicate')];
    assert.deepEqual(reportedDiagnostics('/w/a.ts', diagnostics, text, { rules: { 'names/duplicate': 'hint' } }), []);
    assert.deepEqual(reportedDiagnostics('/w/a.ts', diagnostics, undefined, { enable: false }), []);
    assert.equal(reportedDiagnostics('/w/a.ts', diagnostics, undefined, {}).length, 1);
  });

  it('reads good values, names each bad key, and marks unknown rule ids as harmless', () => {
    const good = readSettings({ enable: true, rules: { 'names/duplicate': 'off' }, include: ['test/fixtures/**'], exclude: [], maxFileBytes: 1024, includeTests: false, protocolRevision: '' });
    assert.deepEqual(good, { settings: { enable: true, rules: { 'names/duplicate': 'off' }, include: ['test/fixtures/**'], maxFileBytes: 1024, includeTests: false }, problems: [] });
    const bad = readSettings({ enable: 'yes', rules: { 'names/duplicate': 'loud', 'no/such-rule': 'off' }, exclude: 'dist', maxFileBytes: -1, protocolRevision: 'latest' });
    assert.deepEqual(bad.problems.map((p) => [p.key, p.unknown === true]), [['enable', false], ['exclude', false], ['maxFileBytes', false], ['protocolRevision', false], ['rules.names/duplicate', false], ['rules.no/such-rule', true]]);
    assert.match(bad.problems[4]!.message, /must be one of "off", "hint", "info", "warning", "error" \(got "loud"\)/);
    assert.deepEqual(bad.settings, { rules: { 'no/such-rule': 'off' } });
  });
});

describe('include/exclude globs', () => {
  it('matches names at any depth, paths from the root, ** across folders, braces and the folders above', () => {
    const m = globMatcher(['*.gen.ts', 'src/legacy/**', '**/fixtures/{a,b}/*.rs', 'vendor']);
    assert.equal(m('src/x.gen.ts'), true);
    assert.equal(m('src/legacy/deep/a.ts'), true);
    assert.equal(m('other/src/legacy/a.ts'), false);
    assert.equal(m('test/fixtures/a/x.rs'), true);
    assert.equal(m('test/fixtures/c/x.rs'), false);
    assert.equal(m('lib/vendor/x.py'), true);
    assert.equal(m('src/main.ts'), false);
    assert.equal(globMatcher([])('a.ts'), false);
  });
});
