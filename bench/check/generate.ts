// Writes a synthetic workspace for bench/check: Rust pmcp servers and TypeScript SDK servers in the shapes of
// the fixtures (ToolInfo with json! schemas, SimplePrompt with Handlebars and format! text, registerTool with
// zod shapes, registerPrompt with ID passing, retry guidance and tool mentions), five tools and prompts a file.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function rustFile(i: number): string {
  const t = (k: number) => `orders_${i}_${k}`;
  const tool = (k: number) => `
pub fn ${t(k)}_info() -> ToolInfo {
    ToolInfo::new(
        "${t(k)}",
        Some("List the orders of one customer, newest first, with totals. Use the order_id with ${t((k + 1) % 3)}.".to_string()),
        json!({
            "type": "object",
            "required": ["customer_id"],
            "properties": {
                "customer_id": { "type": "string", "description": "ID from ${k === 0 ? `customers_${i + 1}_0` : t(k - 1)} output" },
                "status": { "type": "string", "enum": ["open", "shipped", "cancelled"], "default": "open" },
                "limit": { "type": "integer", "minimum": 1, "maximum": 100, "default": 20 }
            }
        }),
    )
    .with_output_schema(json!({
        "type": "object",
        "properties": {
            "orders": { "type": "array", "items": { "type": "object", "properties": { "order_id": { "type": "string" }, "total": { "type": "number" } } } },
            "error": { "type": "string", "enum": ["RATE_LIMITED", "TIMEOUT"] }
        }
    }))
}
`;
  const prompt = (k: number) => `
const TEMPLATE_${k}: &str = "Analyse {{customer_id}}:\\n\\
    {{#if (eq customer_id \\"top\\")}}\\n\\
    - Use \`customers_${i + 1}_0\` with limit=1\\n\\
    {{else}}\\n\\
    - Use customer_id: {{customer_id}}\\n\\
    {{/if}}\\n\\
    - Then call ${t(0)} and ${t(1)} with the customer_id\\n\\
    - If the error is RATE_LIMITED, wait and retry.";

pub fn review_${i}_${k}() -> impl PromptHandler {
    SimplePrompt::new("review-${i}-${k}", |args: HashMap<String, String>, _extra| {
        Box::pin(async move {
            let text = Handlebars::new().render_template(TEMPLATE_${k}, &json!({ "customer_id": args.get("customer_id") }))?;
            Ok(GetPromptResult::new(vec![PromptMessage::user(Content::text(text))], None))
        })
    })
    .with_description("Review one customer's orders and tickets")
    .with_argument("customer_id", "Customer ID, or 'top' for the highest revenue customer", true)
}
`;
  return `//! Synthetic server ${i} for bench/check.\n\nuse handlebars::Handlebars;\nuse pmcp::{Content, GetPromptResult, PromptHandler, PromptMessage, SimplePrompt, ToolInfo};\nuse serde_json::json;\nuse std::collections::HashMap;\n${tool(0)}${tool(1)}${tool(2)}${prompt(0)}${prompt(1)}`;
}

function tsFile(i: number): string {
  const t = (k: number) => `customers_${i}_${k}`;
  const tool = (k: number) => `
server.registerTool(
  "${t(k)}",
  {
    title: "Customers ${k}",
    description: "List customers by revenue, highest first. Use the customer_id with orders_${i - 1}_0.",
    inputSchema: {
      segment_id: z.string().describe("ID from ${k === 0 ? `orders_${i - 1}_2` : t(k - 1)} output"),
      limit: z.number().int().min(1).max(100).default(10).describe("How many customers to return"),
    },
    outputSchema: { customers: z.array(z.object({ customer_id: z.string(), name: z.string(), revenue: z.number() })) },
  },
  async ({ limit }) => ({ content: [{ type: "text", text: String(limit) }], structuredContent: { customers: [] } }),
);
`;
  const prompt = (k: number) => `
server.registerPrompt(
  "insights-${i}-${k}",
  { description: "Analyse one customer step by step", argsSchema: { customer_id: z.string().describe("Customer ID from ${t(0)} output") } },
  ({ customer_id }) => ({
    messages: [{ role: "user", content: { type: "text", text: ["Analyse {{customer_id}}:", "- Use \`${t(0)}\` with limit=1", "- Then call ${t(1)} for {{customer_id}}", "- If the error is TIMEOUT, retry 3 times."].join("\\n") } }],
  }),
);
`;
  return `// Synthetic server ${i} for bench/check.\nimport { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";\nimport { z } from "zod";\n\nconst server = new McpServer({ name: "bench-${i}", version: "1.0.0" });\n${tool(0)}${tool(1)}${tool(2)}${prompt(0)}${prompt(1)}`;
}

/** Writes `count` files, 50 a folder, alternating Rust and TypeScript; returns their paths. */
function writeFiles(dir: string, count: number, folder: string, name: (i: number, rust: boolean) => string, rust: (i: number) => string, ts: (i: number) => string): string[] {
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const sub = join(dir, `${folder}-${Math.floor(i / 50)}`);
    mkdirSync(sub, { recursive: true });
    const file = join(sub, name(i, i % 2 === 0));
    writeFileSync(file, i % 2 === 0 ? rust(i) : ts(i));
    files.push(file);
  }
  return files;
}

/** Writes `count` server files (half Rust, half TypeScript) under `dir`; returns their paths. */
export function generateWorkspace(dir: string, count: number): string[] {
  return writeFiles(dir, count, 'server', (i, rust) => `server_${i}.${rust ? 'rs' : 'ts'}`, rustFile, tsFile);
}

/** An ordinary Rust module (data types, logic, tests) of the kind most files of a workspace are. */
function ordinaryRust(i: number): string {
  const fn = (k: number) => `
/// Sums the line items of invoice ${k}, applying the discount and rounding to cents.
pub fn invoice_total_${k}(items: &[LineItem], discount: f64) -> f64 {
    let gross: f64 = items.iter().map(|item| item.quantity as f64 * item.unit_price).sum();
    let net = gross * (1.0 - discount.clamp(0.0, 1.0));
    (net * 100.0).round() / 100.0
}
`;
  return `//! Billing helpers ${i}.\nuse std::collections::HashMap;\n\n#[derive(Debug, Clone)]\npub struct LineItem {\n    pub sku: String,\n    pub quantity: u32,\n    pub unit_price: f64,\n}\n${[0, 1, 2, 3, 4, 5].map(fn).join('')}
pub fn by_sku(items: &[LineItem]) -> HashMap<String, u32> {
    let mut out = HashMap::new();
    for item in items {
        *out.entry(item.sku.clone()).or_insert(0) += item.quantity;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn totals_round_to_cents() {
        let items = vec![LineItem { sku: "a".into(), quantity: 3, unit_price: 1.005 }];
        assert_eq!(invoice_total_0(&items, 0.0), 3.02);
    }
}
`;
}

/** An ordinary TypeScript module (types, functions, a class) of the kind most files of a workspace are. */
function ordinaryTs(i: number): string {
  const fn = (k: number) => `
/** Groups orders ${k} by customer and sums their totals, largest first. */
export function totalsByCustomer${k}(orders: Order[]): { customerId: string; total: number }[] {
  const totals = new Map<string, number>();
  for (const order of orders) totals.set(order.customerId, (totals.get(order.customerId) ?? 0) + order.total);
  return [...totals].map(([customerId, total]) => ({ customerId, total })).sort((a, b) => b.total - a.total);
}
`;
  return `// Reporting helpers ${i}.\nexport interface Order {\n  orderId: string;\n  customerId: string;\n  total: number;\n  placedAt: Date;\n}\n${[0, 1, 2, 3, 4, 5].map(fn).join('')}
export class MonthlyReport {
  private readonly rows: Order[] = [];

  add(order: Order): void {
    if (order.total < 0) throw new Error(\`negative total on \${order.orderId}\`);
    this.rows.push(order);
  }

  month(year: number, month: number): Order[] {
    return this.rows.filter((o) => o.placedAt.getFullYear() === year && o.placedAt.getMonth() === month);
  }
}
`;
}

/** Writes `count` ordinary source files (half Rust, half TypeScript) that declare no MCP item; returns their paths. */
export function generateOrdinaryFiles(dir: string, count: number): string[] {
  return writeFiles(dir, count, 'lib', (i, rust) => (rust ? `billing_${i}.rs` : `report_${i}.ts`), ordinaryRust, ordinaryTs);
}
