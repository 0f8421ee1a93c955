// A server's instructions in every language: the text as decoded, the span of the member or argument it is given
// in, the server it belongs to (the key its tools get), the tools it names, and no instructions where the text is
// computed at run time.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { extractFile } from '../../src/core/extract';
import type { FileModel, InstructionsDef, SourceSpan } from '../../src/core/model';
import { fixture, readFixture } from './helpers';

/** A span as "line:col-line:col", 1-based. */
const at = (s: SourceSpan) => `${s.range.start.line + 1}:${s.range.start.character + 1}-${s.range.end.line + 1}:${s.range.end.character + 1}`;
/** The source text a span covers. */
const textAt = (source: string, s: SourceSpan) => source.slice(s.start, s.end);

function only(model: FileModel): InstructionsDef {
  assert.equal(model.instructions?.length, 1, 'one instructions');
  return model.instructions![0]!;
}

async function extract(file: string, source: string) {
  return extractFile(file, source, { readModule: (path) => readFile(path, 'utf8').catch(() => undefined) });
}

describe('server instructions: TypeScript', () => {
  it('McpServer: a template literal over two lines, on the server its tools are registered on', async () => {
    const file = fixture('rules', 'tools-unknown-tool', 'instructions-sdk.ts');
    const source = readFixture('rules', 'tools-unknown-tool', 'instructions-sdk.ts');
    const model = await extract(file, source);
    const def = only(model);
    assert.equal(def.style, 'sdk');
    assert.equal(def.text.value, 'Projects of one workspace. Always call list_projcts before delete_project,\nand use delete_project only on an id from list_projects.');
    assert.match(textAt(source, def.span), /^instructions: `Projects[^`]*`$/);
    assert.equal(at(def.span), '11:7-12:58');
    assert.ok(def.server && model.tools.every((t) => t.server === def.server), 'the tools and the instructions share the server');
    assert.deepEqual(def.mentions.map((m) => [m.name, at(m.span)]), [['list_projcts', '11:61-11:73'], ['delete_project', '12:9-12:23']]);
  });

  it('the low-level Server: `+` concatenation mapped back into each literal', async () => {
    const source = readFixture('rules', 'tools-unknown-tool', 'instructions-lowlevel.ts');
    const model = await extract(fixture('rules', 'tools-unknown-tool', 'instructions-lowlevel.ts'), source);
    const def = only(model);
    assert.equal(def.style, 'sdk-lowlevel');
    assert.equal(def.text.value, 'Notes of the user. Use search_notes to find a note, then call read_note with its id. Never use search_note.');
    for (const m of def.mentions) assert.equal(textAt(source, m.span), m.name);
    assert.deepEqual(def.mentions.map((m) => m.name), ['search_notes', 'read_note', 'search_note']);
    assert.ok(def.server && model.tools.every((t) => t.server === def.server));
  });

  it('fastmcp: a const of the module, its span the member', async () => {
    const source = readFixture('rules', 'tools-unknown-tool', 'instructions-fastmcp.ts');
    const model = await extract(fixture('rules', 'tools-unknown-tool', 'instructions-fastmcp.ts'), source);
    const def = only(model);
    assert.equal(def.style, 'fastmcp');
    assert.equal(textAt(source, def.span), 'instructions: INSTRUCTIONS');
    assert.match(textAt(source, def.text.span), /^"Weather for a city/);
    assert.deepEqual(def.mentions.map((m) => [m.name, m.form]), [['get_forecast', 'backtick'], ['get_forecst', 'backtick']]);
    assert.ok(def.server && model.tools.every((t) => t.server === def.server));
  });

  it('a shorthand member whose const a sibling module exports: the text stands in that file', async () => {
    const file = fixture('rules', 'tools-unknown-tool', 'instructions-imported', 'server.ts');
    const model = await extract(file, readFixture('rules', 'tools-unknown-tool', 'instructions-imported', 'server.ts'));
    const def = only(model);
    assert.equal(def.text.file, fixture('rules', 'tools-unknown-tool', 'instructions-imported', 'instructions.ts'));
    assert.equal(def.text.value, 'Support tickets. Use open_ticket to file one; use close_tickt to close it.');
    assert.equal(at(def.mentions[1]!.span), '1:80-1:91');
    assert.deepEqual(model.dependencies, [def.text.file]);
  });

  it('reads no instructions computed at run time, nor a `Server` of a file that does not import the SDK', async () => {
    const computed = "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';\nconst instructions = readInstructions();\nconst server = new McpServer({ name: 'x', version: '1' }, { instructions });\n";
    assert.equal((await extract('/ws/a.ts', computed)).instructions, undefined);
    const other = "import { Server } from 'node:net';\nconst s = new Server({}, { instructions: 'Call get_thing first.' });\n";
    assert.equal((await extract('/ws/b.ts', other)).instructions, undefined);
  });

  it('keys a class field server as its registrations on this.server', async () => {
    const source = "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';\nclass App {\n  server = new McpServer({ name: 'x', version: '1' }, { instructions: 'Use ping_server to check.' });\n  start() {\n    this.server.registerTool('ping_server', { description: 'Checks the server answers' }, async () => ({ content: [] }));\n  }\n}\n";
    const model = await extract('/ws/c.ts', source);
    assert.ok(only(model).server);
    assert.equal(only(model).server, model.tools[0]!.server);
  });
});

describe('server instructions: Python', () => {
  const read = async (name: string) => {
    const source = readFixture('python', 'instructions', name);
    return { source, model: await extract(fixture('python', 'instructions', name), source) };
  };

  it('FastMCP: a triple-quoted keyword argument, on the server its decorators register on', async () => {
    const { source, model } = await read('library_server.py');
    const def = only(model);
    assert.equal(def.style, 'fastmcp');
    assert.equal(def.text.value, 'Books of the city library.\nAlways call find_book before reserve_book, and pass the book_id it returns.\nNever use find_bok, it was removed.');
    assert.match(textAt(source, def.span), /^instructions="""Books[\s\S]*removed\."""$/);
    assert.equal(def.server, 'mcp');
    assert.deepEqual(model.tools.map((t) => t.server), ['mcp', 'mcp']);
    assert.deepEqual(def.mentions.map((m) => [m.name, at(m.span)]), [['find_book', '8:13-8:22'], ['find_bok', '9:11-9:19']]);
  });

  it('the low-level Server: implicit concatenation over two lines, the server its list handler serves', async () => {
    const { source, model } = await read('lowlevel_server.py');
    const def = only(model);
    assert.equal(def.style, 'python-lowlevel');
    assert.equal(def.text.value, 'Currency conversion. Use convert_currency for every amount; call get_rates only when the user asks for the rates themselves.');
    for (const m of def.mentions) assert.equal(textAt(source, m.span), m.name);
    assert.equal(at(def.mentions[1]!.span), '27:11-27:20');
    assert.equal(def.server, 'app');
    assert.equal(model.tools[0]!.server, 'app');
  });

  it("the SDK's FastMCP (mcp 1.x): the second positional argument", async () => {
    const { source, model } = await read('sdk_v1_server.py');
    const def = only(model);
    assert.match(textAt(source, def.span), /^"Parcel tracking\./);
    assert.deepEqual(def.mentions.map((m) => m.name), ['track_parcel', 'track_parcels']);
  });

  it("reads MCPServer's instructions by keyword only (its second parameter is a title), and none computed", async () => {
    const source = 'from mcp.server.mcpserver import MCPServer\n\nmcp = MCPServer("shop", "Shop", instructions="Use list_items first.")\nother = MCPServer("b", load_instructions())\n';
    const model = await extract('/ws/shop.py', source);
    assert.deepEqual(model.instructions?.map((d) => d.text.value), ['Use list_items first.']);
    const computed = await extract('/ws/c.py', 'from fastmcp import FastMCP\n\nmcp = FastMCP("c", instructions=Path("i.md").read_text())\n');
    assert.equal(computed.instructions, undefined);
  });

  it('reads a file holding only the server, with no tool yet', async () => {
    const model = await extract('/ws/only.py', 'from fastmcp import FastMCP\n\nmcp = FastMCP("x", instructions="Use search_docs to find a page.")\n');
    assert.deepEqual(only(model).mentions.map((m) => m.name), ['search_docs']);
  });
});

describe('server instructions: Go', () => {
  const read = async (pkg: string) => {
    const source = readFixture('go', 'instructions', pkg, 'main.go');
    return { source, model: await extract(fixture('go', 'instructions', pkg, 'main.go'), source) };
  };

  it('mcp-go: server.WithInstructions of a raw string const, on the server its tools are added to', async () => {
    const { source, model } = await read('mcpgo');
    const def = only(model);
    assert.equal(def.style, 'mcp-go');
    assert.equal(textAt(source, def.span), 'server.WithInstructions(instructions)');
    assert.equal(def.text.value, 'Weather for any city.\nCall get_forecast with the city name; never call get_forcast.');
    assert.equal(def.server, 's');
    assert.equal(model.tools[0]!.server, 's');
    assert.deepEqual(def.mentions.map((m) => [m.name, at(m.span)]), [['get_forecast', '14:6-14:18'], ['get_forcast', '14:50-14:61']]);
  });

  it('go-sdk: ServerOptions kept in a local and given to NewServer, its Instructions a `+` over two lines', async () => {
    const { source, model } = await read('gosdk');
    const def = only(model);
    assert.equal(def.style, 'go-sdk');
    assert.match(textAt(source, def.span), /^Instructions: "A dictionary\.[\s\S]*meaning\."$/);
    assert.equal(def.server, 'server');
    assert.equal(model.tools[0]!.server, 'server');
    for (const m of def.mentions) assert.equal(textAt(source, m.span), m.name);
    assert.deepEqual(def.mentions.map((m) => m.name), ['lookup_word', 'lookup_synonym']);
  });

  it('reads a file holding only the server, and no instructions computed at run time', async () => {
    const source = 'package main\n\nimport "github.com/modelcontextprotocol/go-sdk/mcp"\n\nfunc build(text string) *mcp.Server {\n\tmcp.NewServer(&mcp.Implementation{Name: "a"}, &mcp.ServerOptions{Instructions: "Use list_items first."})\n\treturn mcp.NewServer(&mcp.Implementation{Name: "b"}, &mcp.ServerOptions{Instructions: text})\n}\n';
    const model = await extract('/ws/server.go', source);
    assert.deepEqual(model.instructions?.map((d) => [d.text.value, d.server]), [['Use list_items first.', undefined]]);
  });
});

describe('server instructions: Rust (rmcp)', () => {
  it('get_info: with_instructions of concat!, on the server of the impl, as its tools are', async () => {
    const source = readFixture('rules', 'tools-unknown-tool', 'instructions-rmcp.rs');
    const model = await extract(fixture('rules', 'tools-unknown-tool', 'instructions-rmcp.rs'), source);
    const def = only(model);
    assert.equal(def.style, 'rmcp-macro');
    assert.match(textAt(source, def.span), /^with_instructions\(concat!\([\s\S]*\)\)$/);
    assert.equal(def.text.value, 'Invoices of the billing system. Call list_invoices with a customer_id; never call list_invoice.');
    assert.equal(def.server, 'rmcp:Billing');
    assert.equal(model.tools[0]!.server, 'rmcp:Billing');
    assert.deepEqual(def.mentions.map((m) => [m.name, at(m.span)]), [['list_invoices', '32:19-32:32'], ['list_invoice', '32:64-32:76']]);
  });

  it('#[tool_handler(instructions = …)]: the attribute argument', async () => {
    const source = readFixture('rules', 'tools-unknown-tool', 'instructions-rmcp-attribute.rs');
    const def = only(await extract(fixture('rules', 'tools-unknown-tool', 'instructions-rmcp-attribute.rs'), source));
    assert.equal(textAt(source, def.span), 'instructions = "Use convert_units for any length; use convert_unit for none."');
    assert.equal(def.server, 'rmcp:Units');
  });

  it('the compiled rmcp 3.x fixture server: ServerConfig::new(…).with_instructions("….to_string()")', async () => {
    const source = readFixture('rust', 'rmcp-server', 'src', 'main.rs');
    const def = only(await extract(fixture('rust', 'rmcp-server', 'src', 'main.rs'), source));
    assert.equal(def.text.value, 'Start with the sales_top_customers tool; pass its customer_id to the other tools.');
    assert.equal(def.server, 'rmcp:CustomerInsights');
    assert.deepEqual(def.mentions.map((m) => m.name), ['sales_top_customers']);
  });

  it('the struct literal of earlier releases, a raw string; none for None, a computed text or a test module', async () => {
    const source = [
      'impl ServerHandler for Old {',
      '    fn get_info(&self) -> ServerInfo {',
      '        ServerInfo { instructions: Some(r#"Call "list_items" first: use list_items."#.into()), ..Default::default() }',
      '    }',
      '}',
      'impl ServerHandler for Quiet {',
      '    fn get_info(&self) -> ServerInfo {',
      '        ServerInfo { instructions: None, ..Default::default() }.with_instructions(load_text())',
      '    }',
      '}',
      '#[cfg(test)]',
      'mod tests {',
      '    fn info() -> ServerInfo { ServerInfo::default().with_instructions("Use test_tool.") }',
      '}',
      '',
    ].join('\n');
    const model = await extract('/ws/src/lib.rs', source);
    const def = only(model);
    assert.equal(def.text.value, 'Call "list_items" first: use list_items.');
    assert.equal(def.server, 'rmcp:Old');
    assert.equal(textAt(source, def.span).slice(0, 20), 'instructions: Some(r');
  });
});
