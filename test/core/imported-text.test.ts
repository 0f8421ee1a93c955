// Prompt texts written in a sibling module: followed through relative imports, placed in the file they stand in,
// and read again when that file changes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checkWorkspace } from '../../src/core/check';
import { extractFile } from '../../src/core/extract';
import { argumentReferences, findAt } from '../../src/core/lookup';
import { moduleCandidates } from '../../src/core/parse/typescript/imports';
import { WorkspaceIndex } from '../../src/core/workspace';
import { fixture, memoryHost } from './helpers';

const SERVER = `import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { REPORT as TEXT } from './texts.js';
const server = new McpServer({ name: 'r', version: '1' });
server.registerPrompt('report', { description: 'Writes the weekly report for a team', argsSchema: { team: z.string().describe('The team, by name') } }, () => ({
  messages: [{ role: 'user', content: { type: 'text', text: TEXT } }],
}));
`;


describe('prompt text imported from a sibling module', () => {
  it('resolves `.js` to `.ts`, then index files, as TypeScript does', () => {
    assert.deepEqual(moduleCandidates('/s/a.ts', './t.js'), ['/s/t.ts', '/s/t.tsx', '/s/t.js']);
    assert.deepEqual(moduleCandidates('/s/a.ts', '../p').slice(-3), ['/p/index.ts', '/p/index.tsx', '/p/index.js']);
  });

  it('places the text in its own file, and reads it again when that file changes', async () => {
    const texts = 'export const REPORT = `Report for {{team}}: call the list_tickets tool.`;\n';
    const index = new WorkspaceIndex();
    await index.addPaths(memoryHost({ '/s/server.ts': SERVER, '/s/texts.ts': texts }), ['/s']);
    const [message] = index.get('/s/server.ts')!.prompts[0]!.messages;
    assert.equal(message?.text.file, '/s/texts.ts');
    assert.deepEqual(message?.template.variables.map((v) => [v.name, v.span.range.start]), [['team', { line: 0, character: texts.indexOf('team') }]]);
    const unknown = checkWorkspace(index.models()).filter((d) => d.ruleId === 'tools/unknown-tool');
    assert.deepEqual(unknown.map((d) => [d.file, d.range.start]), [['/s/texts.ts', { line: 0, character: texts.indexOf('list_tickets') }]]);

    // Hover and definition ask what stands in the text's own file; references of the argument cross both files.
    const found = findAt(index.get('/s/texts.ts')!, { line: 0, character: texts.indexOf('list_tickets') + 2 }, [], index.models());
    assert.deepEqual([found?.kind, found && 'name' in found ? found.name : undefined], ['mention', 'list_tickets']);
    const prompt = index.get('/s/server.ts')!.prompts[0]!;
    assert.deepEqual(argumentReferences(prompt, 'team').map((r) => r.file), ['/s/server.ts', '/s/texts.ts']);

    // The text no longer uses the argument: the importer is read again, and now says so.
    await index.update('/s/texts.ts', 'export const REPORT = `Weekly report.`;\n');
    assert.equal(index.get('/s/server.ts')!.prompts[0]!.messages[0]?.text.value, 'Weekly report.');
    assert.deepEqual(checkWorkspace(index.models()).filter((d) => d.ruleId === 'template/unused-argument').map((d) => d.file), ['/s/server.ts']);
  });

  it('reads an imported arguments schema with its descriptions, placed in the schemas module', async () => {
    const dir = fixture('rules', 'template-unused-argument', 'imported-schema');
    const readModule = (path: string) => readFile(path, 'utf8').catch(() => undefined);
    const model = await extractFile(join(dir, 'server.ts'), readFileSync(join(dir, 'server.ts'), 'utf8'), { readModule });
    const args = model.prompts[0]!.arguments.map((a) => [a.name, a.description?.value, a.file, a.description?.file, a.nameSpan.range.start.line]);
    const schemas = join(dir, 'schemas.ts');
    assert.deepEqual(args, [['city', 'City to visit', schemas, schemas, 3], ['nights', 'How many nights to stay', schemas, schemas, 4]]);
    assert.deepEqual(model.dependencies, [schemas]);
  });

  it('judges nothing of a text whose module is not there: its uses are unknown', async () => {
    const index = new WorkspaceIndex();
    await index.addPaths(memoryHost({ '/s/server.ts': SERVER }), ['/s']);
    assert.deepEqual(index.get('/s/server.ts')!.prompts[0]!.messages, []);
    assert.deepEqual(checkWorkspace(index.models()).map((d) => d.ruleId), []);
  });
  it('reads the text once its module comes: the file is created after the importer was read', async () => {
    const index = new WorkspaceIndex();
    await index.addPaths(memoryHost({ '/s/server.ts': SERVER }), ['/s']);
    await index.update('/s/texts.ts', 'export const REPORT = `Report for {{team}}.`;\n');
    assert.equal(index.get('/s/server.ts')!.prompts[0]!.messages[0]?.text.value, 'Report for {{team}}.');
  });

  it('reports a finding of an imported schema in the module it is written in', async () => {
    const server = "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';\nimport { SHAPE } from './shapes.js';\nconst server = new McpServer({ name: 'r', version: '1' });\nserver.registerTool('find', { description: 'Finds a customer by words', inputSchema: SHAPE }, async () => ({ content: [] }));\n";
    const shapes = "import { z } from 'zod';\nexport const SHAPE = { query: z.string() };\n";
    const index = new WorkspaceIndex();
    await index.addPaths(memoryHost({ '/s/server.ts': server, '/s/shapes.ts': shapes }), ['/s']);
    const missing = checkWorkspace(index.models()).filter((d) => d.ruleId === 'descriptions/parameter-missing');
    assert.deepEqual(missing.map((d) => [d.file, d.range.start]), [['/s/shapes.ts', { line: 1, character: shapes.split('\n')[1]!.indexOf('query') }]]);
  });
});
