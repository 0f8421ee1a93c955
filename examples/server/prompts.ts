// The seed's prompts. Each text is a Handlebars template over the prompt's arguments, rendered with the real
// `handlebars` package (HTML escaping off: the text is for a model, not a page). The seed's guided prompt
// writes `{{#if customer_id == 'top'}}`, which Handlebars cannot parse; here it is `{{#if (eq customer_id "top")}}`
// with the `eq` helper registered below. The texts sit next to their registrations, where the checker
// (and a reader) sees which arguments each one uses and which tools it names.
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import Handlebars from 'handlebars';
import { z } from 'zod';

/** One Handlebars environment for the prompts, with the helpers their templates use. */
const hb = Handlebars.create();
hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
const PLAIN = { noEscape: true, strict: false } as const;

/** The seed's guided prompt; its `{{#if customer_id == 'top'}}` made valid Handlebars with the `eq` helper. */
const CUSTOMER_ANALYSIS = [
  'Perform a comprehensive analysis of {{customer_id}}:',
  '',
  '**Step 1: Identify Customer**',
  '{{#if (eq customer_id "top")}}',
  '- Use `sales_top_customers` with limit=1 to find the top customer',
  '- Note the customer_id for subsequent steps',
  '{{else}}',
  '- Use customer_id: {{customer_id}}',
  '{{/if}}',
  '',
  '**Step 2: Gather Data** (can run in parallel)',
  '- Use `order_history` with the customer_id',
  '- Use `support_tickets` with the customer_id',
  '- Use `engagement_metrics` with the customer_id',
  '',
  '**Step 3: Analyze Patterns**',
  '- Calculate order frequency trend (increasing/decreasing?)',
  '- Identify support ticket patterns (recurring issues?)',
  '- Correlate engagement with purchase behavior',
  '',
  '**Step 4: Generate Report**',
  'Format findings as:',
  '```',
  '## Customer Analysis: [Name]',
  '### Key Metrics',
  '- Total Revenue: $X',
  '- Order Frequency: X orders/month',
  '- Support Health: Good/At-Risk/Poor',
  '',
  '### Trends',
  '1. [Trend 1]',
  '2. [Trend 2]',
  '',
  '### Recommendations',
  '1. [Action 1]',
  '2. [Action 2]',
  '```',
].join('\n');

/** Parallel data gathering: three independent calls, then one that needs them all. */
const DATA_GATHERING = [
  'Gather customer data for {{customer_id}}:',
  '',
  '**These steps can run in parallel:**',
  '- order_history(customer_id)',
  '- support_tickets(customer_id)',
  '- engagement_metrics(customer_id)',
  '',
  '**This step requires all above to complete:**',
  '- Synthesize findings into report',
].join('\n');

/** The safe migration: validate, back up, transform in batches, verify, with a rollback on every failure. */
const SAFE_DATA_MIGRATION = [
  'Migrate customer data to new format:',
  '',
  '**Step 1: Validate Source**',
  '- Use validate_source to check data integrity',
  '- If validation fails: STOP and report issues',
  '',
  '**Step 2: Create Backup**',
  '- Use create_backup before any modifications',
  '- Record backup_id for potential rollback',
  '',
  '**Step 3: Transform Data**',
  '- Use transform_records in batches of {{batch_size}}',
  '- If any batch fails: rollback using backup_id (restore_backup)',
  '',
  '**Step 4: Verify Results**',
  '- Use validate_target to verify migration',
  '- If validation fails: rollback using backup_id (restore_backup)',
  '',
  '**On Success:**',
  '- Report migration statistics',
  '- Keep backup for 24 hours',
].join('\n');

/** Batches with progress reports. */
const LONG_RUNNING_ANALYSIS = [
  'Analyze all customers:',
  '',
  'For each batch of {{batch_size}} customers:',
  '1. Process the batch',
  '2. Call workflow_progress with completion percentage',
  '3. Continue to next batch',
  '',
  'Report progress every 10% completion.',
].join('\n');

/** The CRUD template: one tool family per entity type (`customer_list`, `customer_get`, … for customers). */
const ENTITY_MANAGEMENT = [
  'Manage {{entity_type}} entities:',
  '',
  '1. Ask what the user wants to do (list, view, create, edit, delete)',
  '2. For list: use {{entity_type}}_list with any filters',
  '3. For view: use {{entity_type}}_get with ID',
  '4. For create: collect required fields, then use {{entity_type}}_create',
  '5. For edit: get current state, show changes, confirm, then use {{entity_type}}_update',
  '6. For delete: confirm explicitly, then use {{entity_type}}_delete',
].join('\n');

/** The investigation template, phase by phase. */
const INVESTIGATE_ANOMALY = [
  'Investigate {{anomaly}}:',
  '',
  '**Phase 1: Scope**',
  '- Identify affected time range',
  '- Identify affected entities',
  '- Quantify the impact',
  '',
  '**Phase 2: Correlate**',
  '- Check for system events in the time range',
  '- Check for related anomalies',
  '- Identify potential causes',
  '',
  '**Phase 3: Diagnose**',
  '- For each potential cause:',
  '  - Gather supporting evidence',
  '  - Gather contradicting evidence',
  '- Rank causes by likelihood',
  '',
  '**Phase 4: Recommend**',
  '- Immediate actions to mitigate',
  '- Long-term fixes to prevent recurrence',
  '- Monitoring to detect future occurrences',
].join('\n');

/** Human-in-the-loop approval. */
const REQUIRE_APPROVAL = [
  'This operation requires approval: {{operation}}',
  '',
  '**Before Proceeding:**',
  '1. Summarize what will happen',
  '2. List all affected entities',
  '3. Describe the impact (reversible/irreversible)',
  "4. Ask for explicit confirmation: 'yes' to proceed",
  '',
  '**On Confirmation:**',
  '- Log the approval with timestamp (workflow_log)',
  '- Execute the operation',
  '- Report results',
  '',
  '**On Denial:**',
  '- Log the denial (workflow_log)',
  '- Suggest alternative approaches if applicable',
].join('\n');

/** Registers the seven prompts of the seed, and one written the way most TypeScript servers write prompts: a
 * template literal with `${…}` substitutions that names its tools in words. */
export function registerPrompts(server: McpServer): void {
  server.registerPrompt(
    'customer-analysis',
    {
      description: 'Comprehensive customer analysis workflow',
      argsSchema: { customer_id: z.string().describe("Customer ID, or 'top' for highest revenue customer") },
    },
    ({ customer_id }) => ({
      messages: [{ role: 'user', content: { type: 'text', text: hb.compile(CUSTOMER_ANALYSIS, PLAIN)({ customer_id }) } }],
    }),
  );

  server.registerPrompt(
    'data-gathering',
    {
      description: 'Gather customer data in parallel, then synthesize',
      argsSchema: { customer_id: z.string().describe('Customer ID, e.g. C-1001 (from sales_top_customers output)') },
    },
    ({ customer_id }) => ({
      messages: [{ role: 'user', content: { type: 'text', text: hb.compile(DATA_GATHERING, PLAIN)({ customer_id }) } }],
    }),
  );

  server.registerPrompt(
    'safe-data-migration',
    {
      description: 'Migrate customer data with validation, backup and rollback',
      argsSchema: { batch_size: z.string().optional().describe('Records per transform_records batch (default 100)') },
    },
    ({ batch_size }) => ({
      messages: [{ role: 'user', content: { type: 'text', text: hb.compile(SAFE_DATA_MIGRATION, PLAIN)({ batch_size: batch_size ?? '100' }) } }],
    }),
  );

  server.registerPrompt(
    'long-running-analysis',
    {
      description: 'Analyze all customers in batches, reporting progress',
      argsSchema: { batch_size: z.string().optional().describe('Customers per batch (default 10)') },
    },
    ({ batch_size }) => ({
      messages: [{ role: 'user', content: { type: 'text', text: hb.compile(LONG_RUNNING_ANALYSIS, PLAIN)({ batch_size: batch_size ?? '10' }) } }],
    }),
  );

  server.registerPrompt(
    'entity-management',
    {
      description: 'List, view, create, edit or delete entities of one type',
      argsSchema: { entity_type: z.string().describe('Entity type; this server has the customer_* tools, so: customer') },
    },
    ({ entity_type }) => ({
      messages: [{ role: 'user', content: { type: 'text', text: hb.compile(ENTITY_MANAGEMENT, PLAIN)({ entity_type }) } }],
    }),
  );

  server.registerPrompt(
    'investigate-anomaly',
    {
      description: 'Drill-down investigation of a reported anomaly',
      argsSchema: { anomaly: z.string().optional().describe('What was observed, e.g. "orders dropped 40% on Monday"') },
    },
    ({ anomaly }) => ({
      messages: [{ role: 'user', content: { type: 'text', text: hb.compile(INVESTIGATE_ANOMALY, PLAIN)({ anomaly: anomaly ?? 'the reported anomaly' }) } }],
    }),
  );

  server.registerPrompt(
    'require-approval',
    {
      description: 'Human-in-the-loop approval before an operation',
      argsSchema: { operation: z.string().describe('The operation that needs approval, e.g. "delete 12 stale accounts"') },
    },
    ({ operation }) => ({
      messages: [{ role: 'user', content: { type: 'text', text: hb.compile(REQUIRE_APPROVAL, PLAIN)({ operation }) } }],
    }),
  );

  server.registerPrompt(
    'top-customer-brief',
    {
      description: 'A short brief on the top customers and their recent orders',
      argsSchema: {
        limit: z.string().optional().describe('How many top customers to brief on (default 3)'),
        focus: z.string().optional().describe('What to look for in the orders, e.g. "refunds"'),
      },
    },
    ({ limit, focus }) => {
      const count = limit ?? '3';
      return {
        messages: [
          {
            role: 'user',
            content: {
              type: 'text',
              text: `Brief me on the top ${count} customers.
First call the sales_top_customers tool with limit=${count}, then use the order_history tool for each customer_id it returns${focus ? `, looking for ${focus}` : ''}.
End with two sentences on the trend.`,
            },
          },
        ],
      };
    },
  );
}
