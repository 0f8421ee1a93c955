// A tool named in a server's instructions is found as the tool (hover, definition), is one of its references, and
// a rename edits it there too: in the file, in a sibling module the instructions are imported from, and in Python.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkWorkspace } from '../../src/core/check';
import { extractFile } from '../../src/core/extract';
import { findAt } from '../../src/core/lookup';
import { renameTool, toolReferences } from '../../src/core/rename';
import { LineIndex } from '../../src/core/text/line-index';

const SERVER = `import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { GUIDE } from "./guide.js";

const server = new McpServer({ name: "projects", version: "1.0.0" }, { instructions: "Always call list_projects before delete_project." });
const admin = new McpServer({ name: "admin", version: "1.0.0" }, { instructions: GUIDE });
server.registerTool("list_projects", { description: "The projects of the workspace." }, async () => ({ content: [] }));
server.registerTool("delete_project", { description: "Delete one project." }, async () => ({ content: [] }));
admin.registerTool("audit_log", { description: "The audit log." }, async () => ({ content: [] }));
`;
const GUIDE = `export const GUIDE = "Use audit_log, then list_projects.";\n`;
const PY = `from fastmcp import FastMCP\n\nmcp = FastMCP("py", instructions="Call \`list_projects\` first.")\n`;
const files: Record<string, string> = { '/ws/server.ts': SERVER, '/ws/guide.ts': GUIDE, '/ws/py/server.py': PY };
const textOf = (file: string) => files[file];

async function models() {
  const readModule = async (path: string) => files[path];
  return Promise.all(Object.entries(files).map(([file, text]) => extractFile(file, text, { readModule })));
}

/** The position of the `nth` occurrence of a needle in a text, `shift` characters in. */
function pos(text: string, needle: string, nth = 0, shift = 1) {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, needle);
  return new LineIndex(text).positionAt(at + shift);
}

describe('tools named in servers\' instructions', () => {
  it('a mention in the instructions is the tool it names, in the file and in the module they are imported from', async () => {
    const all = await models();
    const tools = all.flatMap((m) => m.tools);
    const here = findAt(all[0]!, pos(SERVER, 'list_projects', 0), tools, all);
    assert.equal(here?.kind, 'mention');
    assert.deepEqual(here?.kind === 'mention' && here.tools.map((t) => t.name), ['list_projects']);
    const imported = findAt(all[1]!, pos(GUIDE, 'audit_log'), tools, all);
    assert.deepEqual(imported?.kind === 'mention' && imported.tools.map((t) => t.file), ['/ws/server.ts']);
  });

  it('references of a tool include its mentions in instructions of every file and language', async () => {
    const refs = toolReferences(await models(), 'list_projects', textOf);
    const at = (file: string) => refs.filter((r) => r.file === file).map((r) => `${r.kind}@${r.range.start.line}:${r.range.start.character}`);
    const server = new LineIndex(SERVER);
    const of = (needle: string, nth: number) => {
      const p = server.positionAt(SERVER.split(needle, nth + 1).join(needle).length);
      return `${p.line}:${p.character}`;
    };
    assert.deepEqual(at('/ws/server.ts'), [`instructions@${of('list_projects', 0)}`, `declaration@${of('list_projects', 1)}`]);
    assert.deepEqual(at('/ws/guide.ts'), [`instructions@0:${GUIDE.indexOf('list_projects')}`]);
    assert.deepEqual(at('/ws/py/server.py'), [`instructions@2:${PY.split('\n')[2]!.indexOf('list_projects')}`]);
  });

  it('a rename edits the instructions, after which no mention is left dangling', async () => {
    const all = await models();
    const result = renameTool(all, 'list_projects', 'list_workspace_projects', textOf);
    assert.ok(!('error' in result), JSON.stringify(result));
    const edited = { ...files };
    for (const file of Object.keys(edited)) {
      const lines = new LineIndex(edited[file]!);
      // Edits applied from the last, so earlier offsets stay put.
      const mine = result.edits.filter((e) => e.file === file).map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), text: e.newText })).sort((a, b) => b.start - a.start);
      for (const e of mine) edited[file] = edited[file]!.slice(0, e.start) + e.text + edited[file]!.slice(e.end);
    }
    assert.equal(result.edits.filter((e) => e.kind === 'instructions').length, 3);
    assert.match(edited['/ws/server.ts']!, /Always call list_workspace_projects before delete_project/);
    assert.match(edited['/ws/guide.ts']!, /then list_workspace_projects\./);
    const readModule = async (path: string) => edited[path];
    const after = await Promise.all(Object.entries(edited).map(([file, text]) => extractFile(file, text, { readModule })));
    const unknown = checkWorkspace(after, { projectOf: () => '/ws' }).filter((d) => d.ruleId === 'tools/unknown-tool');
    assert.deepEqual(unknown, []);
  });
});
