// What the proxy adds to a tool call: the same SDK Client.callTool loop on a stdio connection straight to the example
// server and on one through `mcp-workflow proxy` (the built dist/cli.js, writing its trace), in alternating rounds so
// the machine's load falls on both alike; for an in-memory tool and for a 10 ms one. Prints the median time per call
// of each, the ratio and the difference.
// Run: npm run bench:proxy (it builds first). Nothing is asserted.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

const root = join(__dirname, '..', '..');
const serverBundle = join(root, 'dist', 'example-server.js');
const cli = join(root, 'bin', 'mcp-workflow.js');
const config = join(root, 'examples', '.vscode', 'mcp.json');

async function connect(args: string[]): Promise<Client> {
  const client = new Client({ name: 'bench-proxy', version: '0.0.0' });
  await client.connect(new StdioClientTransport({ command: process.execPath, args, stderr: 'ignore', cwd: root }));
  // Listed once, so the SDK validates each result against its outputSchema on both sides alike.
  await client.listTools();
  return client;
}

/** A tool call to time: the in-memory order_history, and a 10 ms slow_task (one progress notification each). */
interface Case {
  label: string;
  name: string;
  args: Record<string, unknown>;
  calls: number;
  rounds: number;
}

const cases: Case[] = [
  { label: 'order_history (in memory)', name: 'order_history', args: { customer_id: 'C-1001' }, calls: 500, rounds: 11 },
  { label: 'slow_task (10 ms, 1 progress notification)', name: 'slow_task', args: { duration_ms: 10, steps: 1 }, calls: 100, rounds: 7 },
];

async function loop(client: Client, c: Case, calls = c.calls): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < calls; i++) await client.callTool({ name: c.name, arguments: c.args }, undefined, { onprogress: () => undefined });
  return (performance.now() - started) / calls;
}

/** Alternating rounds of one case on both connections; prints the medians, the ratio and the difference. */
async function measure(c: Case, direct: Client, proxied: Client): Promise<void> {
  await loop(direct, c, 50);
  await loop(proxied, c, 50);
  const times = { direct: [] as number[], proxied: [] as number[] };
  const ratios: number[] = [];
  for (let round = 0; round < c.rounds; round++) {
    const order: ('direct' | 'proxied')[] = round % 2 === 0 ? ['direct', 'proxied'] : ['proxied', 'direct'];
    for (const who of order) times[who].push(await loop(who === 'direct' ? direct : proxied, c));
    ratios.push(times.proxied.at(-1)! / times.direct.at(-1)!);
  }
  const d = median(times.direct);
  const p = median(times.proxied);
  console.log(`${c.label}, stdio, median of ${c.rounds} rounds of ${c.calls} calls:`);
  console.log(`  direct   ${(d * 1000).toFixed(0)} µs per call`);
  console.log(`  proxied  ${(p * 1000).toFixed(0)} µs per call`);
  console.log(`  ratio    ${median(ratios).toFixed(3)}× (median of per-round ratios); difference ${((p - d) * 1000).toFixed(0)} µs per call`);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'mcpwf-bench-proxy-'));
  const trace = join(dir, 'bench.trace.jsonl');
  const direct = await connect([serverBundle, '--stdio']);
  const proxied = await connect([cli, 'proxy', '--server', 'example-stdio', '--config', config, '--trace', trace]);
  for (const c of cases) await measure(c, direct, proxied);
  console.log(`trace written: ${(statSync(trace).size / 1024 / 1024).toFixed(1)} MiB`);
  await direct.close();
  await proxied.close();
  rmSync(dir, { recursive: true, force: true });
}

void main();
