// The example data set (../data/dataset.json, shared with the Rust fixture server) and the lookups every
// customer tool makes. esbuild inlines the JSON, so the bundled server needs no file next to it.
import dataset from '../data/dataset.json';

/** A customer row of the data set. */
export interface Customer {
  customer_id: string;
  name: string;
  segment: string;
  revenue: number;
}

/** An order row of the data set. */
export interface Order {
  order_id: string;
  customer_id: string;
  date: string;
  total: number;
}

/** A support ticket row of the data set. */
export interface Ticket {
  ticket_id: string;
  customer_id: string;
  subject: string;
  status: string;
  priority: string;
  opened: string;
}

/** An engagement row of the data set. */
export interface Engagement {
  customer_id: string;
  active_users: number;
  logins_last_30d: number;
  feature_adoption: number;
  nps: number;
}

const data: { customers: Customer[]; orders: Order[]; tickets: Ticket[]; engagement: Engagement[] } = dataset;

/** Customers sorted by revenue, highest first (the CONTRACT's order for sales_top_customers). */
export function topCustomers(limit: number): Customer[] {
  return [...data.customers].sort((a, b) => b.revenue - a.revenue).slice(0, limit);
}

/** All customers in the data set's order. */
export function allCustomers(): Customer[] {
  return [...data.customers];
}

/** The customer with this id, or undefined. */
export function findCustomer(customerId: string): Customer | undefined {
  return data.customers.find((c) => c.customer_id === customerId);
}

/** The customer's orders, oldest first. */
export function ordersOf(customerId: string): Order[] {
  return data.orders.filter((o) => o.customer_id === customerId).sort((a, b) => a.date.localeCompare(b.date));
}

/** The customer's support tickets, oldest first. */
export function ticketsOf(customerId: string): Ticket[] {
  return data.tickets.filter((t) => t.customer_id === customerId).sort((a, b) => a.opened.localeCompare(b.opened));
}

/** The customer's engagement row, or undefined. */
export function engagementOf(customerId: string): Engagement | undefined {
  return data.engagement.find((e) => e.customer_id === customerId);
}
