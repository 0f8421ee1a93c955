// Benchmarks of the workflow runner against the real example server, each against a baseline measured
// in the same run: (1) the runner's cost per tool call over a bare SDK Client.callTool loop on one stdio
// connection; (2) three parallel 100 ms steps over one such step; (3) a five-call workflow run from the
// CLI, whole process, over five calls of MCP Inspector's CLI mode. Prints figures and ratios.
// Run: npm run build && npx tsx bench/runner/run.ts [--skip-inspector]. Under tsx the bench first bundles
// itself with esbuild as scripts/build.mjs bundles the CLI and runs that, so it times the code that ships
// (tsx adds a name-keeping call to every function it compiles, which the runner pays and the SDK does not).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { connectServer, type McpConnection } from '../../src/core/mcp/client';
import { openAuditLog, type AuditLog } from '../../src/core/workflow/audit';
import { loadWorkflowText } from '../../src/core/workflow/loader';
import { createRunner } from '../../src/core/workflow/runner';
import type { Workflow } from '../../src/core/workflow/types';

const root = process.env['MCPWF_BENCH_ROOT'] ?? join(__dirname, '..', '..');
const serverBundle = join(root, 'dist', 'example-server.js');

function workflow(value: object): Workflow {
  const loaded = loadWorkflowText('bench.workflow.json', JSON.stringify(value));
  if (!loaded.workflow) throw new Error(loaded.diagnostics.map((d) => d.message).join('; '));
  return loaded.workflow;
}

async function runOnce(connection: McpConnection, wf: Workflow, audit?: AuditLog): Promise<number> {
  const started = performance.now();
  const runner = createRunner({ workflow: wf, connection, inputs: {} });
  if (audit) runner.on(audit.listener);
  const summary = await runner.run();
  audit?.close();
  if (!summary.ok) throw new Error(summary.message);
  return performance.now() - started;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function perCall(connection: McpConnection): Promise<void> {
  const calls = 2000;
  const rounds = 15;
  const args = { limit: 1 };
  // The SDK validates structuredContent against outputSchema once client.listTools() has cached the
  // validators, as the runner does with ajv; without this the baseline would skip that work.
  await connection.client.listTools();
  const wf = workflow({ id: 'per-call', server: 's', steps: [{ id: 'loop', tool: 'sales_top_customers', forEach: { items: calls }, arguments: args }] });
  const auditDir = mkdtempSync(join(tmpdir(), 'mcpwf-bench-audit-'));
  const noop = (): void => undefined;
  const contestants: Record<'bare' | 'progress' | 'runner' | 'audited', () => Promise<number>> = {
    bare: async () => {
      const started = performance.now();
      for (let i = 0; i < calls; i++) await connection.client.callTool({ name: 'sales_top_customers', arguments: args });
      return performance.now() - started;
    },
    // The same loop asking for progress notifications (a progressToken in each request's _meta), as the
    // runner must to report server progress: what that feature costs on its own, client and server side.
    progress: async () => {
      const started = performance.now();
      for (let i = 0; i < calls; i++) await connection.client.callTool({ name: 'sales_top_customers', arguments: args }, undefined, { onprogress: noop });
      return performance.now() - started;
    },
    runner: () => runOnce(connection, wf),
    // What `mcp-workflow run` does: the same run with its audit log written (and secrets redacted) as it goes.
    audited: () => runOnce(connection, wf, openAuditLog(join(auditDir, 'bench.audit.jsonl'), { actor: 'bench', secrets: () => ['not-a-real-secret'] })),
  };
  const names = Object.keys(contestants) as (keyof typeof contestants)[];
  for (const name of names) await contestants[name]();
  const times = { bare: [] as number[], progress: [] as number[], runner: [] as number[], audited: [] as number[] };
  const ratios = { progress: [] as number[], runner: [] as number[], audited: [] as number[], runnerOverProgress: [] as number[] };
  // CPU time of this process (the client side only; the server runs in its own) per call, in µs: less
  // moved by other load on the machine than wall time, and it is where the runner's own work shows.
  const cpuTimes = { bare: [] as number[], progress: [] as number[], runner: [] as number[], audited: [] as number[] };
  for (let round = 0; round < rounds; round++) {
    // Rounds alternate who goes first, and each ratio compares neighbours in time, so the load of a busy
    // machine (other processes, the server's own GC) falls on both sides of a ratio alike.
    const order = round % 2 === 0 ? names : [...names].reverse();
    const t: Partial<Record<keyof typeof contestants, number>> = {};
    for (const name of order) {
      const cpu = process.cpuUsage();
      t[name] = (await contestants[name]()) / calls;
      const used = process.cpuUsage(cpu);
      cpuTimes[name].push((used.user + used.system) / calls);
    }
    for (const name of names) times[name].push(t[name]!);
    ratios.progress.push(t.progress! / t.bare!);
    ratios.runner.push(t.runner! / t.bare!);
    ratios.audited.push(t.audited! / t.bare!);
    ratios.runnerOverProgress.push(t.runner! / t.progress!);
  }
  rmSync(auditDir, { recursive: true, force: true });
  const ms = (v: number[]): string => median(v).toFixed(4);
  const us = (v: number[]): string => median(v).toFixed(1);
  const x = (v: number[]): string => `${median(v).toFixed(2)}x (rounds ${spread(v)})`;
  console.log(`per call (${calls} calls x ${rounds} interleaved rounds, medians): bare SDK callTool ${ms(times.bare)} ms, with progress requested ${ms(times.progress)} ms, runner ${ms(times.runner)} ms, runner + audit log ${ms(times.audited)} ms`);
  console.log(`  client CPU per call: bare ${us(cpuTimes.bare)} µs, with progress ${us(cpuTimes.progress)} µs, runner ${us(cpuTimes.runner)} µs, runner + audit log ${us(cpuTimes.audited)} µs`);
  console.log(`  runner / bare ${x(ratios.runner)}, goal <= 1.10x; of which progress requested / bare ${x(ratios.progress)}; runner / bare with progress ${x(ratios.runnerOverProgress)}`);
  console.log(`  runner + audit log / bare ${x(ratios.audited)}`);
}

function spread(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  return `${sorted[0]!.toFixed(2)}..${sorted[sorted.length - 1]!.toFixed(2)}`;
}

async function parallel(connection: McpConnection): Promise<void> {
  const step = (id: string) => ({ id, tool: 'slow_task', arguments: { duration_ms: 100, steps: 1 } });
  const one = workflow({ id: 'one', server: 's', steps: [step('a')] });
  const three = workflow({ id: 'three', server: 's', steps: [{ id: 'g', parallel: [step('a'), step('b'), step('c')] }] });
  const sdkOne = async (): Promise<number> => {
    const t = performance.now();
    await connection.client.callTool({ name: 'slow_task', arguments: { duration_ms: 100, steps: 1 } });
    return performance.now() - t;
  };
  const sdkThree = async (): Promise<number> => {
    const t = performance.now();
    await Promise.all([0, 1, 2].map(() => connection.client.callTool({ name: 'slow_task', arguments: { duration_ms: 100, steps: 1 } })));
    return performance.now() - t;
  };
  const times = { one: [] as number[], three: [] as number[], sdkOne: [] as number[], sdkThree: [] as number[] };
  for (let round = 0; round < 7; round++) {
    times.one.push(await runOnce(connection, one));
    times.three.push(await runOnce(connection, three));
    times.sdkOne.push(await sdkOne());
    times.sdkThree.push(await sdkThree());
  }
  const [o, t, so, st] = [median(times.one), median(times.three), median(times.sdkOne), median(times.sdkThree)];
  console.log(`parallel (median of 7): runner 1 step ${o.toFixed(1)} ms, 3 parallel ${t.toFixed(1)} ms — ratio ${(t / o).toFixed(3)}x (goal <= 1.05x); SDK alone ${so.toFixed(1)} / ${st.toFixed(1)} ms — ${(st / so).toFixed(3)}x`);
}

function cliVersusInspector(): void {
  const cwd = mkdtempSync(join(tmpdir(), 'mcpwf-bench-'));
  const time = (command: string, args: string[]): number => {
    const t = performance.now();
    const r = spawnSync(command, args, { cwd, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${r.stderr || r.stdout}`);
    return performance.now() - t;
  };
  const cli = () => time(process.execPath, [join(root, 'bin', 'mcp-workflow.js'), 'run', join(root, 'examples', 'customer-analysis.workflow.json'), '--config', join(root, 'examples', '.vscode', 'mcp.json'), '--json']);
  const calls: [string, string[]][] = [
    ['sales_top_customers', ['limit=1']],
    ['order_history', ['customer_id=C-1001']],
    ['support_tickets', ['customer_id=C-1001']],
    ['engagement_metrics', ['customer_id=C-1001']],
    ['customer_analysis', ['customer_id=C-1001']],
  ];
  const inspector = (): number =>
    calls.reduce((total, [tool, args]) => total + time('npx', ['-y', '@modelcontextprotocol/inspector@0.15.0', '--cli', 'node', serverBundle, '--method', 'tools/call', '--tool-name', tool, ...args.flatMap((a) => ['--tool-arg', a])]), 0);
  cli();
  inspector();
  const c = median([cli(), cli(), cli()]);
  const i = median([inspector(), inspector(), inspector()]);
  console.log(`whole process, 5 calls (median of 3): mcp-workflow run ${c.toFixed(0)} ms, 5 x inspector@0.15.0 --cli ${i.toFixed(0)} ms (${(i / 5).toFixed(0)} ms each) — inspector/runner ${(i / c).toFixed(1)}x`);
}

/** Bundles this file like dist/cli.js and runs the bundle; returns its exit code. */
async function runBundled(): Promise<number> {
  // Imported here, not at the top, so the bundle itself does not need esbuild.
  const { buildSync } = await import('esbuild');
  const outfile = join(mkdtempSync(join(tmpdir(), 'mcpwf-bench-')), 'run.js');
  buildSync({ entryPoints: [__filename], outfile, bundle: true, platform: 'node', target: 'node20', format: 'cjs', mainFields: ['module', 'main'], logLevel: 'warning', external: ['esbuild'] });
  const child = spawnSync(process.execPath, [outfile, ...process.argv.slice(2)], { stdio: 'inherit', env: { ...process.env, MCPWF_BENCH_ROOT: root } });
  return child.status ?? 1;
}

async function main(): Promise<void> {
  if (__filename.endsWith('.ts')) {
    process.exitCode = await runBundled();
    return;
  }
  const connection = await connectServer('example-stdio', { type: 'stdio', command: process.execPath, args: [serverBundle, '--stdio'] });
  await connection.listTools();
  try {
    await perCall(connection);
    await parallel(connection);
  } finally {
    await connection.close();
  }
  if (!process.argv.includes('--skip-inspector')) cliVersusInspector();
}

void main().catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
