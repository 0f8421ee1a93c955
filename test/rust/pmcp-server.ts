// Where the pmcp fixture server's binary is, and an SDK client connected to it over stdio. The binary is
// built by scripts/test-rust.sh (npm run test:rust) into the shared cargo target directory outside the repo.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

/** The fixture's cargo project, which is also the server's working directory. */
export const pmcpFixtureDir = resolve(__dirname, '../fixtures/rust/pmcp');

/** The built server binary: $MCPWK_PMCP_SERVER_BIN, else debug/customer-insights-server in the cargo target dir. */
export function pmcpServerBinary(): string {
  const fromEnv = process.env['MCPWK_PMCP_SERVER_BIN'];
  if (fromEnv) return fromEnv;
  const targetDir = process.env['CARGO_TARGET_DIR'] ?? join(homedir(), '.cache', 'mcp-workflow-kit', 'cargo-target');
  const exe = process.platform === 'win32' ? 'customer-insights-server.exe' : 'customer-insights-server';
  return join(targetDir, 'debug', exe);
}

/** A connected client and the stderr the server wrote, for messages when an assertion fails. */
export interface PmcpSession {
  client: Client;
  stderr: () => string;
  close: () => Promise<void>;
}

/** Starts the real binary and completes the MCP handshake with it. */
export async function connectPmcpServer(): Promise<PmcpSession> {
  const command = pmcpServerBinary();
  if (!existsSync(command)) {
    throw new Error(`the pmcp fixture server is not built at ${command}: run \`npm run test:rust\`, which builds it first`);
  }
  const transport = new StdioClientTransport({ command, cwd: pmcpFixtureDir, stderr: 'pipe' });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const client = new Client({ name: 'mcp-workflow-kit-test', version: '0.0.0' });
  await client.connect(transport);
  return { client, stderr: () => stderr, close: () => client.close() };
}
