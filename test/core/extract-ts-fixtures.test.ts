// The TypeScript fixture servers against the table in their README: every prompt and tool at the line:col of
// its name literal, and every `{{variable}}` the README places.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixture, readFixture } from './helpers';
import { extractAs } from '../../src/core/parse/registry';

interface Row {
  kind: 'tool' | 'prompt';
  name: string;
  at: string;
  variables: string[];
}

/** Reads the README's per-file tables: `| kind | \`name\` | line:col | notes |`. */
function readTable(): Map<string, Row[]> {
  const out = new Map<string, Row[]>();
  let file = '';
  for (const line of readFixture('ts', 'README.md').split('\n')) {
    const heading = /^## (\S+\.ts)$/.exec(line);
    if (heading) file = heading[1]!;
    const row = /^\| (tool|prompt) \| `([^`]+)` \| (\d+:\d+) \|(.*)\|$/.exec(line);
    if (!row || !file) continue;
    // The README places a `{{name}}` at its opening braces; the model's span is the name, two columns on.
    const variables = [...(row[4] ?? '').matchAll(/`\{\{(\w+)\}\}` at ((?:\d+:\d+)(?: and \d+:\d+)*)/g)].flatMap((m) =>
      m[2]!.split(' and ').map((p) => {
        const [line, col] = p.split(':').map(Number);
        return `${m[1]}@${line}:${col! + 2}`;
      }),
    );
    out.set(file, [...(out.get(file) ?? []), { kind: row[1] as Row['kind'], name: row[2]!, at: row[3]!, variables }]);
  }
  return out;
}

const pos = (span: { range: { start: { line: number; character: number } } }) => `${span.range.start.line + 1}:${span.range.start.character + 1}`;

describe('TypeScript fixture servers (positions from their README)', () => {
  const table = readTable();
  it('the README lists three files', () => assert.deepEqual([...table.keys()].sort(), ['json-schema-style.ts', 'legacy-style.ts', 'register-style.ts']));

  for (const [file, rows] of table) {
    it(`${file}: every prompt and tool at its name literal, every placed {{variable}}`, async () => {
      const model = await extractAs('typescript', fixture('ts', file), readFixture('ts', file));
      assert.deepEqual(model.problems, []);
      const found = [...model.tools.map((t) => `tool ${t.name} ${pos(t.nameSpan)}`), ...model.prompts.map((p) => `prompt ${p.name} ${pos(p.nameSpan)}`)].sort();
      assert.deepEqual(found, rows.map((r) => `${r.kind} ${r.name} ${r.at}`).sort());
      for (const row of rows.filter((r) => r.kind === 'prompt')) {
        const prompt = model.prompts.find((p) => p.name === row.name)!;
        const uses = prompt.messages.flatMap((m) => m.template.variables.map((v) => `${v.name}@${pos(v.span)}`));
        for (const expected of row.variables) assert.ok(uses.includes(expected), `${row.name}: ${expected} in ${uses.join(', ')}`);
        assert.ok(prompt.messages.length > 0, `${row.name} has its message text`);
      }
    });
  }
});
