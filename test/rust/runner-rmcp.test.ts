// The workflow runner against the rmcp server: the same examples/customer-analysis.workflow.json that runs against
// the TypeScript example server and the pmcp fixture runs, unchanged, against a server built with the official SDK.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { connectServer, type McpConnection } from '../../src/core/mcp/client';
import { runCustomerAnalysis } from '../support/customer-analysis';
import { rmcpFixtureDir, rmcpServerBinary } from './rmcp-server';

let connection: McpConnection;

before(async () => {
  connection = await connectServer('rmcp-fixture', { type: 'stdio', command: rmcpServerBinary(), cwd: rmcpFixtureDir });
  await connection.listTools();
});

after(async () => {
  await connection?.close();
});

describe('runner against the rmcp (Rust) server', () => {
  test('customer-analysis.workflow.json runs green, carrying C-1001 into the parallel steps', async () => {
    const summary = await runCustomerAnalysis(connection);
    const report = summary.steps['report']?.result as { recommendations: string[] };
    assert.ok(report.recommendations.length > 0);
  });
});
