// Starts the real proxy (bin/mcp-workflow.js proxy) as a process and connects the SDK Client to it, over stdio or
// Streamable HTTP; and the same client straight to the server, so a test can compare what each sees.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, type ClientOptions } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { tapTransport } from '../../src/core/mcp/tapped-transport';
import type { NumberedTraceLine } from '../../src/core/proxy/trace';
import { parseTrace } from '../../src/core/proxy/trace';
import { repoRoot } from '../cli/run-cli';
import { corked } from '../support/corked';

export const cliPath = join(repoRoot, 'bin', 'mcp-workflow.js');
export const exampleConfig = join(repoRoot, 'examples', '.vscode', 'mcp.json');

/** A connected client, every message it received, and how to stop what was started. */
export interface Connected {
  client: Client;
  received: JSONRPCMessage[];
  /** The proxy's stderr so far (stdio: what the transport piped; HTTP: the child's). */
  stderr: () => string;
  /**
   * Starts calls at once, their requests written to the proxy in one write, so they reach it together (as a parallel
   * client's do) and the trace shows them overlapping whatever the server's speed.
   */
  together<T>(start: () => Promise<T>[]): Promise<T[]>;
  close(): Promise<void>;
}

/** A fresh folder for a test's trace files. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'mcp-proxy-test-'));
}

/** Connects `client` over `transport`, recording every message that arrives. */
async function connectTapped(client: Client, transport: Transport): Promise<JSONRPCMessage[]> {
  const received: JSONRPCMessage[] = [];
  await client.connect(tapTransport(transport, (direction, message) => {
    if (direction === 'in') received.push(message);
  }));
  return received;
}

function newClient(options?: ClientOptions): Client {
  return new Client({ name: 'proxy-test', version: '0.0.0' }, options);
}

/** Runs the stdio proxy (`args` after `proxy`) under a client. */
export async function proxyOverStdio(args: string[], options?: ClientOptions, setup?: (client: Client) => void): Promise<Connected> {
  const client = newClient(options);
  setup?.(client);
  const transport = new StdioClientTransport({ command: process.execPath, args: [cliPath, 'proxy', ...args], stderr: 'pipe', cwd: repoRoot });
  let stderr = '';
  transport.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const received = await connectTapped(client, transport);
  return { client, received, stderr: () => stderr, close: () => client.close(), together: (start) => corked(transport, start) };
}

/** Starts the proxy with `--http 0` (`args` after `proxy`) and resolves with the process and its URL. */
export function spawnHttpProxy(args: string[]): Promise<{ child: ChildProcess; url: string; stderr: () => string }> {
  const child = spawn(process.execPath, [cliPath, 'proxy', ...args, '--http', '0'], { stdio: ['ignore', 'pipe', 'pipe'], cwd: repoRoot });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /^listening (\S+)$/m.exec(out);
      if (m?.[1]) resolve({ child, url: m[1], stderr: () => err });
    });
    child.once('exit', (code) => reject(new Error(`proxy exited (${code}) before listening: ${err}`)));
  });
}

/** A client over Streamable HTTP to `url`. */
export async function clientOverHttp(url: string, options?: ClientOptions, setup?: (client: Client) => void): Promise<{ client: Client; received: JSONRPCMessage[] }> {
  const client = newClient(options);
  setup?.(client);
  const received = await connectTapped(client, new StreamableHTTPClientTransport(new URL(url)));
  return { client, received };
}

/** Stops a child process and waits for it to exit. */
export async function stopChild(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  return exited;
}

/** A client straight to a stdio server command. */
export async function directOverStdio(command: string, args: string[], options?: ClientOptions, setup?: (client: Client) => void): Promise<Connected> {
  const client = newClient(options);
  setup?.(client);
  const transport = new StdioClientTransport({ command, args, stderr: 'pipe', cwd: repoRoot });
  const received = await connectTapped(client, transport);
  return { client, received, stderr: () => '', close: () => client.close(), together: (start) => corked(transport, start) };
}

/** The lines of a trace file (every one must parse). */
export function readTrace(file: string): NumberedTraceLine[] {
  const { lines, problems } = parseTrace(readFileSync(file, 'utf8'));
  if (problems.length > 0) throw new Error(`${file}: ${JSON.stringify(problems)}`);
  return lines;
}

/** Writes an mcp.json naming one stdio server, in a fresh workspace; returns its path. */
export function writeConfig(servers: Record<string, unknown>, inputs: unknown[] = []): string {
  const dir = tempDir();
  mkdirSync(join(dir, '.vscode'));
  const file = join(dir, '.vscode', 'mcp.json');
  writeFileSync(file, JSON.stringify({ inputs, servers }, null, 2));
  return file;
}
