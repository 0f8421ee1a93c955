// The registry is the one list of what is read: every framework it names must be the one that reads its own
// declarations (a source of that framework yields its item with the framework listed, and not without it), and
// every language's file pattern picks the language extractFile reads a file as.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SourceLanguage } from '../../src/core/model';
import { extractFile, languageOf } from '../../src/core/extract';
import { LANGUAGES, type ExtractOptions, type Language } from '../../src/core/parse/registry';

/** Per framework as the registry names it: a file of that framework and the item it declares. */
const SOURCES: Record<string, { file: string; text: string; item: string }> = {
  'builders (seed, rmcp model types, pmcp)': {
    file: '/ws/lib.rs',
    text: 'pub fn tool() -> ToolInfo {\n    ToolInfo::new("ping", Some("Reply with pong".to_string()), json!({ "type": "object" }))\n}\n',
    item: 'tool ping',
  },
  'pmcp attributes': {
    file: '/ws/lib.rs',
    text: '#[mcp_tool(name = "echo", description = "Echo the message back")]\nasync fn echo(args: EchoArgs) -> Result<String> {\n    Ok(args.message)\n}\n',
    item: 'tool echo',
  },
  rmcp: {
    file: '/ws/lib.rs',
    text: '#[tool_router]\nimpl S {\n    #[tool(description = "Lists the customers")]\n    fn list(&self) -> String {\n        String::new()\n    }\n}\n',
    item: 'tool list',
  },
  'rmcp resources': {
    file: '/ws/lib.rs',
    text: 'impl ServerHandler for S {\n    async fn list_resources(&self) -> Result<ListResourcesResult, McpError> {\n        Ok(ListResourcesResult { resources: vec![RawResource::new("docs://readme", "readme").no_annotation()], ..Default::default() })\n    }\n}\n',
    item: 'resource readme',
  },
  '@modelcontextprotocol/sdk': {
    file: '/ws/server.ts',
    text: "server.registerTool('ping', { description: 'Checks that the server answers', inputSchema: {} }, async () => ({ content: [] }));\n",
    item: 'tool ping',
  },
  '@modelcontextprotocol/sdk resources': {
    file: '/ws/server.ts',
    text: "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';\nserver.registerResource('readme', 'docs://readme', { description: 'The readme' }, async (uri) => ({ contents: [] }));\n",
    item: 'resource readme',
  },
  'fastmcp resources': {
    file: '/ws/server.ts',
    text: "import { FastMCP } from 'fastmcp';\nserver.addResource({ uri: 'docs://readme', name: 'readme', async load() { return { text: '' }; } });\n",
    item: 'resource readme',
  },
  'sdk low-level tools': {
    file: '/ws/low.ts',
    text: "server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: [{ name: 'lookup', description: 'Looks a customer up', inputSchema: { type: 'object' } }] }));\n",
    item: 'tool lookup',
  },
  'sdk low-level prompts': {
    file: '/ws/low.ts',
    text: "server.setRequestHandler(ListPromptsRequestSchema, async () => ({ prompts: [{ name: 'review', description: 'Review a change', arguments: [] }] }));\n",
    item: 'prompt review',
  },
  fastmcp: {
    file: '/ws/server.ts',
    text: "import { FastMCP } from 'fastmcp';\nserver.addTool({ name: 'add', description: 'Adds two numbers', parameters: z.object({ a: z.number() }), execute: async () => '' });\n",
    item: 'tool add',
  },
  'FastMCP (fastmcp, mcp.server.fastmcp)': {
    file: '/ws/server.py',
    text: 'mcp = FastMCP("demo")\n\n@mcp.tool\ndef add(a: int, b: int) -> int:\n    """Adds two numbers."""\n    return a + b\n',
    item: 'tool add',
  },
  'mcp low-level server': {
    file: '/ws/server.py',
    text: 'from mcp import types\n\n@server.list_tools()\nasync def list_tools() -> list[types.Tool]:\n    return [types.Tool(name="lookup", description="Looks a customer up", inputSchema={"type": "object"})]\n',
    item: 'tool lookup',
  },
  'mark3labs/mcp-go': {
    file: '/ws/main.go',
    text: 'package main\n\nimport "github.com/mark3labs/mcp-go/mcp"\n\nfunc main() {\n\ttool := mcp.NewTool("ping", mcp.WithDescription("Checks that the server answers"))\n\ts.AddTool(tool, handle)\n}\n',
    item: 'tool ping',
  },
  'mark3labs/mcp-go resources': {
    file: '/ws/main.go',
    text: 'package main\n\nimport "github.com/mark3labs/mcp-go/mcp"\n\nfunc main() {\n\ts.AddResource(mcp.NewResource("docs://readme", "readme"), read)\n}\n',
    item: 'resource readme',
  },
  'modelcontextprotocol/go-sdk resources': {
    file: '/ws/main.go',
    text: 'package main\n\nimport "github.com/modelcontextprotocol/go-sdk/mcp"\n\nfunc main() {\n\tserver.AddResource(&mcp.Resource{Name: "readme", URI: "docs://readme"}, read)\n}\n',
    item: 'resource readme',
  },
  'modelcontextprotocol/go-sdk': {
    file: '/ws/main.go',
    text: 'package main\n\nimport "github.com/modelcontextprotocol/go-sdk/mcp"\n\nfunc main() {\n\tmcp.AddTool(server, &mcp.Tool{Name: "greet", Description: "Says hi to someone"}, greet)\n}\n',
    item: 'tool greet',
  },
};

const items = (m: { tools: { name: string }[]; prompts: { name: string }[]; resources?: { name: string }[] }) => [...m.tools.map((t) => `tool ${t.name}`), ...m.prompts.map((p) => `prompt ${p.name}`), ...(m.resources ?? []).map((r) => `resource ${r.name}`)];

async function readWith(entry: Language<unknown>, file: string, text: string, frameworks: Language<unknown>['frameworks']) {
  const options: ExtractOptions = {};
  return items(await entry.extract(file, text, options, frameworks));
}

describe('the parse registry', () => {
  for (const language of LANGUAGES) {
    const entry = language as Language<unknown>;
    for (const framework of entry.frameworks) {
      it(`${language.language}: ${framework.name} reads its own declarations, which no other framework reads`, async () => {
        const source = SOURCES[framework.name];
        assert.ok(source, `no source for the framework ${framework.name}`);
        assert.equal(languageOf(source.file), language.language);
        assert.ok(entry.declaringWords.test(source.text), 'the source holds one of the declaring words');
        assert.deepEqual(await readWith(entry, source.file, source.text, [framework]), [source.item]);
        assert.deepEqual(items(await extractFile(source.file, source.text)), [source.item]);
        const others = entry.frameworks.filter((f) => f !== framework);
        assert.deepEqual(await readWith(entry, source.file, source.text, others), []);
      });
    }
  }

  it('lists every framework a source above is written in', () => {
    const listed = LANGUAGES.flatMap((l) => (l as Language<unknown>).frameworks.map((f) => f.name));
    assert.deepEqual([...listed].sort(), Object.keys(SOURCES).sort());
  });

  it('names every language once, each file pattern apart', () => {
    const names = LANGUAGES.map((l) => l.language);
    assert.deepEqual([...new Set(names)].sort(), (['go', 'python', 'rust', 'typescript'] satisfies SourceLanguage[]).sort());
    const files: Record<string, SourceLanguage | undefined> = { 'a.rs': 'rust', 'a.ts': 'typescript', 'a.d.ts': undefined, 'a.mjs': 'typescript', 'a.py': 'python', 'a.pyi': 'python', 'a.go': 'go', 'a.md': undefined };
    for (const [file, language] of Object.entries(files)) assert.equal(languageOf(file), language, file);
  });
});
