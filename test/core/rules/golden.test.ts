// Golden tests for every rule: each folder of test/fixtures/rules is named after a rule id (`/` written as `-`)
// and holds fixture servers with seeded defects (`bad.*`), servers that must stay clean (`good.*`), and
// `expected.json`: every diagnostic, as "line:col-endLine:endCol rule-id" (1-based), per file. Each top-level
// file is checked as a workspace of its own; each subfolder is one workspace, with a project per folder, or per
// manifest (Cargo.toml, package.json) where the fixture has one.
// The comparison is exact: every seeded defect found, nothing else. `UPDATE_GOLDEN=1` rewrites expected.json
// (review the diff by hand).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { checkWorkspace } from '../../../src/core/check';
import { extractFile, languageOf } from '../../../src/core/extract';
import { createProjectResolver } from '../../../src/core/project';
import { createRevisionResolver } from '../../../src/core/protocol-revision';
import type { Diagnostic } from '../../../src/core/diagnostic';
import { allRules } from '../../../src/core/rules/index';
import { fixture } from '../helpers';

const RULES_DIR = fixture('rules');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return languageOf(path) ? [path] : [];
  }).sort();
}

/** The workspaces of a rule folder: each top-level source file alone, each subfolder as a whole. */
function workspacesOf(folder: string): string[][] {
  return readdirSync(folder).sort().flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return [sourceFiles(path)];
    return languageOf(path) ? [[path]] : [];
  });
}

export const formatDiagnostic = (d: Diagnostic): string =>
  `${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${d.ruleId}`;

/** Runs the full check on a rule folder, returning the diagnostics of each file (relative path → lines). */
export async function checkFolder(folder: string): Promise<{ actual: Record<string, string[]>; diagnostics: Diagnostic[] }> {
  const actual: Record<string, string[]> = {};
  const diagnostics: Diagnostic[] = [];
  for (const files of workspacesOf(folder)) {
    // A prompt text may be a const of a sibling module (an import followed to the file it is written in).
    const readModule = (path: string) => readFile(path, 'utf8').catch(() => undefined);
    const models = await Promise.all(files.map((file) => extractFile(file, readFileSync(file, 'utf8'), { readModule })));
    const manifestFolder = createProjectResolver();
    // A fixture without a manifest of its own is a project per folder (the repository's package.json is not its).
    const projectOf = (file: string) => {
      const project = manifestFolder(file);
      return project.startsWith(`${folder}/`) ? project : dirname(file);
    };
    const found = checkWorkspace(models, { projectOf, revisionOf: createRevisionResolver(projectOf) });
    for (const file of files) actual[relative(folder, file)] = [];
    for (const d of found) {
      diagnostics.push(d);
      (actual[relative(folder, d.file)] ??= []).push(formatDiagnostic(d));
    }
  }
  return { actual, diagnostics };
}

const folders = existsSync(RULES_DIR) ? readdirSync(RULES_DIR).filter((n) => statSync(join(RULES_DIR, n)).isDirectory()).sort() : [];

describe('rule fixtures (golden)', () => {
  it('has a fixture folder for every rule, and only for rules', () => {
    const ids = new Set(allRules.map((r) => r.id.replace(/\//g, '-')));
    for (const folder of folders) assert.ok(ids.has(folder), `test/fixtures/rules/${folder} names no rule`);
    assert.ok(folders.length > 0, 'no rule fixtures found');
  });

  for (const folder of folders) {
    const dir = join(RULES_DIR, folder);
    const ruleId = allRules.find((r) => r.id.replace(/\//g, '-') === folder)?.id ?? folder;
    it(`${ruleId}: matches expected.json exactly`, async () => {
      const { actual, diagnostics } = await checkFolder(dir);
      const expectedPath = join(dir, 'expected.json');
      if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(expectedPath, `${JSON.stringify(actual, null, 2)}\n`);
      assert.ok(existsSync(expectedPath), `${expectedPath} is missing; run with UPDATE_GOLDEN=1 and review it`);
      assert.deepEqual(actual, JSON.parse(readFileSync(expectedPath, 'utf8')));
      // These hold whatever the golden file says, so a careless update cannot bless a regression.
      for (const [file, lines] of Object.entries(actual)) {
        if (/(^|\/)good\.[^/]+$/.test(file)) assert.deepEqual(lines, [], `${folder}/${file} must have no diagnostics`);
        if (/(^|\/)bad\.[^/]+$/.test(file)) assert.ok(lines.some((l) => l.endsWith(` ${ruleId}`)), `${folder}/${file} must trigger ${ruleId}`);
      }
      for (const d of diagnostics) assert.ok(d.message.length > 20, `a message says what is wrong and what fixes it: ${d.message}`);
    });
  }
});
