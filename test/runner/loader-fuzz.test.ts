// Issue 13, "must show": 10,000 generated and mutated workflow files and mcp.json files (characters deleted,
// inserted and swapped; values replaced by other types, huge strings and deep nesting; BOMs; invalid UTF-8),
// each decoded as the CLI does, loaded, checked (against the real example server's tools/list) and read as an
// mcp.json (every server resolved). No exception may escape, and every problem must have a position inside the
// file. Seeded (FUZZ_SEED), so a failure names the case that reproduces it. Durations are reported, not asserted.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Range } from '../../src/core/diagnostic';
import { decodeSource } from '../../src/core/extract';
import { parseMcpConfig } from '../../src/core/mcp/config';
import { resolveMcpServer } from '../../src/core/mcp/config-resolve';
import { checkWorkflowAgainstTools, checkWorkflowReferences, type ToolInfo } from '../../src/core/workflow/check';
import { loadWorkflowText } from '../../src/core/workflow/loader';
import { root, serve, type Served } from './helpers';
import { prng } from '../support/prng';

const FILES = 10_000;
const SEED = Number(process.env['FUZZ_SEED'] ?? 20261201);


const seeds = [
  ...['customer-analysis', 'safe-migration', 'approval'].map((n) => readFileSync(join(root, 'examples', `${n}.workflow.json`), 'utf8')),
  readFileSync(join(root, 'examples', '.vscode', 'mcp.json'), 'utf8'),
];
const alphabet = ['{', '}', '[', ']', '"', ',', ':', '$', '${', '}', '\\', '\n', ' ', '0', '-1e999', 'true', 'null', '\u0000', '\ufeff', 'é', '😀', '${steps.', '${inputs.x}', '/*', '//'];

function generate(random: () => number): Uint8Array {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  let text = pick(seeds);
  const kind = random();
  if (kind < 0.45) {
    for (let n = 1 + Math.floor(random() * 6); n > 0; n--) {
      const at = Math.floor(random() * (text.length + 1));
      const r = random();
      if (r < 0.33) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 8));
      else if (r < 0.66) text = text.slice(0, at) + pick(alphabet) + text.slice(at);
      else text = text.slice(0, at) + text.slice(at + 3, at + 6) + text.slice(at, at + 3) + text.slice(at + 6);
    }
  } else {
    // Replace one JSON value (found by a quote, digit or bracket) with a value of another type or shape.
    const starts = [...text.matchAll(/["\d[{]|true|false|null/g)].map((m) => m.index);
    const at = pick(starts);
    const end = Math.min(text.length, at + 1 + Math.floor(random() * 40));
    const depth = 50 + Math.floor(random() * 3000);
    const replacement = pick([
      () => '"' + 'x'.repeat(Math.floor(random() * 200_000)) + '"',
      () => '['.repeat(depth) + ']'.repeat(depth),
      () => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth),
      () => String(random() * 1e300),
      () => '[]',
      () => '{}',
      () => 'null',
      () => '"${steps.' + 'a.'.repeat(Math.floor(random() * 500)) + 'b}"',
    ])();
    text = text.slice(0, at) + replacement + text.slice(end);
  }
  let bytes = Buffer.from(random() < 0.1 ? `\ufeff${text}` : text, 'utf8');
  if (random() < 0.08) {
    const at = Math.floor(random() * bytes.length);
    bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from([pick([0xff, 0xc3, 0xe2, 0x80, 0xed])]), bytes.subarray(at)]);
  }
  return bytes;
}

function assertInside(lines: string[], range: Range, what: string): void {
  for (const p of [range.start, range.end]) {
    assert.ok(p.line >= 0 && p.line < lines.length, `${what}: line ${p.line} outside the file's ${lines.length}`);
    assert.ok(p.character >= 0 && p.character <= lines[p.line]!.length, `${what}: column ${p.character} outside line ${p.line} (${lines[p.line]!.length})`);
  }
}

describe('fuzz: workflow loader and mcp.json reader', () => {
  let served: Served;
  let tools: ToolInfo[];
  before(async () => {
    served = await serve('stdio');
    tools = await served.connection.listTools();
  });
  after(async () => {
    await served.stop();
  });

  test(`${FILES} generated files: no exception, every problem positioned inside its file`, { timeout: 600_000 }, async (t) => {
    const random = prng(SEED);
    let slowest = 0;
    let skipped = 0;
    let problems = 0;
    for (let i = 0; i < FILES; i++) {
      const bytes = generate(random);
      const what = `case ${i} (FUZZ_SEED=${SEED})`;
      const started = performance.now();
      const decoded = decodeSource(bytes);
      if ('skipped' in decoded) {
        assert.ok(decoded.skipped.length > 0, `${what}: skipped without a reason`);
        skipped += 1;
        continue;
      }
      const text = decoded.text;
      const lines = text.split(/\r\n|\r|\n/);
      try {
        const loaded = loadWorkflowText('fuzz.workflow.json', text);
        const diagnostics = [...loaded.diagnostics];
        if (loaded.workflow) diagnostics.push(...checkWorkflowReferences(loaded.workflow, loaded.document), ...checkWorkflowAgainstTools(loaded.workflow, loaded.document, tools));
        for (const d of diagnostics) assertInside(lines, d.range, `${what}: ${d.message.slice(0, 80)}`);
        const config = parseMcpConfig(text, 'mcp.json');
        const errors = [...config.errors];
        for (const name of [...Object.keys(config.servers), 'missing']) {
          const resolved = await resolveMcpServer(config, name, { workspaceFolder: '/w', env: {}, askInput: async () => undefined, readFile: async () => Promise.reject(new Error('no env files here')) });
          if (!resolved.ok) errors.push(...resolved.errors);
        }
        for (const e of errors) assertInside(lines, e.range, `${what}: ${e.message.slice(0, 80)}`);
        problems += diagnostics.length + errors.length;
      } catch (error) {
        if (error instanceof assert.AssertionError) throw error;
        assert.fail(`${what}: an exception escaped: ${(error as Error).stack}`);
      }
      slowest = Math.max(slowest, performance.now() - started);
    }
    t.diagnostic(`${FILES} files, ${skipped} skipped as not UTF-8, ${problems} problems; slowest file ${slowest.toFixed(1)} ms`);
    assert.ok(problems > FILES, 'the mutations did produce problems');
  });
});
