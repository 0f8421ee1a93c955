// The lint configuration enforces what STYLE.md and eslint.config.mjs say it does: each rule is tried on a small
// text linted as if it were a file of the repository, with the repository's own config. Without this, a rule that
// was dropped or scoped to the wrong folders would pass `npm run lint` silently.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { ESLint } from 'eslint';

const root = process.cwd();

// The probe files exist only in memory, so the TypeScript project service (which reads tsconfig.json's files from
// disk) does not know them; they are let into its default project, with tsconfig.json's compiler options. The rules
// and the file patterns are the repository's config, unchanged.
const probes = ['src/*/lint-probe.ts', 'src/*/lint-probe.tsx', 'test/*/lint-probe.ts', 'scripts/lint-probe.js', 'bin/lint-probe.js'];
const options: ESLint.Options = {
  cwd: root,
  overrideConfig: {
    languageOptions: { parserOptions: { projectService: { allowDefaultProject: probes, defaultProject: 'tsconfig.json' } } },
  },
};
let eslint: ESLint;
let fixer: ESLint;

before(() => {
  eslint = new ESLint(options);
  fixer = new ESLint({ ...options, fix: true });
});

/** The ids of the rules reported on `text` linted as the file `path`, in order; a parse error fails the test. */
async function rulesOf(path: string, text: string): Promise<string[]> {
  const [result] = await eslint.lintText(text, { filePath: path });
  assert.ok(result, `no result for ${path}`);
  const fatal = result.messages.filter((m) => m.ruleId === null);
  assert.deepEqual(fatal.map((m) => m.message), [], `${path} did not lint`);
  return result.messages.map((m) => m.ruleId ?? '');
}

/** The text after `npx eslint --fix`. */
async function fixed(path: string, text: string): Promise<string> {
  const [result] = await fixer.lintText(text, { filePath: path });
  return result?.output ?? text;
}

describe('no-floating-promises', () => {
  test('a promise neither awaited nor voided is reported; `void` marks one meant to run on its own', async () => {
    const text = [
      'async function save(): Promise<void> {}',
      'export async function run(): Promise<void> {',
      '  save();',
      '  void save();',
      '  await save();',
      '  save().catch(() => undefined);',
      '}',
      '',
    ].join('\n');
    assert.deepEqual(await rulesOf('src/core/lint-probe.ts', text), ['@typescript-eslint/no-floating-promises']);
  });

  test('it holds in tests too, except for the promises node:test returns from test() and describe()', async () => {
    const text = [
      "import { describe, test } from 'node:test';",
      "describe('a', () => { test('b', async () => {}); });",
      "test('c', async () => { Promise.resolve(1); });",
      '',
    ].join('\n');
    assert.deepEqual(await rulesOf('test/core/lint-probe.ts', text), ['@typescript-eslint/no-floating-promises']);
  });
});

describe('consistent-type-imports', () => {
  test('a value import used only as a type is reported, and --fix makes it a type import', async () => {
    const text = "import { Hover } from 'vscode-languageserver';\nexport const none: Hover | undefined = undefined;\n";
    assert.deepEqual(await rulesOf('src/server/lint-probe.ts', text), ['@typescript-eslint/consistent-type-imports']);
    assert.match(await fixed('src/server/lint-probe.ts', text), /^import type \{ Hover \} from 'vscode-languageserver';/);
  });

  test('in a mixed import the type used only as a type is reported too; the fix moves it to an `import type`', async () => {
    const text = [
      "import { ResponseError, Hover } from 'vscode-languageserver';",
      'export const none: Hover | undefined = undefined;',
      "export const error = new ResponseError(1, 'x');",
      '',
    ].join('\n');
    assert.deepEqual(await rulesOf('src/server/lint-probe.ts', text), ['@typescript-eslint/consistent-type-imports']);
    assert.match(await fixed('src/server/lint-probe.ts', text), /^import type \{ Hover \} from 'vscode-languageserver';\nimport \{ ResponseError \} from/);
  });

  test('an import already marked `type` inline, the way mixed imports are written here, is accepted', async () => {
    const text = [
      "import { ResponseError, type Hover } from 'vscode-languageserver';",
      'export const none: Hover | undefined = undefined;',
      "export const error = new ResponseError(1, 'x');",
      '',
    ].join('\n');
    assert.deepEqual(await rulesOf('src/server/lint-probe.ts', text), []);
  });
});

describe('no-console', () => {
  const text = "export function say(): void {\n  console.log('hello');\n}\n";
  for (const path of ['src/core/lint-probe.ts', 'src/server/lint-probe.ts', 'src/extension/lint-probe.ts', 'src/panel/lint-probe.tsx']) {
    test(`is reported in ${path.split('/')[1]}/`, async () => {
      assert.deepEqual(await rulesOf(path, text), ['no-console']);
    });
  }
  for (const path of ['src/cli/lint-probe.ts', 'bin/lint-probe.js', 'test/core/lint-probe.ts', 'scripts/lint-probe.js']) {
    test(`is allowed in ${path.split('/').slice(0, -1).join('/')}/`, async () => {
      assert.deepEqual(await rulesOf(path, text), []);
    });
  }
});

describe('node: for built-in modules', () => {
  test("import, export from, import() and require() of a bare built-in are reported; 'node:' ones are not", async () => {
    const text = [
      "import { readFileSync } from 'fs';",
      "import { join } from 'node:path';",
      "export { tmpdir } from 'os';",
      "export const lazy = () => import('fs/promises');",
      'export const both = [readFileSync, join];',
      '',
    ].join('\n');
    assert.deepEqual(await rulesOf('src/core/lint-probe.ts', text), ['house/node-protocol', 'house/node-protocol', 'house/node-protocol']);
    const cjs = "'use strict';\nconst { spawnSync } = require('child_process');\nmodule.exports = spawnSync;\n";
    assert.deepEqual(await rulesOf('scripts/lint-probe.js', cjs), ['house/node-protocol']);
  });

  test('--fix adds the prefix and keeps the quotes; a package that shares no name with a built-in is left alone', async () => {
    const text = "import { readFileSync } from 'fs';\nimport { z } from \"zod\";\nexport const both = [readFileSync, z];\n";
    assert.equal(await fixed('src/core/lint-probe.ts', text), "import { readFileSync } from 'node:fs';\nimport { z } from \"zod\";\nexport const both = [readFileSync, z];\n");
  });
});

describe('what is linted', () => {
  test('src, test, bench, scripts and bin are; fixtures (read by the checker at fixed positions) and dist are not', async () => {
    for (const path of ['src/core/check.ts', 'test/core/fuzz.test.ts', 'bench/check/run.ts', 'scripts/build.mjs', 'bin/mcp-workflow.js']) {
      assert.equal(await eslint.isPathIgnored(path), false, path);
    }
    for (const path of ['test/fixtures/ts/sdk-server/server.ts', 'test/editor/workspaces/ts/server.ts', 'dist/cli.js']) {
      assert.equal(await eslint.isPathIgnored(path), true, path);
    }
  });
});
