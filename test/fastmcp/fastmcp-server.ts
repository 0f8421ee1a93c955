// How the fastmcp fixture server (test/fixtures/ts/fastmcp-server/server.ts) is started: with tsx, and with the
// pinned fastmcp that scripts/test-fastmcp.sh installs outside the repo on NODE_PATH.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { StdioServerParameters } from '@modelcontextprotocol/sdk/client/stdio.js';

const root = resolve(__dirname, '..', '..');

/** The command, arguments and environment that start the server; throws when the suite's install is missing. */
export function fastmcpServer(): Required<Pick<StdioServerParameters, 'command' | 'args' | 'env' | 'cwd'>> {
  const nodePath = process.env['MCPWK_FASTMCP_NODE_PATH'];
  if (!nodePath || !existsSync(join(nodePath, 'fastmcp'))) {
    throw new Error('fastmcp is not installed for this suite: run `npm run test:fastmcp`, which installs it first');
  }
  const env = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined));
  return {
    command: process.execPath,
    args: ['--import', 'tsx', join(root, 'test', 'fixtures', 'ts', 'fastmcp-server', 'server.ts')],
    env: { ...env, NODE_PATH: nodePath },
    cwd: root,
  };
}
