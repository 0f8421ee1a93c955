// Which program and server a declaration belongs to: results for one project never depend on which other
// projects are checked with it (`check a b` reports for `a` what `check a` does).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { callableTools, checkWorkspace, createCheckContext } from '../../src/core/check';
import { extractFile } from '../../src/core/extract';
import { createProjectResolver, programOf } from '../../src/core/project';
import { fixture } from './helpers';

const WORKSPACE = fixture('workspaces', 'independent');
const read = (file: string) => extractFile(file, readFileSync(file, 'utf8'));

describe('projects are checked independently', () => {
  it('reports the same for one project whether or not another is checked with it', async () => {
    const billing = await read(join(WORKSPACE, 'billing', 'src', 'main.rs'));
    const search = await read(join(WORKSPACE, 'search', 'src', 'main.rs'));
    const projectOf = createProjectResolver();
    const alone = checkWorkspace([billing], { projectOf });
    const together = checkWorkspace([billing, search], { projectOf }).filter((d) => d.file === billing.file);
    assert.deepEqual(together, alone);
    assert.deepEqual(alone.filter((d) => d.ruleId === 'names/duplicate').map((d) => d.range.start.line + 1), [17]);
    // The prompt names a tool only the other project declares: unknown to billing in both runs.
    assert.equal(together.filter((d) => d.ruleId === 'tools/unknown-tool').length, 1);
    // The search server's own registration of `lookup` merges into its declaration; billing's two stay.
    assert.deepEqual(callableTools([billing, search], projectOf).map((t) => `${t.file === billing.file ? 'billing' : 'search'}:${t.style}`), ['billing:registration', 'billing:registration', 'search:pmcp', 'search:pmcp']);
  });

  it('gives each Cargo target, and each language, a program of its own', () => {
    const rust = (file: string, hasMain = false) => programOf({ file: `/ws/${file}`, language: 'rust', hasMain }, '/ws');
    assert.equal(rust('examples/server.rs'), rust('examples/server.rs'));
    assert.notEqual(rust('examples/server.rs'), rust('examples/stateless.rs'));
    assert.equal(rust('examples/oauth/src/main.rs', true), rust('examples/oauth/src/tools.rs'));
    assert.notEqual(rust('src/bin/a.rs', true), rust('src/bin/b/main.rs', true));
    assert.equal(rust('src/main.rs', true), rust('src/lib.rs'));
    assert.notEqual(rust('stdio-minimal.rs', true), rust('src/main.rs', true));
    assert.notEqual(programOf({ file: '/ws/src/lib.rs', language: 'rust' }, '/ws'), programOf({ file: '/ws/src/lib.ts', language: 'typescript' }, '/ws'));
  });

  it('merges an example\'s registration into the declaration of its crate\'s library, as the checks see tools', async () => {
    const lib = await extractFile('/ws/src/lib.rs', 'pub fn lookup() -> ToolInfo {\n    ToolInfo::new("lookup", Some("Find a customer by email".to_string()), json!({ "type": "object" }))\n}\n');
    const example = await extractFile('/ws/examples/demo.rs', 'fn main() {\n    let server = Server::builder().tool("lookup", LookupTool).build();\n}\n');
    assert.deepEqual(callableTools([lib, example], () => '/ws').map((t) => `${t.file}:${t.style}`), ['/ws/src/lib.rs:pmcp']);
  });

  it('works out each file\'s program once per check context (the keystroke path makes one per re-check)', async () => {
    const files = [await read(join(WORKSPACE, 'billing', 'src', 'main.rs')), await read(join(WORKSPACE, 'search', 'src', 'main.rs'))];
    const resolve = createProjectResolver();
    let asked = 0;
    createCheckContext(files, (file) => (asked++, resolve(file)));
    assert.equal(asked, files.length);
  });

  it('gives a file with no project the same program wherever the process runs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'programs-'));
    const file = { file: join(dir, 'examples', 'server.rs'), language: 'rust' as const };
    const before = programOf(file, '');
    const cwd = process.cwd();
    try {
      process.chdir(dir);
      assert.equal(programOf(file, ''), before);
    } finally {
      process.chdir(cwd);
    }
  });
});
