// The Go resource fixtures as real stdio servers: what each serves (resources and templates, one per URI) is what
// the extractor reads from its source, and started with `-broken` each panics on the template the checker reports.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { checkWorkspace } from '../../src/core/check';
import { extractFile } from '../../src/core/extract';
import { connectServer } from '../../src/core/mcp/client';
import { goFixtureDir, goSdkResourcesServer, mcpGoResourcesServer } from './go-server';

const root = join(__dirname, '..', '..');

for (const [framework, binary] of [['mcpgo', mcpGoResourcesServer], ['gosdk', goSdkResourcesServer]] as const) {
  describe(`the ${framework} resources server`, () => {
    const source = join(goFixtureDir, 'resources', framework, 'main.go');

    test('serves the resources and templates read, the later of one URI', async () => {
      const model = await extractFile(source, readFileSync(source, 'utf8'));
      const connection = await connectServer(framework, { type: 'stdio', command: binary(), args: [], cwd: root });
      try {
        const live = await connection.listResources();
        // Without -broken the last template is not added; of one URI the later registration is served.
        const added = (model.resources ?? []).filter((r) => r.name !== 'shelf');
        const last = (template: boolean) => [...new Map(added.filter((r) => (r.template ?? false) === template).map((r) => [r.uri?.value, [r.name, r.uri?.value, r.description?.value, r.mimeType?.value]])).values()];
        assert.deepEqual(live.resources.map((r) => [r.name, r.uri, r.description, r.mimeType]), last(false));
        assert.deepEqual(live.templates.map((r) => [r.name, r.uriTemplate, r.description, r.mimeType]), last(true));
      } finally {
        await connection.close();
      }
    });

    test('panics on the template resources/uri-invalid reports, and on nothing else', async () => {
      const model = await extractFile(source, readFileSync(source, 'utf8'));
      const invalid = checkWorkspace([model], { projectOf: () => 'library' }).filter((d) => d.ruleId === 'resources/uri-invalid');
      assert.deepEqual(invalid.map((d) => readFileSync(source, 'utf8').split('\n')[d.range.start.line]!.slice(d.range.start.character, d.range.end.character)), ['{shelf']);
      const r = spawnSync(binary(), ['-broken'], { input: '', encoding: 'utf8', timeout: 10_000 });
      assert.match(r.stderr, /panic: .*incomplete expression: library:\/\/shelves\/\{shelf/);
      const ok = spawnSync(binary(), [], { input: '', encoding: 'utf8', timeout: 10_000 });
      assert.doesNotMatch(ok.stderr, /panic/);
    });
  });
}
