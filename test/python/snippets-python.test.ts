// Every Python FastMCP snippet, expanded with its defaults below the imports its description names, compiles and
// imports with FastMCP installed, and the tools and prompts FastMCP then serves (names, descriptions, input and
// output schemas, prompt arguments) are the ones the extractor reads.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { extractFile } from '../../src/core/extract';
import { expandSnippet } from '../snippets/expand';
import { loadSnippets, PYTHON_SNIPPET_HEADER } from '../snippets/snippet-files';
import { venvPython } from './fastmcp-server';

const LIST = `
import asyncio, importlib.util, json, sys
from fastmcp import Client

async def served(path):
    spec = importlib.util.spec_from_file_location("snippet", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    async with Client(module.mcp) as client:
        tools = [{"name": t.name, "description": t.description, "inputSchema": t.input_schema, "outputSchema": t.output_schema} for t in await client.list_tools()]
        prompts = [{"name": p.name, "description": p.description, "arguments": [a.name for a in p.arguments or []]} for p in await client.list_prompts()]
        return {"tools": sorted(tools, key=lambda t: t["name"]), "prompts": sorted(prompts, key=lambda p: p["name"])}

async def main():
    print(json.dumps({path: await served(path) for path in sys.argv[1:]}))

asyncio.run(main())
`;

test('every Python snippet compiles, imports with FastMCP, and serves what the extractor reads', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mcpwk-py-snippets-'));
  const files = new Map<string, string>();
  for (const snippet of loadSnippets('python')) {
    const file = join(dir, `${snippet.prefix.replace(/-/g, '_')}.py`);
    const text = PYTHON_SNIPPET_HEADER + expandSnippet(snippet.body);
    writeFileSync(file, text);
    files.set(file, text);
  }
  const compiled = spawnSync(venvPython(), ['-m', 'py_compile', ...files.keys()], { encoding: 'utf8' });
  assert.equal(compiled.status, 0, compiled.stderr);
  const script = join(dir, 'list_served.py');
  writeFileSync(script, LIST);
  const r = spawnSync(venvPython(), [script, ...files.keys()], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const served = JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<string, unknown>;
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
  for (const [file, text] of files) {
    const model = await extractFile(file, text);
    const tools = model.tools.map((t) => ({ name: t.name, description: t.description?.value ?? null, inputSchema: t.inputSchema?.value, outputSchema: t.outputSchema?.value ?? null })).sort(byName);
    const prompts = model.prompts.map((p) => ({ name: p.name, description: p.description?.value ?? null, arguments: p.arguments.map((a) => a.name) })).sort(byName);
    assert.deepEqual({ tools, prompts }, served[file], file);
  }
});
