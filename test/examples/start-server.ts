// Starts the bundled example server (dist/example-server.js, made by `npm run build`) as a real process and
// connects the SDK Client to it over stdio or Streamable HTTP.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

export const serverBundle = resolve('dist/example-server.js');

/** A connected client and how to stop everything it started. */
export interface Started {
  client: Client;
  /** The HTTP server's process (stdio servers are owned by the transport). */
  child?: ChildProcess;
  url?: string;
  close(): Promise<void>;
}

/** Spawns `--http --port 0` and resolves with the process and the URL of its `listening` line. */
export function spawnHttpServer(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [serverBundle, '--http', '--port', '0'], { stdio: ['pipe', 'pipe', 'pipe'] });
  return new Promise((resolvePromise, reject) => {
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /^listening (\S+)$/m.exec(out);
      if (m?.[1]) resolvePromise({ child, url: m[1] });
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`example server exited (${code}) before listening: ${err}`)));
  });
}

/** Starts the example server and connects a client over the given transport. */
export async function startExampleServer(kind: 'stdio' | 'http'): Promise<Started> {
  if (!existsSync(serverBundle)) throw new Error(`${serverBundle} is missing: run npm run build first`);
  const client = new Client({ name: 'example-server-test', version: '0.0.0' });
  if (kind === 'stdio') {
    await client.connect(new StdioClientTransport({ command: process.execPath, args: [serverBundle, '--stdio'], stderr: 'pipe' }));
    return { client, close: () => client.close() };
  }
  const { child, url } = await spawnHttpServer();
  await client.connect(new StreamableHTTPClientTransport(new URL(url)));
  return {
    client,
    child,
    url,
    close: async () => {
      await client.close();
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
