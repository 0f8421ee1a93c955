// Where the rmcp fixture server's binary is, and an SDK client connected to it over stdio. The binary is built
// by scripts/test-rust.sh (npm run test:rust) into the shared cargo target directory outside the repo.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

/** The fixture's cargo project, which is also the server's working directory. */
export const rmcpFixtureDir = resolve(__dirname, '../fixtures/rust/rmcp-server');

/** The built server binary: $MCPWK_RMCP_SERVER_BIN, else debug/customer-insights-rmcp in the cargo target dir. */
export function rmcpServerBinary(): string {
  const fromEnv = process.env['MCPWK_RMCP_SERVER_BIN'];
  if (fromEnv) return fromEnv;
  const targetDir = process.env['CARGO_TARGET_DIR'] ?? join(homedir(), '.cache', 'mcp-workflow-kit', 'cargo-target');
  return join(targetDir, 'debug', process.platform === 'win32' ? 'customer-insights-rmcp.exe' : 'customer-insights-rmcp');
}

/** Starts the real binary and completes the MCP handshake with it. */
export async function connectRmcpServer(): Promise<Client> {
  const command = rmcpServerBinary();
  if (!existsSync(command)) {
    throw new Error(`the rmcp fixture server is not built at ${command}: run \`npm run test:rust\`, which builds it first`);
  }
  const client = new Client({ name: 'mcp-workflow-kit-test', version: '0.0.0' });
  await client.connect(new StdioClientTransport({ command, cwd: rmcpFixtureDir, stderr: 'pipe' }));
  return client;
}
