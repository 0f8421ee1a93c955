// The seed's "passing IDs between steps" pair: find_candidates returns ids whose description says where
// they go, and process_candidate takes an "ID from find_candidates output".
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { allCustomers, engagementOf, ticketsOf, type Customer } from '../data';
import { ok, toolError } from '../results';

const criteria = ['at_risk', 'high_value', 'open_tickets'] as const;
type Criterion = (typeof criteria)[number];

/** Registers find_candidates and process_candidate. */
export function registerCandidateTools(server: McpServer): void {
  server.registerTool(
    'find_candidates',
    {
      title: 'Find candidates',
      description: 'Find customers that match a criterion. Pass each candidate id to process_candidate.',
      inputSchema: {
        criterion: z.enum(criteria).default('at_risk').describe('at_risk: low NPS or adoption; high_value: revenue over 90000; open_tickets: any open ticket'),
        limit: z.number().int().min(1).max(50).default(10).describe('At most this many candidates (1-50, default 10)'),
      },
      outputSchema: {
        candidates: z.array(
          z.object({
            id: z.string().describe('Use with process_candidate tool'),
            customer_id: z.string().describe('The customer behind the candidate, as the per-customer tools take it'),
            name: z.string(),
            reason: z.string(),
          }),
        ),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    ({ criterion, limit }) => {
      const candidates = allCustomers()
        .map((c) => ({ c, reason: matchReason(c, criterion) }))
        .filter((m): m is { c: Customer; reason: string } => m.reason !== undefined)
        .slice(0, limit)
        .map(({ c, reason }) => ({ id: candidateId(criterion, c.customer_id), customer_id: c.customer_id, name: c.name, reason }));
      return ok({ candidates });
    },
  );

  server.registerTool(
    'process_candidate',
    {
      title: 'Process candidate',
      description: 'Act on one candidate found by find_candidates. Unknown candidate_id: NOT_FOUND.',
      inputSchema: {
        candidate_id: z.string().describe('ID from find_candidates output'),
        action: z.enum(['review', 'contact', 'escalate']).default('review').describe('What to do with the candidate (default review)'),
      },
      outputSchema: {
        candidate_id: z.string(),
        customer_id: z.string().describe('The candidate\'s customer; pass it to the per-customer tools'),
        action: z.string(),
        status: z.literal('processed'),
        note: z.string(),
      },
      annotations: { readOnlyHint: false, idempotentHint: true, openWorldHint: false },
    },
    ({ candidate_id, action }) => {
      const parsed = /^cand-(at_risk|high_value|open_tickets)-(.+)$/.exec(candidate_id);
      const customer = parsed ? allCustomers().find((c) => c.customer_id === parsed[2]) : undefined;
      if (!parsed || !customer || matchReason(customer, parsed[1] as Criterion) === undefined) {
        return toolError('NOT_FOUND', `no candidate "${candidate_id}"; pass an id from find_candidates output`);
      }
      return ok({
        candidate_id,
        customer_id: customer.customer_id,
        action,
        status: 'processed',
        note: `${action} queued for ${customer.name}`,
      });
    },
  );
}

function candidateId(criterion: Criterion, customerId: string): string {
  return `cand-${criterion}-${customerId}`;
}

function matchReason(c: Customer, criterion: Criterion): string | undefined {
  if (criterion === 'high_value') return c.revenue > 90000 ? `revenue ${c.revenue}` : undefined;
  if (criterion === 'open_tickets') {
    const open = ticketsOf(c.customer_id).filter((t) => t.status === 'open').length;
    return open > 0 ? `${open} open ticket(s)` : undefined;
  }
  const e = engagementOf(c.customer_id);
  if (!e) return undefined;
  return e.nps < 30 || e.feature_adoption < 0.45 ? `nps ${e.nps}, adoption ${e.feature_adoption}` : undefined;
}
