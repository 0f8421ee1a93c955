// Where the FastMCP fixture server is and how it is started: the venv's Python (scripts/test-python.sh exports
// MCPWK_PYTHON) running test/fixtures/python/fastmcp/customer_server.py over stdio.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const fastMcpFixtureDir = resolve(__dirname, '../fixtures/python/fastmcp');
export const fastMcpServerFile = join(fastMcpFixtureDir, 'customer_server.py');

/** The venv's Python: $MCPWK_PYTHON, else the venv test-python.sh makes. */
export function venvPython(): string {
  const python = process.env['MCPWK_PYTHON'] ?? join(homedir(), '.cache', 'mcp-workflow-kit', 'python-venv-fastmcp-4.2.3', 'bin', 'python');
  if (!existsSync(python)) throw new Error(`no Python with FastMCP at ${python}: run \`npm run test:python\`, which makes the venv first`);
  return python;
}
