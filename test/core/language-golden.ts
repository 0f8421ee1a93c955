// The golden run of every rule over a language's fixture servers (test/fixtures/<language>): each top folder is
// checked as one workspace; each diagnostic as "line:col-endLine:endCol rule-id" (1-based), per file, and its
// message. The language tests compare that with their expected.json (`UPDATE_GOLDEN=1` rewrites it).
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { checkWorkspace } from '../../src/core/check';
import { extractFile, languageOf } from '../../src/core/extract';
import { createProjectResolver } from '../../src/core/project';
import { createRevisionResolver } from '../../src/core/protocol-revision';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : languageOf(path) ? [path] : [];
  }).sort();
}

export interface GoldenRun {
  lines: Record<string, string[]>;
  messages: Map<string, string>;
  /** What expected.json holds (after rewriting it when UPDATE_GOLDEN=1). */
  expected: Record<string, string[]>;
}

export async function checkFixtureFolders(root: string): Promise<GoldenRun> {
  const lines: Record<string, string[]> = {};
  const messages = new Map<string, string>();
  for (const folder of readdirSync(root).filter((n) => statSync(join(root, n)).isDirectory()).sort()) {
    const files = sourceFiles(join(root, folder));
    // The folder's files are one another's siblings, as the workspace gives them (a Go package's other files).
    const readModule = async (path: string) => (files.includes(path) ? readFileSync(path, 'utf8') : undefined);
    const models = await Promise.all(files.map((file) => extractFile(file, readFileSync(file, 'utf8'), { siblings: () => files, readModule })));
    const projectOf = createProjectResolver();
    for (const file of files) lines[relative(root, file)] = [];
    for (const d of checkWorkspace(models, { projectOf, revisionOf: createRevisionResolver(projectOf) })) {
      const line = `${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${d.ruleId}`;
      lines[relative(root, d.file)]!.push(line);
      messages.set(`${relative(root, d.file)} ${line}`, d.message);
    }
  }
  const path = join(root, 'expected.json');
  if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(path, `${JSON.stringify(lines, null, 2)}\n`);
  return { lines, messages, expected: JSON.parse(readFileSync(path, 'utf8')) as Record<string, string[]> };
}

/** The message of the first diagnostic of a rule. */
export const messageOf = (run: GoldenRun, ruleId: string): string => [...run.messages.entries()].find(([k]) => k.includes(ruleId))?.[1] ?? '';
