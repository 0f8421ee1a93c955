// The synthesis behind customer_analysis: what the seed's customer-analysis prompt asks an AI to work out
// (order frequency trend, support health, engagement), done in code so one tool call answers it all.
import { engagementOf, findCustomer, ordersOf, ticketsOf, type Customer, type Order, type Ticket } from '../data';

/** The structured report customer_analysis returns. */
export interface CustomerAnalysis {
  customer: Customer;
  orders: { order_count: number; total_revenue: number; orders_per_month: number; trend: 'increasing' | 'decreasing' | 'flat' };
  support: { ticket_count: number; open_count: number; health: 'Good' | 'At-Risk' | 'Poor'; recurring_issues: string[] };
  engagement: {
    active_users: number;
    logins_last_30d: number;
    feature_adoption: number;
    nps: number;
    level: 'high' | 'medium' | 'low';
  };
  recommendations: string[];
}

/** Gathers the three data sources in parallel and synthesizes them; undefined for an unknown customer. */
export async function analyzeCustomer(customerId: string, includeRecommendations: boolean): Promise<CustomerAnalysis | undefined> {
  const customer = findCustomer(customerId);
  const [orders, tickets, engagement] = await Promise.all([
    Promise.resolve(ordersOf(customerId)),
    Promise.resolve(ticketsOf(customerId)),
    Promise.resolve(engagementOf(customerId)),
  ]);
  if (!customer || !engagement) return undefined;
  const { customer_id: _id, ...metrics } = engagement;
  const level = engagement.feature_adoption >= 0.6 && engagement.nps >= 30 ? 'high' : engagement.feature_adoption >= 0.4 ? 'medium' : 'low';
  const analysis: CustomerAnalysis = {
    customer: { ...customer },
    orders: summarizeOrders(orders),
    support: summarizeTickets(tickets),
    engagement: { ...metrics, level },
    recommendations: [],
  };
  if (includeRecommendations) analysis.recommendations = recommend(analysis);
  return analysis;
}

function summarizeOrders(orders: Order[]): CustomerAnalysis['orders'] {
  const total_revenue = orders.reduce((sum, o) => sum + o.total, 0);
  const first = orders[0];
  const last = orders[orders.length - 1];
  const months = first && last ? Math.max(1, monthsBetween(first.date, last.date) + 1) : 1;
  const orders_per_month = Math.round((orders.length / months) * 100) / 100;
  let trend: CustomerAnalysis['orders']['trend'] = 'flat';
  if (first && last && orders.length > 1 && last.total !== first.total) trend = last.total > first.total ? 'increasing' : 'decreasing';
  return { order_count: orders.length, total_revenue, orders_per_month, trend };
}

function summarizeTickets(tickets: Ticket[]): CustomerAnalysis['support'] {
  const open = tickets.filter((t) => t.status === 'open');
  const openHigh = open.filter((t) => t.priority === 'high').length;
  const health = openHigh >= 2 ? 'Poor' : open.length > 0 ? 'At-Risk' : 'Good';
  // Two tickets whose subjects share their first two words count as one recurring issue.
  const seen = new Map<string, number>();
  for (const t of tickets) {
    const key = t.subject.toLowerCase().split(/\s+/).slice(0, 2).join(' ');
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  const recurring_issues = [...seen].filter(([, n]) => n > 1).map(([key]) => key);
  return { ticket_count: tickets.length, open_count: open.length, health, recurring_issues };
}

function recommend(a: CustomerAnalysis): string[] {
  const out: string[] = [];
  if (a.support.recurring_issues.length > 0) out.push(`Fix the recurring issue(s): ${a.support.recurring_issues.join(', ')}`);
  if (a.support.health !== 'Good') out.push(`Follow up on ${a.support.open_count} open ticket(s) with the account team`);
  if (a.orders.trend === 'increasing') out.push('Offer an expansion or volume contract while spend is growing');
  if (a.orders.trend === 'decreasing') out.push('Schedule a business review: order value is falling');
  if (a.engagement.level === 'low') out.push('Run an adoption workshop: feature adoption is low');
  if (out.length === 0) out.push('Keep the current cadence: no risks found');
  return out;
}

function monthsBetween(from: string, to: string): number {
  const a = new Date(`${from}T00:00:00Z`);
  const b = new Date(`${to}T00:00:00Z`);
  return (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + (b.getUTCMonth() - a.getUTCMonth());
}
