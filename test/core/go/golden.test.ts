// Golden test of every rule on the Go fixture servers: test/fixtures/go is one Go module (its go.mod) whose
// folders are programs of their own, each checked as one workspace; expected.json holds every diagnostic as
// "line:col-endLine:endCol rule-id" (1-based), per file. The comparison is exact. `UPDATE_GOLDEN=1` rewrites it.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { checkWorkspace } from '../../../src/core/check';
import { extractFile, languageOf } from '../../../src/core/extract';
import { createProjectResolver } from '../../../src/core/project';
import { createRevisionResolver } from '../../../src/core/protocol-revision';
import { fixture } from '../helpers';

const ROOT = fixture('go');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : languageOf(path) ? [path] : [];
  }).sort();
}

async function checkGoFixtures(): Promise<{ lines: Record<string, string[]>; messages: Map<string, string> }> {
  const lines: Record<string, string[]> = {};
  const messages = new Map<string, string>();
  for (const folder of readdirSync(ROOT).filter((n) => statSync(join(ROOT, n)).isDirectory()).sort()) {
    const files = sourceFiles(join(ROOT, folder));
    const models = await Promise.all(files.map((file) => extractFile(file, readFileSync(file, 'utf8'))));
    const projectOf = createProjectResolver();
    for (const file of files) lines[relative(ROOT, file)] = [];
    for (const d of checkWorkspace(models, { projectOf, revisionOf: createRevisionResolver(projectOf) })) {
      const line = `${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${d.ruleId}`;
      lines[relative(ROOT, d.file)]!.push(line);
      messages.set(`${relative(ROOT, d.file)} ${line}`, d.message);
    }
  }
  return { lines, messages };
}

describe('Go fixture servers: every rule (golden)', () => {
  it('matches expected.json exactly', async () => {
    const { lines } = await checkGoFixtures();
    const path = join(ROOT, 'expected.json');
    if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(path, `${JSON.stringify(lines, null, 2)}\n`);
    assert.deepEqual(lines, JSON.parse(readFileSync(path, 'utf8')));
  });

  it('says what to write in Go: fmt.Sprintf reading request.Params.Arguments', async () => {
    const { messages } = await checkGoFixtures();
    const all = [...messages.entries()];
    const unused = all.find(([k]) => k.includes('template/unused-argument'))?.[1] ?? '';
    assert.match(unused, /Arguments\["(?:region|owner)"\] in the handler/);
    const braces = all.find(([k]) => k.includes('template/literal-braces'))?.[1] ?? '';
    assert.match(braces, /fmt\.Sprintf/);
    const undeclared = all.find(([k]) => k.includes('template/undeclared-variable'))?.[1] ?? '';
    assert.match(undeclared, /empty string.*Did you mean "account_id"/);
  });
});
