// Scripted clients that behave like AI clients following the customer-analysis workflow (or not), run through the
// real proxy to the real example server: shared by the verify, record-to-workflow and replay tests.
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { repoRoot } from '../cli/run-cli';
import { exampleConfig, proxyOverStdio, tempDir, type Connected } from './helpers';

export const workflow = join(repoRoot, 'examples', 'customer-analysis.workflow.json');

export const gather = ['order_history', 'support_tickets', 'engagement_metrics'] as const;

/** A scripted client; `together` starts calls the way a parallel client does (see helpers.ts). */
export type Script = (client: Client, together: Connected['together']) => Promise<void>;

/** Runs `script` through the proxy and returns the trace file and what the proxy printed on stderr. */
export async function traced(script: Script, withWorkflow = true): Promise<{ trace: string; stderr: string }> {
  const trace = join(tempDir(), 'run.trace.jsonl');
  const proxied = await proxyOverStdio(['--server', 'example-stdio', '--config', exampleConfig, '--trace', trace, ...(withWorkflow ? ['--workflow', workflow] : [])]);
  await proxied.client.listTools();
  await script(proxied.client, proxied.together);
  await proxied.close();
  return { trace, stderr: proxied.stderr() };
}

export function call(client: Client, name: string, args: Record<string, unknown>): Promise<unknown> {
  return client.callTool({ name, arguments: args });
}

export async function topCustomer(client: Client): Promise<string> {
  const result = await client.callTool({ name: 'sales_top_customers', arguments: { limit: 1 } });
  return (result.structuredContent as { customers: { customer_id: string }[] }).customers[0]!.customer_id;
}

export const conforming: Script = async (client, together) => {
  const id = await topCustomer(client);
  await together(() => gather.map((tool) => call(client, tool, { customer_id: id })));
  await call(client, 'customer_analysis', { customer_id: id, include_recommendations: true });
};

export const outOfOrder: Script = async (client, together) => {
  await call(client, 'order_history', { customer_id: 'C-1001' });
  const id = await topCustomer(client);
  await together(() => [call(client, 'support_tickets', { customer_id: id }), call(client, 'engagement_metrics', { customer_id: id })]);
  await call(client, 'customer_analysis', { customer_id: id, include_recommendations: true });
};

export const skipsTickets: Script = async (client, together) => {
  const id = await topCustomer(client);
  await together(() => [call(client, 'order_history', { customer_id: id }), call(client, 'engagement_metrics', { customer_id: id })]);
  await call(client, 'customer_analysis', { customer_id: id, include_recommendations: true });
};

export const inventsId: Script = async (client, together) => {
  const id = await topCustomer(client);
  await together(() => [call(client, 'order_history', { customer_id: 'C-9999' }), call(client, 'support_tickets', { customer_id: id }), call(client, 'engagement_metrics', { customer_id: id })]);
  await call(client, 'customer_analysis', { customer_id: id, include_recommendations: true });
};

export const oneByOne: Script = async (client) => {
  const id = await topCustomer(client);
  for (const tool of gather) await call(client, tool, { customer_id: id });
  await call(client, 'customer_analysis', { customer_id: id, include_recommendations: true });
};

/** The same script after getting the guided prompt, as a client that was handed it would. */
export function guided(script: Script): Script {
  return async (client, together) => {
    await client.getPrompt({ name: 'customer-analysis', arguments: { customer_id: 'top' } });
    await script(client, together);
  };
}

