// The example server's resources: the customer list as one JSON document, and each customer by id through a
// resource template, so a client (or the editor's Servers view) can read the data the tools work on.
import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import { allCustomers, findCustomer } from './data';

/** Registers customers://all and customers://{customer_id}. */
export function registerResources(server: McpServer): void {
  server.registerResource(
    'customers',
    'customers://all',
    { title: 'All customers', description: 'Every customer of the data set, with segment and revenue, as JSON.', mimeType: 'application/json' },
    (uri) => ({ contents: [{ uri: uri.href, mimeType: 'application/json', text: JSON.stringify({ customers: allCustomers() }, null, 2) }] }),
  );
  server.registerResource(
    'customer',
    new ResourceTemplate('customers://{customer_id}', { list: undefined }),
    { title: 'One customer', description: 'A customer by customer_id (e.g. C-1001), as JSON.', mimeType: 'application/json' },
    (uri, { customer_id }) => {
      const id = Array.isArray(customer_id) ? customer_id[0] : customer_id;
      const customer = id ? findCustomer(id) : undefined;
      if (!customer) throw new Error(`NOT_FOUND: no customer ${id ?? ''}`);
      return { contents: [{ uri: uri.href, mimeType: 'application/json', text: JSON.stringify(customer, null, 2) }] };
    },
  );
}
