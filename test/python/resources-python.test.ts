// The resource fixtures, for real: each module imports with FastMCP 4 (or mcp 2.x's MCPServer), the resources and
// templates it serves are the ones the extractor reads (name, URI, description, MIME type), and each `broken_*`
// function, called with a fresh server, raises exactly when the checker reports a resources/* error inside it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkWorkspace } from '../../src/core/check';
import { extractFile } from '../../src/core/extract';
import { fixture } from '../core/helpers';
import { venvPython } from './fastmcp-server';

const SERVED = `
import asyncio, importlib.util, json, pathlib, sys
from fastmcp import Client, FastMCP

def load(path):
    spec = importlib.util.spec_from_file_location(pathlib.Path(path).stem + "_resources", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module

def listed(items, uri):
    return sorted(({"name": r.name, "uri": str(getattr(r, uri)), "description": r.description, "mimeType": r.mime_type} for r in items), key=lambda r: r["uri"])

async def main():
    out = {}
    for path in sys.argv[1:]:
        module = load(path)
        server = getattr(module, "mcp", None) or module.server
        if isinstance(server, FastMCP):
            async with Client(server) as client:
                resources, templates = await client.list_resources(), await client.list_resource_templates()
        else:
            resources, templates = await server.list_resources(), await server.list_resource_templates()
        broken = {}
        for name, register in vars(module).items():
            if not name.startswith("broken_"):
                continue
            try:
                register(type(server)("probe"))
                broken[name] = None
            except Exception as error:
                broken[name] = type(error).__name__
        out[path] = {"resources": listed(resources, "uri"), "templates": listed(templates, "uri_template"), "broken": broken}
    print(json.dumps(out))

asyncio.run(main())
`;

/** The MIME type both libraries give a resource that names none. */
const DEFAULT_MIME = 'text/plain';

test('the resource fixtures serve what the extractor reads, and raise where the checker says', async () => {
  const files = ['server.py', 'mcpserver.py'].map((f) => join(fixture('python'), 'resources', f));
  const r = spawnSync(venvPython(), ['-c', SERVED, ...files], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const served = JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<string, { resources: unknown[]; templates: unknown[]; broken: Record<string, string | null> }>;
  const models = await Promise.all(files.map(async (f) => extractFile(f, readFileSync(f, 'utf8'))));
  const findings = checkWorkspace(models, { projectOf: () => 'library' }).filter((d) => d.ruleId.startsWith('resources/'));
  for (const model of models) {
    const text = readFileSync(model.file, 'utf8');
    const got = served[model.file]!;
    // What the module's own server serves (the broken ones register on a server of their own).
    const read = (model.resources ?? []).filter((d) => d.server !== undefined);
    const shown = (template: boolean) => read.filter((d) => (d.template ?? false) === template).map((d) => ({ name: d.name, uri: d.uri?.value, description: d.description?.value ?? null, mimeType: d.mimeType?.value ?? DEFAULT_MIME }));
    // A URI registered twice is served once, the later registration (names/duplicate reports it).
    const last = (list: ReturnType<typeof shown>) => [...new Map(list.map((d) => [d.uri, d])).values()].sort((a, b) => a.uri!.localeCompare(b.uri!));
    assert.deepEqual(last(shown(false)), got.resources, `${model.file}: resources`);
    assert.deepEqual(last(shown(true)), got.templates, `${model.file}: templates`);
    // Each broken_* function's lines, to the next top-level definition.
    const lines = text.split('\n');
    for (const [name, raised] of Object.entries(got.broken)) {
      const start = lines.findIndex((l) => l.startsWith(`def ${name}(`));
      const after = lines.findIndex((l, i) => i > start && /^(?:def|class|@)\b/.test(l));
      const end = after === -1 ? lines.length : after;
      const inside = findings.filter((d) => d.file === model.file && d.range.start.line > start && d.range.start.line < end);
      assert.ok(start >= 0, name);
      assert.equal(inside.length > 0, raised !== null, `${model.file} ${name}: raised ${raised}, findings ${inside.map((d) => d.message).join(' | ') || 'none'}`);
    }
    assert.ok(Object.keys(got.broken).length >= 4, `${model.file}: its broken registrations`);
    // Nothing the module's server really registers is reported.
    const registered = read.map((d) => d.span.range.start.line);
    for (const d of findings.filter((x) => x.file === model.file)) assert.ok(!registered.some((line) => line <= d.range.start.line && d.range.start.line <= line + 3), `${model.file}: ${d.message}`);
  }
});
