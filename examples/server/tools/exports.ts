// An identifier that expires: report_export mints an export_id valid until its expires_at and for a number of
// downloads (a one-time link by default), and report_download answers EXPIRED once either runs out, naming the
// tool that makes a new one. The proxy's checker flags a client that passes an ID after it was told it expired.
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { findCustomer, ordersOf, ticketsOf } from '../data';
import { ok, toolError } from '../results';
import { newId, type ExampleState } from '../state';

/** One export: whose report, until when, and how many downloads are left. */
interface ExportRecord {
  customer_id: string;
  expiresAtMs: number;
  downloadsLeft: number;
}

/** Registers report_export and report_download. */
export function registerExportTools(server: McpServer, state: ExampleState): void {
  const exports = new Map<string, ExportRecord>();

  server.registerTool(
    'report_export',
    {
      title: 'Export a report',
      description: "Prepare a download of a customer's report. The export_id it returns expires at expires_at or after max_downloads downloads, whichever comes first; then call report_export again for a new one. Unknown customer_id: NOT_FOUND.",
      inputSchema: {
        customer_id: z.string().describe('Customer ID from sales_top_customers output'),
        ttl_seconds: z.number().min(0).max(3600).default(300).describe('How long the export_id stays valid (default 300)'),
        max_downloads: z.number().int().min(1).max(10).default(1).describe('Downloads before the export_id expires (default 1)'),
      },
      outputSchema: {
        export_id: z.string().describe('Pass to report_download before expires_at'),
        customer_id: z.string().describe('The customer the export is for, as the per-customer tools take it'),
        expires_at: z.string().describe('ISO 8601; the export_id is EXPIRED from then on'),
        ttl_seconds: z.number(),
        downloads_left: z.number().int(),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    ({ customer_id, ttl_seconds, max_downloads }) => {
      if (!findCustomer(customer_id)) return toolError('NOT_FOUND', `no customer with customer_id "${customer_id}"; get ids from sales_top_customers`);
      const export_id = newId(state, 'exp');
      const expiresAtMs = Date.now() + ttl_seconds * 1000;
      exports.set(export_id, { customer_id, expiresAtMs, downloadsLeft: max_downloads });
      return ok({ export_id, customer_id, expires_at: new Date(expiresAtMs).toISOString(), ttl_seconds, downloads_left: max_downloads });
    },
  );

  server.registerTool(
    'report_download',
    {
      title: 'Download a report',
      description: 'Download the report an export_id stands for. Unknown export_id: NOT_FOUND; past its expires_at or its downloads: EXPIRED (call report_export for a new export_id; do not retry the old one).',
      inputSchema: { export_id: z.string().describe('ID from report_export output') },
      outputSchema: {
        export_id: z.string(),
        customer_id: z.string().describe('The customer the report is about, as the per-customer tools take it'),
        downloads_left: z.number().int(),
        report: z.object({ orders: z.number().int(), revenue: z.number(), open_tickets: z.number().int() }),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    ({ export_id }) => {
      const record = exports.get(export_id);
      if (!record) return toolError('NOT_FOUND', `no export "${export_id}"; use the export_id from report_export output`);
      if (Date.now() >= record.expiresAtMs || record.downloadsLeft <= 0) {
        const why = record.downloadsLeft <= 0 ? 'has been downloaded as many times as it allows' : `expired at ${new Date(record.expiresAtMs).toISOString()}`;
        return toolError('EXPIRED', `export "${export_id}" ${why}; it has expired: call report_export for a new export_id`, { export_id });
      }
      record.downloadsLeft -= 1;
      const orders = ordersOf(record.customer_id);
      const report = { orders: orders.length, revenue: orders.reduce((sum, o) => sum + o.total, 0), open_tickets: ticketsOf(record.customer_id).filter((t) => t.status === 'open').length };
      return ok({ export_id, customer_id: record.customer_id, downloads_left: record.downloadsLeft, report });
    },
  );
}
