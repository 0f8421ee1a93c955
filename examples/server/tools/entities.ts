// The tools the seed's CRUD prompt template (entity-management) names for the `customer` entity type:
// customer_list, customer_get, customer_create, customer_update and customer_delete. They work on the
// backend's own copy of the customer list, so the CONTRACT tools (sales_top_customers and the per-customer
// tools) keep answering from the fixed data set and a workflow's results stay reproducible.
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { Customer } from '../data';
import { ok, toolError } from '../results';
import type { ExampleState } from '../state';

const customerShape = { customer_id: z.string().describe('The customer ID; pass it to customer_get, customer_update, customer_delete or the per-customer tools'), name: z.string(), segment: z.string(), revenue: z.number() };
const customerId = z.string().describe('Customer ID, e.g. C-1001 (from customer_list output)');
const segment = z.enum(['enterprise', 'mid-market', 'smb']);

/** Registers the five customer CRUD tools over `state.customers`. */
export function registerEntityTools(server: McpServer, state: ExampleState): void {
  const missing = (id: string) => toolError('NOT_FOUND', `no customer "${id}"; list them with customer_list`);

  server.registerTool(
    'customer_list',
    {
      title: 'List customers',
      description: 'List customers, optionally only one segment, sorted by customer_id. Use a customer_id with customer_get, customer_update or customer_delete.',
      inputSchema: { segment: segment.optional().describe('Only customers of this segment'), limit: z.number().int().min(1).max(100).default(20).describe('At most this many (1-100, default 20)') },
      outputSchema: { customers: z.array(z.object(customerShape)), count: z.number().int().describe('How many match, before the limit') },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    ({ segment: only, limit }) => {
      const all = [...state.customers.values()].filter((c) => !only || c.segment === only).sort((a, b) => a.customer_id.localeCompare(b.customer_id));
      return ok({ customers: all.slice(0, limit), count: all.length });
    },
  );

  server.registerTool(
    'customer_get',
    {
      title: 'View customer',
      description: 'One customer by ID. Unknown customer_id: NOT_FOUND.',
      inputSchema: { customer_id: customerId },
      outputSchema: { customer: z.object(customerShape) },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    ({ customer_id }) => {
      const customer = state.customers.get(customer_id);
      return customer ? ok({ customer }) : missing(customer_id);
    },
  );

  server.registerTool(
    'customer_create',
    {
      title: 'Create customer',
      description: 'Create a customer from its required fields (name, segment) and return it with its new customer_id. A name already taken: INVALID_INPUT.',
      inputSchema: { name: z.string().min(1).describe('Company name, unique'), segment: segment.describe('Market segment'), revenue: z.number().min(0).default(0).describe('Annual revenue in USD (default 0)') },
      outputSchema: { customer: z.object(customerShape) },
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    },
    ({ name, segment: kind, revenue }) => {
      if ([...state.customers.values()].some((c) => c.name.toLowerCase() === name.toLowerCase())) return toolError('INVALID_INPUT', `a customer named "${name}" exists already`);
      const customer: Customer = { customer_id: `C-${2000 + state.nextId++}`, name, segment: kind, revenue };
      state.customers.set(customer.customer_id, customer);
      return ok({ customer });
    },
  );

  server.registerTool(
    'customer_update',
    {
      title: 'Edit customer',
      description: 'Change a customer\'s name or segment and return it as it was and as it is now, so the change can be shown and confirmed. Unknown customer_id: NOT_FOUND.',
      inputSchema: { customer_id: customerId, name: z.string().min(1).optional().describe('New name'), segment: segment.optional().describe('New segment') },
      outputSchema: { before: z.object(customerShape), customer: z.object(customerShape) },
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    ({ customer_id, name, segment: kind }) => {
      const before = state.customers.get(customer_id);
      if (!before) return missing(customer_id);
      const customer = { ...before, ...(name ? { name } : {}), ...(kind ? { segment: kind } : {}) };
      state.customers.set(customer_id, customer);
      return ok({ before, customer });
    },
  );

  server.registerTool(
    'customer_delete',
    {
      title: 'Delete customer',
      description: 'Delete a customer. Irreversible: ask the user to confirm first and pass confirm=true. Unknown customer_id: NOT_FOUND; confirm not true: INVALID_INPUT.',
      inputSchema: { customer_id: customerId, confirm: z.boolean().describe('Must be true: the user confirmed the deletion') },
      outputSchema: { customer_id: z.string(), deleted: z.boolean() },
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
    },
    ({ customer_id, confirm }) => {
      if (confirm !== true) return toolError('INVALID_INPUT', 'deleting a customer needs confirm=true, after the user confirmed');
      if (!state.customers.has(customer_id)) return missing(customer_id);
      state.customers.delete(customer_id);
      return ok({ customer_id, deleted: true });
    },
  );
}
