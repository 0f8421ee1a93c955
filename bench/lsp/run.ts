// bench/lsp: the language server process (dist/server.js over stdio) on generated workspaces of 200 and 2,000
// files (bench/check's generator). Per size: the time from one typed character in a prompt string to its
// publishDiagnostics, debounce subtracted, over the raw tree-sitter parse of that one file (goal: at most 2x,
// whatever the workspace size); the initial index (until the first status) over the raw parse of every file; the
// server's resident memory after indexing; and `check --cache` run twice on the unchanged tree, the second over
// the first (goal: at most a tenth; medians of three), then once more after one file changed, with the cache folder's size. Every
// baseline is measured in this run. Prints figures; asserts nothing.
// A keystroke is timed on the wire: from the change's message leaving this process (written whole, at once) to the
// chunk holding its publishDiagnostics reaching it, less the debounce as the server's timer really waited (the
// server's MCP_WORKFLOW_TRACE=recheck line; a 150 ms Node timer fires 0.3-1.2 ms late on this machine, which is the
// timer's grain, not work). The one-file parse is timed just before each keystroke, so both see the machine alike.
// Beside it: the same keystroke as the client library sees it less the nominal 150 ms (its queueing included), and
// one JSON-RPC round trip (a request the server does not handle), the part of a keystroke's time no check can cut.
// The keystrokes are timed over stdio, then over Node IPC, as VS Code's client starts the server.
import { spawnSync } from 'node:child_process';
import { appendFileSync, readdirSync, readFileSync, rmSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parseSource } from '../../src/core/parse/tree-sitter';
import { LspTestClient } from '../../test/server/lsp-client';
import { generateWorkspace } from '../check/generate';
import { keystrokes, type Keystroke } from './keystrokes';

const SIZES = (process.env['BENCH_SIZES'] ?? '200,2000').split(',').map(Number);
const KEYS = Number(process.env['BENCH_KEYS'] ?? 40);
/** The server's debounce (Session's default delay), subtracted from the end-to-end figure. */
const DEBOUNCE_MS = 150;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const grammarOf = (file: string) => (file.endsWith('.rs') ? 'rust' : 'typescript');

async function parseTime(file: string, text: string, runs: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    (await parseSource(grammarOf(file), text)).delete();
    times.push(performance.now() - start);
  }
  return median(times);
}

async function rawParseAll(sources: { file: string; text: string }[]): Promise<number> {
  const start = performance.now();
  for (const { file, text } of sources) (await parseSource(grammarOf(file), text)).delete();
  return performance.now() - start;
}

/** The server's resident set in MB, from /proc (Linux); undefined elsewhere. */
function residentMb(pid: number | undefined): number | undefined {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** One `mcp-workflow check --cache` over the folder (the built CLI, as CI runs it), in milliseconds. */
function timeCachedCheck(dir: string): number {
  const start = performance.now();
  spawnSync(process.execPath, [join(__dirname, '..', '..', 'bin', 'mcp-workflow.js'), 'check', dir, '--cache', '--cache-location', join(dir, '.cache'), '--format', 'json'], { stdio: 'ignore' });
  return performance.now() - start;
}

/** `node -e 0` in milliseconds: the part of a cached check no cache can cut. */
function timeBareNode(): number {
  const start = performance.now();
  spawnSync(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  return performance.now() - start;
}

/** The median milliseconds of a request the server answers at once (method not found): the JSON-RPC round trip. */
async function roundTrip(client: LspTestClient, runs: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await client.connection.sendRequest('mcpWorkflow/benchPing').catch(() => undefined);
    times.push(performance.now() - start);
  }
  return median(times);
}

/** The bytes of the files under a folder. */
function folderBytes(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((n, e) => n + (e.isDirectory() ? folderBytes(join(dir, e.name)) : statSync(join(dir, e.name)).size), 0);
}

interface KeystrokeTime {
  /** From the message leaving to its publishDiagnostics arriving, less the debounce as the server waited it. */
  wire: number;
  /** From before the send to the client library's handler, less the nominal debounce. */
  endToEnd: number;
}

/** Sends one keystroke and resolves with its times once its diagnostics are published and the server has traced
 * the re-check (whose debounce part says how long its timer really waited). */
async function timeKeystroke(client: LspTestClient, trace: string[], uri: string, key: Keystroke, version: number): Promise<KeystrokeTime> {
  const before = client.publishedFor(uri);
  const lines = trace.length;
  const published = client.waitForDiagnostics(uri, (p) => p !== before);
  const start = performance.now();
  await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [key.change] });
  await published;
  const end = performance.now();
  const arrived = client.publishArrivedAt;
  await client.waitUntil(() => trace.length > lines);
  const debounce = Number(/debounce ([\d.]+)/.exec(trace[lines]!)?.[1]);
  if (!Number.isFinite(debounce)) throw new Error(`no debounce in the server's trace line: ${trace[lines]}`);
  return { wire: arrived - start - debounce, endToEnd: end - start - DEBOUNCE_MS };
}

/** A server process with the re-check trace on, over a transport, and its trace lines (one per re-check); its other
 * standard error is passed on. */
function startServer(transport: 'stdio' | 'ipc'): { client: LspTestClient; trace: string[] } {
  const trace: string[] = [];
  let pending = '';
  let wake = () => undefined as void;
  const client = new LspTestClient({
    transport,
    env: { ...process.env, MCP_WORKFLOW_TRACE: 'recheck' },
    stderr: (text) => {
      const parts = (pending + text).split('\n');
      pending = parts.pop()!;
      for (const line of parts) {
        if (line.startsWith('mcp-workflow recheck:')) trace.push(line);
        else process.stderr.write(`${line}\n`);
      }
      wake();
    },
  });
  wake = () => client.wake();
  return { client, trace };
}

/** Opens each target file, types KEYS keystrokes into it (a parse of it timed before each) and prints the figures. */
async function timeTargets(client: LspTestClient, trace: string[], targets: { file: string; text: string }[], transport: string): Promise<void> {
  for (const target of targets) {
    const uri = pathToFileURL(target.file).toString();
    const statuses = client.statuses.length;
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: grammarOf(target.file), version: 1, text: target.text } });
    await client.waitForStatus((s) => client.statuses.indexOf(s) >= statuses);
    const keys = keystrokes(target.text, KEYS);
    const times: KeystrokeTime[] = [];
    const parses: number[] = [];
    for (const [i, key] of keys.entries()) {
      parses.push(await parseTime(target.file, target.text, 1));
      times.push(await timeKeystroke(client, trace, uri, key, i + 2));
    }
    // The first two of each are left out: the server's and this process's code still warming up.
    const keystroke = median(times.slice(2).map((t) => t.wire));
    const endToEnd = median(times.slice(2).map((t) => t.endToEnd));
    const parseOne = median(parses.slice(2));
    const parseWarm = await parseTime(target.file, target.text, 50);
    const rtt = await roundTrip(client, 30);
    const kind = target.file.endsWith('.rs') ? 'a Rust' : 'a TypeScript';
    console.log(`  keystroke in ${kind} prompt (${(target.text.length / 1024).toFixed(1)} KB) over ${transport}: ${keystroke.toFixed(2)} ms on the wire, less the debounce as the server waited it (median of ${times.length - 2}); one-file parse ${parseOne.toFixed(2)} ms (timed before each keystroke); ratio ${(keystroke / parseOne).toFixed(2)}x (goal <= 2x)`);
    console.log(`    the same parse 50 times back to back: ${parseWarm.toFixed(2)} ms (the keystroke over it ${(keystroke / parseWarm).toFixed(2)}x); end to end through the client library, less the nominal ${DEBOUNCE_MS} ms: ${endToEnd.toFixed(2)} ms (${(endToEnd / parseOne).toFixed(2)}x); a JSON-RPC round trip ${rtt.toFixed(2)} ms`);
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }
}

async function benchSize(files: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'mcp-workflow-bench-lsp-'));
  const { client, trace } = startServer('stdio');
  try {
    const sources = generateWorkspace(dir, files).map((file) => ({ file, text: readFileSync(file, 'utf8') }));
    await rawParseAll(sources);
    const parseAll = median([await rawParseAll(sources), await rawParseAll(sources), await rawParseAll(sources)]);
    const start = performance.now();
    await client.initialize(pathToFileURL(dir).toString());
    await client.waitForStatus(() => true);
    const index = performance.now() - start;
    const memory = residentMb(client.process.pid);
    await timeTargets(client, trace, sources.slice(0, 2), 'stdio');
    // The same keystrokes over Node IPC, the transport VS Code's client starts the server with.
    const ipc = startServer('ipc');
    try {
      await ipc.client.initialize(pathToFileURL(dir).toString());
      await ipc.client.waitForStatus(() => true);
      await timeTargets(ipc.client, ipc.trace, sources.slice(0, 2), 'Node IPC (as VS Code)');
    } finally {
      await ipc.client.dispose();
    }
    console.log(`  initial index ${index.toFixed(0)} ms (until the first status), raw parse of all ${files} files ${parseAll.toFixed(0)} ms, ratio ${(index / parseAll).toFixed(2)}x`);
    console.log(`  server memory after indexing: ${memory === undefined ? 'unknown (no /proc)' : `${memory.toFixed(0)} MB resident`}`);
    // Each a median of three (a cached run is short, and one sample of it is mostly the machine's noise): a first
    // run with no cache folder, then a run on the unchanged tree.
    const firsts: number[] = [];
    const seconds: number[] = [];
    const bare: number[] = [];
    for (let i = 0; i < 3; i++) {
      rmSync(join(dir, '.cache'), { recursive: true, force: true });
      firsts.push(timeCachedCheck(dir));
      seconds.push(timeCachedCheck(dir));
      bare.push(timeBareNode());
    }
    const [first, second] = [median(firsts), median(seconds)];
    console.log(`  check --cache: first run ${first.toFixed(0)} ms, second run (unchanged tree) ${second.toFixed(0)} ms (medians of ${firsts.map((t) => t.toFixed(0)).join(', ')} and ${seconds.map((t) => t.toFixed(0)).join(', ')}), ratio ${(second / first).toFixed(3)} (goal <= 0.1); node -e 0 alone ${median(bare).toFixed(0)} ms`);
    appendFileSync(sources[0]!.file, '\n// one file changed\n');
    const changed = timeCachedCheck(dir);
    console.log(`  check --cache after one file changed: ${changed.toFixed(0)} ms, ratio ${(changed / first).toFixed(3)} over the first run; cache folder ${(folderBytes(join(dir, '.cache')) / 1024 / 1024).toFixed(1)} MB`);
  } finally {
    await client.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  for (const files of SIZES) {
    console.log(`workspace of ${files} generated server files:`);
    await benchSize(files);
  }
}

void main();
