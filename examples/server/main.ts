// Entry point of the example server: `--stdio` (the default) or `--http [--port N]` (Streamable HTTP on
// 127.0.0.1; port 0 picks a free port and the chosen one is printed). Bundled by scripts/build.mjs to
// dist/example-server.js. Over HTTP it prints exactly one line on stdout, `listening <url>`, for whoever
// started it to wait for.
import { fstatSync } from 'node:fs';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { recordCalls } from './call-log';
import { listenHttp } from './http';
import { createExampleServer } from './server';
import { createExampleState } from './state';

const usage = 'usage: example-server [--stdio | --http [--port N]]   (--port defaults to 3917; 0 picks a free port)';

type Options = { mode: 'stdio' } | { mode: 'http'; port: number };

function parseArgs(argv: string[]): Options | string {
  let mode: 'stdio' | 'http' = 'stdio';
  let port = 3917;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--stdio') mode = 'stdio';
    else if (arg === '--http') mode = 'http';
    else if (arg === '--port') {
      const value = Number(argv[++i]);
      if (!Number.isInteger(value) || value < 0 || value > 65535) return `--port needs a number from 0 to 65535`;
      port = value;
    } else return `unknown argument "${arg ?? ''}"`;
  }
  return mode === 'http' ? { mode, port } : { mode };
}

async function main(argv: string[]): Promise<void> {
  const options = parseArgs(argv);
  if (typeof options === 'string') {
    process.stderr.write(`example-server: ${options}\n${usage}\n`);
    process.exit(2);
  }
  const state = createExampleState();
  let stop: () => Promise<void>;
  if (options.mode === 'stdio') {
    const server = createExampleServer(state);
    const transport = new StdioServerTransport();
    await server.connect(transport);
    recordCalls(transport);
    stop = () => server.close();
    process.stdin.on('end', () => void shutdown());
  } else {
    const handle = await listenHttp(state, options.port);
    stop = handle.close;
    process.stdout.write(`listening ${handle.url}\n`);
    // A parent that started us through a pipe and went away closes that pipe: stop with it. A terminal or
    // /dev/null on stdin is left alone, so `--http` also runs standalone.
    if (stdinIsPipe()) {
      process.stdin.on('end', () => void shutdown());
      process.stdin.resume();
    }
  }
  let stopping = false;
  async function shutdown(): Promise<void> {
    if (stopping) return;
    stopping = true;
    await stop().catch(() => undefined);
    process.exit(0);
  }
  process.on('SIGTERM', () => void shutdown());
  process.on('SIGINT', () => void shutdown());
}

function stdinIsPipe(): boolean {
  try {
    const stat = fstatSync(0);
    return stat.isFIFO() || stat.isSocket();
  } catch {
    return false;
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`example-server: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
