// Resources and resource templates in TypeScript: what the extractor reads of the SDK's registerResource /
// resource / ResourceTemplate and of fastmcp's addResource / addResourceTemplate (names, URIs, URI parameters at
// exact positions), and, with the real SDK, that the fixture serves what is read and throws where the checker says.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { checkWorkspace } from '../../src/core/check';
import { extractFile } from '../../src/core/extract';
import type { ResourceDef } from '../../src/core/model';
import { parseUriTemplate } from '../../src/core/text/uri-template';
import { describeResource, findAt } from '../../src/core/lookup';
import { fixture, positionOf, readFixture } from './helpers';

const SDK_FILE = fixture('ts', 'resources', 'sdk-server.ts');
const SDK_SOURCE = readFixture('ts', 'resources', 'sdk-server.ts');
const FASTMCP_SOURCE = readFixture('ts', 'resources', 'fastmcp-server.ts');
const at = (span: { range: { start: { line: number; character: number }; end: { line: number; character: number } } }) =>
  `${span.range.start.line + 1}:${span.range.start.character + 1}-${span.range.end.line + 1}:${span.range.end.character + 1}`;
/** The 1-based range of a needle of a source (its first occurrence after `from`), `shift` characters in. */
const rangeOf = (source: string, needle: string, length: number, shift = 0, from = 0) => {
  const p = positionOf(source, needle, shift, from);
  return `${p.line}:${p.column}-${p.line}:${p.column + length}`;
};
const params = (r: ResourceDef | undefined) => r?.uriParameters?.map((u) => `${u.operator}${u.name} ${at(u.span)}`);

describe('URI templates (RFC 6570)', () => {
  it('reads each expression’s operator and variables, with the range of each name', () => {
    const parsed = parseUriTemplate('users://{id}/files{/path*}{?page,limit}{x:3}');
    assert.deepEqual(parsed.variables.map((v) => [v.operator, v.name, v.explode, v.prefix, v.from, v.to]), [
      ['', 'id', false, false, 9, 11], ['/', 'path', true, false, 20, 24], ['?', 'page', false, false, 28, 32], ['?', 'limit', false, false, 33, 38], ['', 'x', false, true, 40, 41],
    ]);
    assert.equal(parsed.unclosed, undefined);
    assert.equal(parseUriTemplate('users://{id}/{name').unclosed, 13);
  });
});

describe('resources of the SDK (TypeScript)', async () => {
  const model = await extractFile(SDK_FILE, SDK_SOURCE);
  const resource = (name: string) => model.resources?.find((r) => r.name === name);

  it('reads registerResource and resource(), a URI built from a const base, and each template’s parameters', () => {
    assert.deepEqual(model.resources?.map((r) => [r.name, r.style, r.uri?.value, r.template ?? false]), [
      ['catalog', 'sdk', 'library://catalog', false],
      ['book', 'sdk', 'library://books/{isbn}', true],
      ['search', 'sdk-legacy', 'library://search{?query,limit}', true],
      ['hours', 'sdk-legacy', 'opening-hours', false],
      ['loans', 'sdk', 'library://loans', false],
      ['loans-again', 'sdk', 'library://loans', false],
      ['author', 'sdk', 'library://authors/{id}', true],
      ['author', 'sdk', 'library://writers/{id}', true],
      ['shelf', 'sdk', 'library://shelves/{shelf', true],
    ]);
    assert.equal(at(resource('catalog')!.nameSpan), rangeOf(SDK_SOURCE, "'catalog'", 9));
    assert.equal(resource('catalog')?.title, 'Catalog');
    assert.equal(resource('catalog')?.mimeType?.value, 'application/json');
    // `${BASE}books/{isbn}`: the parameter stands in the template literal, after the substitution.
    assert.deepEqual(params(resource('book')), [`isbn ${rangeOf(SDK_SOURCE, '{isbn}', 4, 1)}`]);
    assert.deepEqual(params(resource('search')), [`?query ${rangeOf(SDK_SOURCE, 'query,limit', 5)}`, `?limit ${rangeOf(SDK_SOURCE, 'limit}', 5)}`]);
    assert.ok(resource('catalog')?.server && model.resources!.slice(0, 4).every((r) => r.server === resource('catalog')!.server));
    assert.equal(resource('loans')?.server, undefined);
  });

  it('finds a resource at its name or URI, and describes it for a hover: URI, parameters, MIME type, description', () => {
    const p = positionOf(SDK_SOURCE, '{isbn}', 2);
    const found = findAt(model, { line: p.line - 1, character: p.column - 1 }, []);
    assert.equal(found?.kind === 'resource' && found.resource.name, 'book');
    const name = positionOf(SDK_SOURCE, "'catalog'", 1);
    const catalog = findAt(model, { line: name.line - 1, character: name.column - 1 }, []);
    assert.ok(catalog?.kind === 'resource');
    assert.equal(describeResource(catalog.resource), '**catalog** (resource: Catalog)\n\nURI: `library://catalog`\nMIME type: `application/json`\n\nEvery book in the library.');
    assert.match(describeResource(resource('book')!), /^\*\*book\*\* \(resource template\)\n\nURI template: `library:\/\/books\/\{isbn\}`\nParameters: `isbn`\n\nOne book by its ISBN\.$/);
  });

  it('serves, with the real SDK, the resources and templates read; each broken registration throws', async () => {
    const fixtureModule = (await import(SDK_FILE)) as { server: McpServer } & Record<string, (s: McpServer) => void>;
    const client = new Client({ name: 'test', version: '1.0.0' });
    const [a, b] = InMemoryTransport.createLinkedPair();
    await fixtureModule.server.connect(a);
    await client.connect(b);
    try {
      const listed = await client.listResources();
      const templates = await client.listResourceTemplates();
      const read = model.resources!.filter((r) => r.server !== undefined);
      assert.deepEqual(listed.resources.map((r) => [r.name, r.uri, r.description, r.mimeType]), read.filter((r) => !r.template).map((r) => [r.name, r.uri?.value, r.description?.value, r.mimeType?.value]));
      assert.deepEqual(templates.resourceTemplates.map((r) => [r.name, r.uriTemplate]), read.filter((r) => r.template).map((r) => [r.name, r.uri?.value]));
      // A URI with no scheme is listed, and every read of it fails (resources/uri-invalid).
      await assert.rejects(client.readResource({ uri: 'opening-hours' }), /invalid/i);
      assert.equal((await client.readResource({ uri: 'library://catalog' })).contents.length, 1);
    } finally {
      await client.close();
    }
    const findings = checkWorkspace([model], { projectOf: () => 'library' });
    const lines = SDK_SOURCE.split('\n');
    const broken = Object.keys(fixtureModule).filter((k) => k.startsWith('broken'));
    assert.equal(broken.length, 3);
    for (const name of broken) {
      assert.throws(() => fixtureModule[name]!(new McpServer({ name: 'probe', version: '1.0.0' })), name);
      const start = lines.findIndex((l) => l.startsWith(`export function ${name}(`));
      const end = lines.findIndex((l, i) => i > start && l === '}');
      assert.ok(findings.some((d) => d.severity === 'error' && d.range.start.line > start && d.range.start.line < end), `${name}: no error reported`);
    }
    // Outside the broken functions, only the URI with no scheme is reported.
    assert.deepEqual(findings.filter((d) => d.range.start.line < lines.findIndex((l) => l.startsWith('export function'))).map((d) => `${at(d)} ${d.ruleId}`), [`${rangeOf(SDK_SOURCE, "'opening-hours'", 15)} resources/uri-invalid`]);
  });
});

describe('resources of fastmcp (TypeScript)', async () => {
  const model = await extractFile(fixture('ts', 'resources', 'fastmcp-server.ts'), FASTMCP_SOURCE);
  const resource = (name: string) => model.resources?.find((r) => r.name === name);

  it('reads addResource, addResourceTemplate with its arguments, and each of addResources', () => {
    assert.deepEqual(model.resources?.map((r) => [r.name, r.uri?.value, r.template ?? false, r.uriCheck]), [
      ['catalog', 'library://catalog', false, undefined],
      ['book', 'library://books/{isbn}', true, 'fastmcp-ts'],
      ['author', 'library://authors/{id}', true, 'fastmcp-ts'],
      ['news', 'library://news', false, undefined],
      ['news', 'library://news/today', false, undefined],
      ['catalog', 'library://catalog/v2', false, undefined],
    ]);
    assert.deepEqual(params(resource('book')), [`isbn ${rangeOf(FASTMCP_SOURCE, '{isbn}', 4, 1)}`]);
    assert.deepEqual(resource('author')?.handlerParameters?.map((p) => [p.name, p.required, at(p.span)]), [
      ['id', true, rangeOf(FASTMCP_SOURCE, "'id', required", 4)],
      ['format', false, rangeOf(FASTMCP_SOURCE, "'format'", 8)],
    ]);
    assert.equal(resource('catalog')?.description?.value, 'Every book in the library.');
  });

  it('reports the argument the template never fills (a warning) and the name added again, not two of one list', () => {
    const found = checkWorkspace([model], { projectOf: () => 'library' }).map((d) => `${at(d)} ${d.severity} ${d.ruleId}`);
    assert.deepEqual(found, [
      `${rangeOf(FASTMCP_SOURCE, "'format'", 8)} warning resources/template-parameters`,
      `${rangeOf(FASTMCP_SOURCE, "name: 'catalog'", 9, 6, FASTMCP_SOURCE.indexOf('catalog/v2'))} error names/duplicate`,
    ]);
  });
});
