// A go-sdk tool's handler and the struct of its typed arguments declared in other files of the package (the same
// folder and package clause): read there, the schema placed in the file that declares the struct, and read again
// when that file changes.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { ToolDef } from '../../../src/core/model';
import { extractFile } from '../../../src/core/extract';
import { WorkspaceIndex } from '../../../src/core/workspace';
import { fixture, memoryHost } from '../helpers';


const DIR = fixture('go', 'gosdk-package');
const read = (name: string) => readFileSync(join(DIR, name), 'utf8');
const MAIN = read('main.go');
const NOTES = read('notes.go');

async function indexOf(files: Record<string, string>): Promise<WorkspaceIndex> {
  const index = new WorkspaceIndex();
  await index.addPaths(memoryHost(files), ['/p']);
  return index;
}

const toolOf = (index: WorkspaceIndex, name: string): ToolDef => index.get('/p/main.go')!.tools.find((t) => t.name === name)!;
/** The text a span covers. */
const at = (text: string, span: { start: number; end: number }) => text.slice(span.start, span.end);

describe('go-sdk tools declared across a package', () => {
  it('reads a handler method of another file, and its argument and result structs there', async () => {
    const index = await indexOf({ '/p/main.go': MAIN, '/p/notes.go': NOTES });
    const add = toolOf(index, 'add_note');
    assert.deepEqual(add.inputSchema?.errors, []);
    assert.deepEqual(add.inputSchema?.value, {
      type: 'object',
      properties: {
        title: { type: 'string', description: "The note's title" },
        body: { type: 'string' },
        tags: { type: ['null', 'array'], items: { type: 'object', properties: { name: { type: 'string', description: 'The tag, in lower case' } }, required: ['name'], additionalProperties: false }, description: 'Tags to file the note under' },
      },
      required: ['title', 'body'],
      additionalProperties: false,
    });
    // The schema stands in notes.go, where its fields are written: that is where findings about them go.
    assert.equal(add.inputSchema?.file, '/p/notes.go');
    assert.equal(at(NOTES, add.inputSchema!.locations['/properties/title']!.key!), 'title');
    assert.equal(at(NOTES, add.inputSchema!.locations['/properties/tags/items/properties/name/description']!.value), 'The tag, in lower case');
    assert.deepEqual(add.outputSchema?.errors, []);
    assert.equal(add.outputSchema?.file, '/p/notes.go');
    assert.deepEqual(Object.keys((add.outputSchema?.value as { properties: object }).properties), ['id', 'title', 'body', 'tags']);
    assert.deepEqual(index.get('/p/main.go')!.dependencies, ['/p/notes.go']);
  });

  it('reads a handler of another file whose arguments struct is declared in this one, placed here', async () => {
    const index = await indexOf({ '/p/main.go': MAIN, '/p/notes.go': NOTES });
    const search = toolOf(index, 'search_notes');
    assert.deepEqual(search.inputSchema?.errors, []);
    assert.equal(search.inputSchema?.file, undefined);
    assert.deepEqual(search.inputSchema?.value, { type: 'object', properties: { query: { type: 'string', description: 'The words to look for in the notes' }, limit: { type: 'integer' } }, required: ['query'], additionalProperties: false });
    assert.equal(at(MAIN, search.inputSchema!.locations['/properties/query']!.key!), 'query');
    // `any` as the output: no output schema.
    assert.equal(search.outputSchema, undefined);
  });

  it('reads an arguments struct of another file for a handler of this one', async () => {
    const index = await indexOf({ '/p/main.go': MAIN, '/p/notes.go': NOTES });
    const get = toolOf(index, 'get_note');
    assert.deepEqual(get.inputSchema?.errors, []);
    assert.equal(get.inputSchema?.file, '/p/notes.go');
    assert.deepEqual(get.inputSchema?.value, { type: 'object', properties: { id: { type: 'string', description: "The note's id, from search_notes output" } }, required: ['id'], additionalProperties: false });
    assert.equal(at(NOTES, get.inputSchema!.span), 'GetNoteArgs struct {\n\tID string `json:"id" jsonschema:"The note\'s id, from search_notes output"`\n}');
  });

  it('is read again when the file declaring its struct changes', async () => {
    const index = await indexOf({ '/p/main.go': MAIN, '/p/notes.go': NOTES });
    await index.update('/p/notes.go', NOTES.replace('ID string `json:"id"', 'ID string `json:"note_id"'));
    assert.deepEqual(Object.keys((toolOf(index, 'get_note').inputSchema?.value as { properties: object }).properties), ['note_id']);
  });

  it('is read again when a file of the folder comes back into the package (its package clause typed again)', async () => {
    // While the clause is being typed, notes.go is in no package: get_note's struct is not found, and the tool must
    // still be read again once notes.go is back. Found by the server's incremental fuzz test.
    const index = await indexOf({ '/p/main.go': MAIN, '/p/notes.go': NOTES });
    await index.update('/p/notes.go', NOTES.replace('package main', 'packag main'));
    await index.update('/p/main.go', `${MAIN}\n`);
    assert.match(toolOf(index, 'get_note').inputSchema?.errors[0]?.message ?? '', /`GetNoteArgs` is not a type declared in this file/);
    await index.update('/p/notes.go', NOTES);
    assert.deepEqual(toolOf(index, 'get_note').inputSchema?.errors, []);
  });

  it('reads a struct of a file that comes later, and forgets one whose file goes', async () => {
    const index = await indexOf({ '/p/main.go': MAIN });
    assert.match(toolOf(index, 'get_note').inputSchema?.errors[0]?.message ?? '', /`GetNoteArgs` is not a type declared in this file/);
    await index.update('/p/notes.go', NOTES);
    assert.deepEqual(toolOf(index, 'get_note').inputSchema?.errors, []);
    await index.remove('/p/notes.go');
    assert.match(toolOf(index, 'get_note').inputSchema?.errors[0]?.message ?? '', /`GetNoteArgs` is not a type declared in this file/);
  });

  it('leaves out files of another package, test files for a non-test file, and other folders', async () => {
    const other = NOTES.replace('package main', 'package notes');
    const cases: Record<string, string>[] = [
      { '/p/main.go': MAIN, '/p/notes.go': other },
      { '/p/main.go': MAIN, '/p/notes_test.go': NOTES },
      { '/p/main.go': MAIN, '/p/sub/notes.go': NOTES },
    ];
    for (const files of cases) {
      const index = await indexOf(files);
      const get = toolOf(index, 'get_note');
      assert.match(get.inputSchema?.errors[0]?.message ?? '', /`GetNoteArgs` is not a type declared in this (?:file|package)/, Object.keys(files).join(' '));
      assert.equal(toolOf(index, 'add_note').inputSchema?.value, undefined, 'the handler is not read from there');
    }
  });

  it('reads one file alone as before: its package is not known', async () => {
    const model = await extractFile('/p/main.go', MAIN);
    assert.match(model.tools.find((t) => t.name === 'get_note')?.inputSchema?.errors[0]?.message ?? '', /`GetNoteArgs` is not a type declared in this file/);
    assert.equal(model.dependencies, undefined);
  });
  it('reads an mcp-go WithInputSchema[T] struct of another file, its locations at the type argument', async () => {
    const main = 'package main\n\nimport "github.com/mark3labs/mcp-go/mcp"\n\nfunc tools() mcp.Tool {\n\treturn mcp.NewTool("archive", mcp.WithDescription("Archive a note by its id"), mcp.WithInputSchema[ArchiveArgs]())\n}\n';
    const args = 'package main\n\ntype ArchiveArgs struct {\n\tID string `json:"id" jsonschema:"The note\'s id"`\n}\n';
    const index = await indexOf({ '/p/main.go': main, '/p/args.go': args });
    const tool = index.get('/p/main.go')!.tools[0]!;
    assert.deepEqual(tool.inputSchema?.errors, []);
    assert.deepEqual(tool.inputSchema?.value, { type: 'object', properties: { id: { type: 'string', description: "The note's id" } }, required: ['id'], additionalProperties: false });
    // The doc stands in main.go; what is inside the struct of args.go is placed at the name that leads there.
    assert.equal(tool.inputSchema?.file, undefined);
    assert.equal(at(main, tool.inputSchema!.locations['/properties/id']!.value), 'ArchiveArgs');
    assert.deepEqual(index.get('/p/main.go')!.dependencies, ['/p/args.go']);
  });
  it('places an `any` input of a handler of another file in that file', async () => {
    const main = 'package main\n\nimport "github.com/modelcontextprotocol/go-sdk/mcp"\n\nfunc main() {\n\tserver := mcp.NewServer(&mcp.Implementation{Name: "n"}, nil)\n\tmcp.AddTool(server, &mcp.Tool{Name: "ping", Description: "Checks that the server answers"}, ping)\n}\n';
    const ping = 'package main\n\nfunc ping(ctx context.Context, req *mcp.CallToolRequest, args any) (*mcp.CallToolResult, any, error) {\n\treturn nil, nil, nil\n}\n';
    const index = await indexOf({ '/p/main.go': main, '/p/ping.go': ping });
    const doc = index.get('/p/main.go')!.tools[0]!.inputSchema!;
    assert.deepEqual([doc.value, doc.file, at(ping, doc.span)], [{ type: 'object' }, '/p/ping.go', 'any']);
  });
});
