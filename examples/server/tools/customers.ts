// The four customer tools of examples/data/CONTRACT.md and the customer_analysis orchestration tool
// (the seed's Pattern 2), which gathers the other three in parallel inside one call.
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { engagementOf, findCustomer, ordersOf, ticketsOf, topCustomers } from '../data';
import { ok, toolError } from '../results';
import { analyzeCustomer } from './analysis';

const customerId = z.string().describe('Customer ID, e.g. C-1001 (from sales_top_customers output)');
const readOnly = { readOnlyHint: true, openWorldHint: false } as const;

/** Registers sales_top_customers, order_history, support_tickets, engagement_metrics and customer_analysis. */
export function registerCustomerTools(server: McpServer): void {
  server.registerTool(
    'sales_top_customers',
    {
      title: 'Top customers by revenue',
      description: 'List customers by revenue, highest first. Use the customer_id of a row with order_history, support_tickets and engagement_metrics.',
      inputSchema: { limit: z.number().int().min(1).max(100).default(10).describe('How many customers to return (1-100, default 10)') },
      outputSchema: {
        customers: z
          .array(
            z.object({
              customer_id: z.string().describe('Use with order_history, support_tickets, engagement_metrics'),
              name: z.string(),
              segment: z.string(),
              revenue: z.number(),
            }),
          )
          .describe('Customers sorted by revenue, highest first'),
      },
      annotations: readOnly,
    },
    ({ limit }) => ok({ customers: topCustomers(limit) }),
  );

  server.registerTool(
    'order_history',
    {
      title: 'Order history',
      description: "A customer's orders, oldest first, with their count and total revenue. Unknown customer_id: NOT_FOUND.",
      inputSchema: { customer_id: customerId },
      outputSchema: {
        customer_id: z.string(),
        orders: z.array(z.object({ order_id: z.string(), date: z.string(), total: z.number() })),
        order_count: z.number().int(),
        total_revenue: z.number(),
      },
      annotations: readOnly,
    },
    ({ customer_id }) => {
      if (!findCustomer(customer_id)) return notFound(customer_id);
      const orders = ordersOf(customer_id).map(({ order_id, date, total }) => ({ order_id, date, total }));
      const total_revenue = orders.reduce((sum, o) => sum + o.total, 0);
      return ok({ customer_id, orders, order_count: orders.length, total_revenue });
    },
  );

  server.registerTool(
    'support_tickets',
    {
      title: 'Support tickets',
      description: "A customer's support tickets, oldest first, and how many are open. Unknown customer_id: NOT_FOUND.",
      inputSchema: { customer_id: customerId },
      outputSchema: {
        customer_id: z.string(),
        tickets: z.array(
          z.object({ ticket_id: z.string(), subject: z.string(), status: z.string(), priority: z.string(), opened: z.string() }),
        ),
        open_count: z.number().int(),
      },
      annotations: readOnly,
    },
    ({ customer_id }) => {
      if (!findCustomer(customer_id)) return notFound(customer_id);
      const tickets = ticketsOf(customer_id).map(({ ticket_id, subject, status, priority, opened }) => ({
        ticket_id,
        subject,
        status,
        priority,
        opened,
      }));
      return ok({ customer_id, tickets, open_count: tickets.filter((t) => t.status === 'open').length });
    },
  );

  server.registerTool(
    'engagement_metrics',
    {
      title: 'Engagement metrics',
      description: "A customer's product engagement: active users, logins in the last 30 days, feature adoption (0-1), NPS. Unknown customer_id: NOT_FOUND.",
      inputSchema: { customer_id: customerId },
      outputSchema: {
        customer_id: z.string(),
        active_users: z.number().int(),
        logins_last_30d: z.number().int(),
        feature_adoption: z.number(),
        nps: z.number(),
      },
      annotations: readOnly,
    },
    ({ customer_id }) => {
      const row = engagementOf(customer_id);
      if (!findCustomer(customer_id) || !row) return notFound(customer_id);
      return ok({ ...row });
    },
  );

  server.registerTool(
    'customer_analysis',
    {
      title: 'Customer analysis',
      description:
        'Comprehensive customer analysis. Automatically gathers order history, support tickets, and engagement metrics, then synthesizes findings. Returns structured analysis report.',
      inputSchema: {
        customer_id: z.string().describe('Customer ID to analyze (ID from sales_top_customers output)'),
        include_recommendations: z.boolean().default(true).describe('Also suggest next actions for the account team (default true)'),
      },
      outputSchema: {
        customer: z.object({ customer_id: z.string(), name: z.string(), segment: z.string(), revenue: z.number() }),
        orders: z.object({
          order_count: z.number().int(),
          total_revenue: z.number(),
          orders_per_month: z.number(),
          trend: z.enum(['increasing', 'decreasing', 'flat']),
        }),
        support: z.object({
          ticket_count: z.number().int(),
          open_count: z.number().int(),
          health: z.enum(['Good', 'At-Risk', 'Poor']),
          recurring_issues: z.array(z.string()),
        }),
        engagement: z.object({
          active_users: z.number().int(),
          logins_last_30d: z.number().int(),
          feature_adoption: z.number(),
          nps: z.number(),
          level: z.enum(['high', 'medium', 'low']),
        }),
        recommendations: z.array(z.string()),
      },
      annotations: readOnly,
    },
    async ({ customer_id, include_recommendations }) => {
      const analysis = await analyzeCustomer(customer_id, include_recommendations);
      return analysis ? ok({ ...analysis }) : notFound(customer_id);
    },
  );
}

function notFound(customerId: string) {
  return toolError('NOT_FOUND', `no customer with customer_id "${customerId}"; get ids from sales_top_customers`);
}
