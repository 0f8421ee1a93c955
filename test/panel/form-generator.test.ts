// The form generator over real schemas: every tool of the example server (as tools/list gives them, zod-to-json-
// schema output), the tool schemas of the test fixtures (as the core extracts them from Rust json! and TS zod
// source) and a hand-written schema with every kind. Each property must render the control of its kind, with
// its default filled in, required marked, description shown.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { connectServer, type McpConnection } from '../../src/core/mcp/client';
import { extractFile } from '../../src/core/extract';
import { buildForm } from '../../src/panel/call/form-model';
import { all, exampleServerBundle, find, initState, openTag, renderState, root, textOf } from './helpers';
import { EVERY_KIND } from './schemas';

type Schema = Record<string, unknown>;
const isObj = (v: unknown): v is Schema => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The test's own reading of a property schema (independent of form-model): $ref followed, null dropped. */
function resolve(rootSchema: Schema, s: Schema): Schema {
  for (let i = 0; i < 20; i++) {
    if (typeof s.$ref === 'string') {
      let at: unknown = rootSchema;
      for (const seg of s.$ref.slice(2).split('/')) at = (at as Schema)[seg.replace(/~1/g, '/').replace(/~0/g, '~')];
      const { $ref: _r, ...rest } = s;
      s = { ...(at as Schema), ...rest };
      continue;
    }
    const union = (s.anyOf ?? s.oneOf) as Schema[] | undefined;
    if (union) {
      const rest = union.filter((m) => m.type !== 'null');
      if (rest.length > 1 && rest.every((m) => 'const' in m)) return { enum: rest.map((m) => m.const) };
      if (rest.length !== 1) return s;
      const { anyOf: _a, oneOf: _o, ...outer } = s;
      s = { ...outer, ...rest[0] };
      continue;
    }
    if (Array.isArray(s.type)) {
      const types = s.type.filter((t) => t !== 'null');
      if (types.length !== 1) return s;
      s = { ...s, type: types[0] };
      continue;
    }
    return s;
  }
  return s;
}

/** Which control a property must get. */
function expectedKind(s: Schema): string {
  if (Array.isArray(s.enum) || 'const' in s) return 'enum';
  if (s.type === 'string' || s.type === 'boolean' || s.type === 'integer' || s.type === 'number') return s.type;
  if ((s.type === 'object' || s.type === undefined) && isObj(s.properties) && Object.keys(s.properties).length > 0) return 'object';
  if (s.type === 'array' && isObj(s.items)) return 'array';
  return 'json';
}

const kindsSeen = new Set<string>();

/** Asserts every property of an object schema renders right inside `html` (recursing into nested objects). */
function checkObject(rootSchema: Schema, schema: Schema, pointer: string, html: string, where: string): void {
  const props = isObj(schema.properties) ? schema.properties : {};
  const required = new Set((schema.required as string[] | undefined) ?? []);
  for (const [name, raw] of Object.entries(props)) {
    const p = `${pointer}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    const s = resolve(rootSchema, raw as Schema);
    const kind = expectedKind(s);
    kindsSeen.add(kind);
    const field = find(html, 'data-field', p);
    assert.ok(field, `${where}: no field for ${p}`);
    const tag = openTag(field);
    assert.match(tag, new RegExp(`data-kind="${kind}"`), `${where}: ${p} should render as ${kind}: ${tag}`);
    const control = field.replace(/^<[^>]*>/, '');
    if (kind === 'enum') assert.match(control, /<select /, `${where}: ${p} select`);
    if (kind === 'string') assert.match(control, /<(input type="(text|email|url|date)"|textarea)/, `${where}: ${p} text input`);
    if (kind === 'integer') assert.match(control, /<input type="text" inputmode="numeric" data-step="1"/, `${where}: ${p} integer input`);
    if (kind === 'number') assert.match(control, /<input type="text" inputmode="decimal"/, `${where}: ${p} number input`);
    if (kind === 'boolean') assert.match(control, /<input type="checkbox"/, `${where}: ${p} checkbox`);
    if (kind === 'object') assert.match(tag, /^<fieldset /, `${where}: ${p} fieldset`);
    if (kind === 'array') assert.ok(find(field, 'data-testid', 'add-item'), `${where}: ${p} has an Add button`);
    if (kind === 'json') assert.match(control, /<textarea [^>]*class="mono"/, `${where}: ${p} JSON textarea`);
    // required marked, on the label and as aria-required on the control
    if (required.has(name)) {
      assert.match(control, /class="required"/, `${where}: ${p} is marked required`);
      if (kind !== 'object' && kind !== 'array') assert.match(control, /aria-required="true"/, `${where}: ${p} aria-required`);
    }
    const description = (raw as Schema).description ?? s.description;
    if (typeof description === 'string') assert.ok(textOf(control).includes(description), `${where}: ${p} shows its description "${description}"`);
    if (typeof s.title === 'string') assert.ok(textOf(control).includes(s.title), `${where}: ${p} labelled by its title`);
    if ('default' in s) {
      const d = s.default;
      if (kind === 'boolean') assert.equal(/<input type="checkbox"[^>]* checked/.test(control), d === true, `${where}: ${p} default ${String(d)}`);
      else if (kind === 'enum') assert.match(control, new RegExp(`<option value="\\d+" selected>${typeof d === 'string' ? d : JSON.stringify(d)}</option>`), `${where}: ${p} default selected`);
      else if (kind === 'string' || kind === 'integer' || kind === 'number') assert.match(control, new RegExp(`value="${String(d)}"`), `${where}: ${p} default ${String(d)}`);
      else if (kind === 'array' && Array.isArray(d)) assert.equal(d.length, all(field, 'data-testid', 'remove-item').length, `${where}: ${p} default items`);
    }
    if (kind === 'object') checkObject(rootSchema, s, p, field, where);
    if (kind === 'array' && Array.isArray(s.default) && s.default.length > 0) {
      const item = resolve(rootSchema, s.items as Schema);
      assert.ok(find(field, 'data-field', `${p}/0`), `${where}: ${p}/0 rendered`);
      if (expectedKind(item) === 'object') checkObject(rootSchema, item, `${p}/0`, field, where);
    }
  }
}

function checkTool(name: string, inputSchema: unknown, where: string): string {
  const state = initState({ kind: 'tool', name, inputSchema });
  const html = renderState(state);
  assert.ok(find(html, 'data-testid', 'form'), `${where}: the form renders`);
  assert.ok(find(html, 'data-testid', 'call'), `${where}: the Call button renders`);
  checkObject(inputSchema as Schema, inputSchema as Schema, '', html, `${where} ${name}`);
  return html;
}

describe('form generator over the example server tools', () => {
  let conn: McpConnection;
  before(async () => {
    conn = await connectServer('example', { type: 'stdio', command: process.execPath, args: [exampleServerBundle, '--stdio'] });
  });
  after(async () => {
    await conn?.close();
  });

  test('every tool of tools/list renders a control of the right kind for each property, defaults, required, descriptions', async () => {
    const tools = await conn.listTools();
    assert.ok(tools.length >= 20, `the example server lists its tools (${tools.length})`);
    kindsSeen.clear();
    for (const tool of tools) checkTool(tool.name, tool.inputSchema, 'example-server');
    // (no example tool takes an array: the hand-written schema below covers arrays)
    for (const kind of ['string', 'integer', 'number', 'boolean', 'enum', 'object', 'json']) assert.ok(kindsSeen.has(kind), `the example server's schemas exercise ${kind} (saw ${[...kindsSeen].join(', ')})`);
  });

  test('sales_top_customers: limit is an integer field holding its default 10', async () => {
    const tool = (await conn.listTools()).find((t) => t.name === 'sales_top_customers');
    assert.ok(tool);
    const html = renderState(initState({ kind: 'tool', name: tool.name, inputSchema: tool.inputSchema }));
    const limit = find(html, 'data-field', '/limit');
    assert.ok(limit);
    assert.match(limit, /value="10"/);
  });
});

describe('form generator over the test fixtures', () => {
  test('every tool schema the core extracts from the Rust and TypeScript fixtures renders', async () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const n of readdirSync(dir)) {
        const p = join(dir, n);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.(ts|rs)$/.test(n)) files.push(p);
      }
    };
    walk(join(root, 'test', 'fixtures', 'ts'));
    walk(join(root, 'test', 'fixtures', 'rust'));
    let count = 0;
    kindsSeen.clear();
    for (const file of files) {
      const model = await extractFile(file, readFileSync(file, 'utf8'));
      for (const tool of model.tools) {
        // A schema the extractor could not read whole (an imported enum, another validator) is unknown, not a
        // schema a server would send: only what was read is rendered.
        if (!isObj(tool.inputSchema?.value) || (tool.inputSchema?.errors.length ?? 0) > 0) continue;
        checkTool(tool.name, tool.inputSchema.value, file.slice(root.length + 1));
        count++;
      }
    }
    assert.ok(count >= 30, `fixture tools with an input schema: ${count}`);
    for (const kind of ['string', 'integer', 'boolean', 'json']) assert.ok(kindsSeen.has(kind), `fixtures exercise ${kind}`);
  });
});

describe('form generator over a hand-written schema with every kind', () => {
  test('enum, nested object, array of objects, formats, nullable anyOf, type arrays, $ref, const, free-form', () => {
    kindsSeen.clear();
    const html = checkTool('every_kind', EVERY_KIND, 'hand-written');
    for (const kind of ['string', 'integer', 'number', 'boolean', 'enum', 'object', 'array', 'json']) assert.ok(kindsSeen.has(kind), `covers ${kind}`);
    // format hints become input types and placeholders
    assert.match(openTag(find(find(html, 'data-field', '/email') ?? '', 'id', 'f_2Femail') ?? ''), /type="email"/);
    assert.match(find(html, 'data-field', '/homepage') ?? '', /type="url"[^>]*placeholder="https:\/\/example.com\/"/);
    assert.match(find(html, 'data-field', '/birthday') ?? '', /type="date"/);
    assert.match(find(html, 'data-field', '/since') ?? '', /placeholder="2025-01-31T09:30:00Z"/);
    assert.match(textOf(find(html, 'data-field', '/code') ?? ''), /3–8 characters · pattern: \^\[A-Z\]\+\$/);
    // labels are bound to their inputs
    for (const m of html.matchAll(/<label for="([^"]+)"/g)) assert.match(html, new RegExp(`<(input|select|textarea)[^>]* id="${m[1]}"`), `label for ${m[1]} has its control`);
    // the $ref'd address (through $defs) is a fieldset with its own required fields
    assert.match(find(html, 'data-field', '/address/city') ?? '', /class="required"/);
    // recursion stops at a JSON field instead of looping
    const form = buildForm(EVERY_KIND);
    const tree = form.fields.find((f) => f.key === 'tree');
    assert.equal(tree?.kind, 'object');
    const children = tree.kind === 'object' ? tree.fields.find((f) => f.key === 'children') : undefined;
    assert.equal(children?.kind === 'array' && children.item.kind, 'json');
  });
});
