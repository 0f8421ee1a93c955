// The SARIF the checker writes (for code scanning) validates against the SARIF 2.1.0 JSON Schema, vendored in
// test/fixtures/sarif (see its README), with every diagnostic carried as a result at its exact region.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { checkWorkspace } from '../../src/core/check';
import { extractFile, languageOf } from '../../src/core/extract';
import { toSarif } from '../../src/core/report/sarif';
import { allRules } from '../../src/core/rules/index';
import { fixture, root } from './helpers';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'target' ? [] : sourceFiles(path);
    return languageOf(path) ? [path] : [];
  });
}

const schema = JSON.parse(readFileSync(fixture('sarif', 'sarif-2.1.0.json'), 'utf8')) as object;
const validate = addFormats(new Ajv2020({ strict: false, allErrors: true })).compile(schema);

describe('SARIF output', async () => {
  // The rule fixtures and the Rust fixtures together give every rule, fixes (edits) and related locations.
  const files = [...sourceFiles(fixture('rules')), ...sourceFiles(fixture('rust'))];
  const models = await Promise.all(files.map((f) => extractFile(f, readFileSync(f, 'utf8'))));
  const diagnostics = checkWorkspace(models);
  const sarif = toSarif(diagnostics, allRules, (f) => relative(root, f), '0.0.0-test');

  it('has the variety worth validating: fixes, related locations, every severity level', () => {
    assert.ok(diagnostics.some((d) => d.fixes?.length));
    assert.ok(diagnostics.some((d) => d.related?.length));
    assert.deepEqual(new Set(diagnostics.map((d) => d.severity)), new Set(['error', 'warning', 'hint']));
  });

  it('validates against the SARIF 2.1.0 JSON Schema', () => {
    const ok = validate(sarif);
    assert.ok(ok, JSON.stringify(validate.errors?.slice(0, 5), null, 2));
  });

  it('carries every diagnostic as a result with its 1-based region and a known rule', () => {
    const results = sarif.runs[0]!.results;
    assert.equal(results.length, diagnostics.length);
    results.forEach((result, i) => {
      const d = diagnostics[i]!;
      const rule = sarif.runs[0]!.tool.driver.rules[result.ruleIndex!];
      assert.equal(rule?.id, d.ruleId);
      assert.deepEqual(result.locations[0]!.physicalLocation.region, {
        startLine: d.range.start.line + 1, startColumn: d.range.start.character + 1, endLine: d.range.end.line + 1, endColumn: d.range.end.character + 1,
      });
      assert.ok(!result.locations[0]!.physicalLocation.artifactLocation.uri.startsWith('/'), 'URIs are relative to the repository');
    });
  });

  it('the schema rejects a broken log (so the validation above can fail)', () => {
    const broken = structuredClone(sarif) as { runs: { results: { level: string }[] }[] };
    broken.runs[0]!.results[0]!.level = 'fatal';
    assert.equal(validate(broken), false);
    assert.equal(validate({ ...sarif, version: '2.0.0' }), false);
  });
});
