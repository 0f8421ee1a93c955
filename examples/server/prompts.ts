// The seed's prompts. Their texts are templates with plain `{{name}}` placeholders for the prompt's
// arguments, filled in by `fill`; the seed's `{{#if customer_id == 'top'}}` is not valid Handlebars, so the
// condition is decided in code and each branch is its own template.
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { GetPromptResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import * as t from './prompt-texts';

/** Replaces every `{{name}}` with the argument's value (an absent argument becomes an empty string). */
export function fill(template: string, args: Record<string, string | undefined>): string {
  return template.replace(/\{\{\s*([A-Za-z_][\w]*)\s*\}\}/g, (_m, name: string) => args[name] ?? '');
}

function user(text: string): GetPromptResult {
  return { messages: [{ role: 'user', content: { type: 'text', text } }] };
}

/** Registers the seven prompts of the seed. */
export function registerPrompts(server: McpServer): void {
  server.registerPrompt(
    'customer-analysis',
    {
      description: 'Comprehensive customer analysis workflow',
      argsSchema: { customer_id: z.string().describe("Customer ID, or 'top' for highest revenue customer") },
    },
    ({ customer_id }) => {
      const identify = customer_id === 'top' ? t.identifyTopCustomer : t.identifyGivenCustomer;
      return user(fill([t.customerAnalysisIntro, identify, t.customerAnalysisSteps].join('\n'), { customer_id }));
    },
  );

  server.registerPrompt(
    'data-gathering',
    {
      description: 'Gather customer data in parallel, then synthesize',
      argsSchema: { customer_id: z.string().describe('Customer ID, e.g. C-1001 (from sales_top_customers output)') },
    },
    ({ customer_id }) => user(fill(t.dataGathering, { customer_id })),
  );

  server.registerPrompt(
    'safe-data-migration',
    {
      description: 'Migrate customer data with validation, backup and rollback',
      argsSchema: { batch_size: z.string().optional().describe('Records per transform_records batch (default 100)') },
    },
    ({ batch_size }) => user(fill(t.safeDataMigration, { batch_size: batch_size ?? '100' })),
  );

  server.registerPrompt(
    'long-running-analysis',
    {
      description: 'Analyze all customers in batches, reporting progress',
      argsSchema: { batch_size: z.string().optional().describe('Customers per batch (default 10)') },
    },
    ({ batch_size }) => user(fill(t.longRunningAnalysis, { batch_size: batch_size ?? '10' })),
  );

  server.registerPrompt(
    'entity-management',
    {
      description: 'List, view, create, edit or delete entities of one type',
      argsSchema: { entity_type: z.string().describe('Type: customer, order, product') },
    },
    ({ entity_type }) => user(fill(t.entityManagement, { entity_type })),
  );

  server.registerPrompt(
    'investigate-anomaly',
    {
      description: 'Drill-down investigation of a reported anomaly',
      argsSchema: { anomaly: z.string().optional().describe('What was observed, e.g. "orders dropped 40% on Monday"') },
    },
    ({ anomaly }) => user(fill(t.investigateAnomaly, { anomaly: anomaly ?? 'the reported anomaly' })),
  );

  server.registerPrompt(
    'require-approval',
    {
      description: 'Human-in-the-loop approval before an operation',
      argsSchema: { operation: z.string().describe('The operation that needs approval, e.g. "delete 12 stale accounts"') },
    },
    ({ operation }) => user(fill(t.requireApproval, { operation })),
  );
}
