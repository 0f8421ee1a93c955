//! The data tools that the customer-analysis prompt names: each declares its input and output schema, so a
//! client can call them in order and carry the customer ID from one to the next.

use pmcp::ToolInfo;
use serde_json::json;

/// Lists the top customers by revenue; its `customer_id` feeds the three per-customer tools.
pub fn sales_top_customers() -> ToolInfo {
    ToolInfo::new(
        "sales_top_customers",
        Some("List the top customers by revenue, highest first. Use the customer_id of a result with order_history, support_tickets and engagement_metrics.".to_string()),
        json!({
            "type": "object",
            "properties": {
                "limit": { "type": "integer", "minimum": 1, "maximum": 100, "default": 10, "description": "How many customers to return" }
            }
        }),
    )
    .with_output_schema(json!({
        "type": "object",
        "required": ["customers"],
        "properties": {
            "customers": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["customer_id", "name", "revenue"],
                    "properties": {
                        "customer_id": { "type": "string" },
                        "name": { "type": "string" },
                        "revenue": { "type": "number" }
                    }
                }
            }
        }
    }))
}

/// A customer's orders. Its `customer_id` comes from `sales_top_customers`.
pub fn order_history() -> ToolInfo {
    ToolInfo::new(
        "order_history",
        Some("Get a customer's orders, oldest first, with their count and total revenue.".to_string()),
        json!({
            "type": "object",
            "required": ["customer_id"],
            "properties": {
                "customer_id": { "type": "string", "description": "ID from sales_top_customers output" }
            }
        }),
    )
    .with_output_schema(json!({
        "type": "object",
        "required": ["customer_id", "order_count", "total_revenue"],
        "properties": {
            "customer_id": { "type": "string" },
            "order_count": { "type": "integer" },
            "total_revenue": { "type": "number" }
        }
    }))
}

/// A customer's support tickets. Its `customer_id` comes from `sales_top_customers`.
pub fn support_tickets() -> ToolInfo {
    ToolInfo::new(
        "support_tickets",
        Some("Get a customer's support tickets and how many are still open.".to_string()),
        json!({
            "type": "object",
            "required": ["customer_id"],
            "properties": {
                "customer_id": { "type": "string", "description": "ID from sales_top_customers output" }
            }
        }),
    )
    .with_output_schema(json!({
        "type": "object",
        "required": ["customer_id", "open_count"],
        "properties": {
            "customer_id": { "type": "string" },
            "open_count": { "type": "integer" }
        }
    }))
}

/// A customer's engagement. Its `customer_id` comes from `sales_top_customers`.
pub fn engagement_metrics() -> ToolInfo {
    ToolInfo::new(
        "engagement_metrics",
        Some("Get a customer's logins, feature usage and last activity over the last 90 days.".to_string()),
        json!({
            "type": "object",
            "required": ["customer_id"],
            "properties": {
                "customer_id": { "type": "string", "description": "ID from sales_top_customers output" }
            }
        }),
    )
    .with_output_schema(json!({
        "type": "object",
        "required": ["customer_id", "logins", "last_active"],
        "properties": {
            "customer_id": { "type": "string" },
            "logins": { "type": "integer" },
            "last_active": { "type": "string", "format": "date" }
        }
    }))
}
