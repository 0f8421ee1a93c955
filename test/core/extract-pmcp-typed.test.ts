// pmcp 2.x typed tools: the input schema is what schemars derives from the handler's argument type (a closure's
// annotation, a function the closure hands its argument to, a named handler function, an `#[mcp_tool]` function's
// argument after its `State<T>`), and a typed `#[mcp_tool]` result is the output schema. A type the file does not
// declare is unknown (the schema has errors and no rule judges it), never `{}`.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { checkWorkspace } from '../../src/core/check';
import { positionOf } from './helpers';
import { extractAs } from '../../src/core/parse/registry';

const FILE = join(__dirname, '..', 'fixtures', 'rust', 'pmcp2-typed', 'typed_tools.rs');
const SOURCE = readFileSync(FILE, 'utf8');

describe('pmcp typed tools: schemas from the argument types', async () => {
  const model = await extractAs('rust', FILE, SOURCE);
  const tool = (name: string) => {
    const t = model.tools.find((x) => x.name === name && x.style !== 'registration');
    assert.ok(t, `no ${name} read: ${model.tools.map((x) => `${x.name}/${x.style}`).join(', ')}`);
    return t;
  };
  const properties = (name: string, which: 'inputSchema' | 'outputSchema' = 'inputSchema') => (tool(name)[which]?.value as { properties?: Record<string, { type?: string; description?: string }> })?.properties;

  it('a closure annotated with its argument type', () => {
    const convert = tool('convert');
    assert.deepEqual(convert.inputSchema?.errors, []);
    assert.deepEqual(properties('convert'), {
      amount: { type: 'number', description: 'Amount to convert, in the source currency' },
      from: { type: 'string', description: 'ISO 4217 code of the source currency' },
      to: { type: 'string', description: 'ISO 4217 code of the target currency' },
    });
    assert.deepEqual((convert.inputSchema?.value as { required?: string[] }).required, ['amount', 'from', 'to']);
    assert.equal(convert.description?.value, "Convert an amount between two currencies at today's rate");
  });

  it('an untyped closure that hands its argument to a function of the file, with serde renames', () => {
    assert.deepEqual(Object.keys(properties('get_venues') ?? {}), ['conferenceId', 'includeRooms']);
    assert.deepEqual((tool('get_venues').inputSchema?.value as { required?: string[] }).required, ['conferenceId']);
    // The schema is located in the struct, so a finding on a field lands on it.
    const at = tool('get_venues').inputSchema?.locations['/properties/conferenceId']?.key?.range.start;
    assert.deepEqual(at && { line: at.line + 1, column: at.character + 1 }, positionOf(SOURCE, 'conference_id: String'));
  });

  it('a named handler function', () => {
    assert.deepEqual(Object.keys(properties('describe_room') ?? {}), ['room']);
  });

  it('#[mcp_tool]: the argument after State<T>, and a typed result as the output schema', () => {
    assert.deepEqual(Object.keys(properties('latest_quote') ?? {}), ['symbol']);
    assert.deepEqual(Object.keys(properties('latest_quote', 'outputSchema') ?? {}), ['price', 'at']);
    assert.equal(tool('version').inputSchema, undefined, 'a tool without an argument type has no schema read');
    assert.equal(tool('version').outputSchema, undefined, 'a Value result is no output schema');
  });

  it('an argument type the file does not declare is unknown, and no rule judges it', () => {
    const search = tool('search_rates');
    assert.ok(search.inputSchema && search.inputSchema.errors.length > 0, 'the schema of ExternalArgs should be unknown');
    const diagnostics = checkWorkspace([model]);
    assert.deepEqual(diagnostics.filter((d) => d.message.includes('search_rates') && d.ruleId.startsWith('schema/')), []);
  });

  it('the rules judge what was read: the undescribed input, and the ID source no tool of the file is', () => {
    const found = checkWorkspace([model]).map((d) => `${d.ruleId}@${d.range.start.line + 1}`);
    const line = (text: string) => positionOf(SOURCE, text).line;
    assert.deepEqual(found.sort(), [
      `descriptions/parameter-missing@${line('pub include_rooms')}`,
      `ids/unknown-source-tool@${line('pub conference_id')}`,
    ].sort());
  });
});
