// Every Go snippet, expanded with its defaults below the header its description names, builds and vets against the
// go-sdk the fixtures' go.mod pins (each in a package of its own, in a module outside the repository), and the
// checker reads from it what the snippet promises (test/snippets/ checks that part for every language).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { expandSnippet } from '../snippets/expand';
import { GO_SNIPPET_HEADER, loadSnippets } from '../snippets/snippet-files';
import { goFixtureDir } from './go-server';

test('every Go snippet builds and passes go vet with the go-sdk', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mcpwk-go-snippets-'));
  copyFileSync(join(goFixtureDir, 'go.mod'), join(dir, 'go.mod'));
  copyFileSync(join(goFixtureDir, 'go.sum'), join(dir, 'go.sum'));
  const snippets = loadSnippets('go');
  assert.equal(snippets.length, 14);
  for (const snippet of snippets) {
    const pkg = join(dir, snippet.prefix);
    mkdirSync(pkg);
    writeFileSync(join(pkg, 'main.go'), GO_SNIPPET_HEADER + expandSnippet(snippet.body));
  }
  const env = { ...process.env, GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local' };
  const build = spawnSync('go', ['build', '-o', join(dir, 'bin') + '/', './...'], { cwd: dir, encoding: 'utf8', env });
  assert.equal(build.status, 0, build.stderr);
  const vet = spawnSync('go', ['vet', './...'], { cwd: dir, encoding: 'utf8', env });
  assert.equal(vet.status, 0, vet.stderr);
});
