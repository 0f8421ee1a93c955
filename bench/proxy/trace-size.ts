// How big a trace is: one scripted session (the customer-analysis workflow as a conforming client runs it: the lists,
// the guided prompt, sales_top_customers, the three gathering calls, customer_analysis) through `mcp-workflow proxy`
// (the built dist/cli.js), then the trace's size in bytes, in all and by kind of line. Deterministic: the same session
// gives the same sizes but for the times. Run: npm run bench:trace (it builds first). Nothing is asserted.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

const root = join(__dirname, '..', '..');
const cli = join(root, 'bin', 'mcp-workflow.js');
const config = join(root, 'examples', '.vscode', 'mcp.json');

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'trace-size-'));
  const trace = join(dir, 'session.trace.jsonl');
  const client = new Client({ name: 'bench-trace', version: '0.0.0' });
  await client.connect(new StdioClientTransport({ command: process.execPath, args: [cli, 'proxy', '--server', 'example-stdio', '--config', config, '--trace', trace], stderr: 'ignore', cwd: root }));
  await client.listTools();
  await client.listPrompts();
  await client.getPrompt({ name: 'customer-analysis', arguments: { customer_id: 'top' } });
  const top = await client.callTool({ name: 'sales_top_customers', arguments: { limit: 1 } });
  const id = (top.structuredContent as { customers: { customer_id: string }[] }).customers[0]!.customer_id;
  await Promise.all(['order_history', 'support_tickets', 'engagement_metrics'].map((name) => client.callTool({ name, arguments: { customer_id: id } })));
  await client.callTool({ name: 'customer_analysis', arguments: { customer_id: id, include_recommendations: true } });
  await client.close();
  const lines = readFileSync(trace, 'utf8').split('\n').filter((l) => l !== '');
  const by = new Map<string, number>();
  for (const l of lines) {
    const v = JSON.parse(l) as { kind: string; method?: string };
    const key = `${v.kind}${v.method ? ` ${v.method}` : ''}`;
    by.set(key, (by.get(key) ?? 0) + Buffer.byteLength(l) + 1);
  }
  const total = lines.reduce((n, l) => n + Buffer.byteLength(l) + 1, 0);
  process.stdout.write(`trace: ${lines.length} lines, ${total} bytes\n`);
  for (const [key, bytes] of [...by].sort((a, b) => b[1] - a[1])) process.stdout.write(`  ${key.padEnd(34)} ${String(bytes).padStart(7)} bytes\n`);
  rmSync(dir, { recursive: true, force: true });
}

void main();
