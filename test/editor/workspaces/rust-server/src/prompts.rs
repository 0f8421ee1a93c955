//! Prompts that guide an AI client through the customer-analysis workflow step by step.

use pmcp::types::{Content, GetPromptResult, PromptMessage, Role};
use pmcp::SimplePrompt;
use std::collections::HashMap;

/// The guided prompt from "Designing Multi-Step Workflows": it names every tool, the order to call them in,
/// and which ID to carry from one step to the next.
const CUSTOMER_ANALYSIS: &str = "Perform a comprehensive analysis of {{customer_id}}:\n\n\
    **Step 1: Identify Customer**\n\
    {{#if (eq customer_id \"top\")}}\n\
    - Use `sales_top_customers` with limit=1 to find the top customer\n\
    - Note the customer_id for subsequent steps\n\
    {{else}}\n\
    - Use customer_id: {{customer_id}}\n\
    {{/if}}\n\n\
    **Step 2: Gather Data** (can run in parallel)\n\
    - Use `order_history` with the customer_id\n\
    - Use `support_tickets` with the customer_id\n\
    - Use `engagement_metrics` with the customer_id\n\n\
    **Step 3: Generate Report**\n\
    Format findings as a short report with key metrics, trends and {{max_recommendations}} recommendations.";

/// Builds the `customer-analysis` prompt with its two arguments.
pub fn customer_analysis_prompt() -> SimplePrompt {
    SimplePrompt::new("customer-analysis", |args: HashMap<String, String>| {
        Box::pin(async move {
            let mut registry = handlebars::Handlebars::new();
            registry.set_strict_mode(true);
            let text = registry
                .render_template(CUSTOMER_ANALYSIS, &args)
                .map_err(|e| pmcp::Error::validation(e.to_string()))?;
            Ok(GetPromptResult {
                description: Some("Comprehensive customer analysis workflow".to_string()),
                messages: vec![PromptMessage {
                    role: Role::User,
                    content: Content::Text { text },
                }],
            })
        })
    })
    .with_description("Comprehensive customer analysis workflow")
    .with_argument("customer_id", "Customer ID, or 'top' for the highest revenue customer", true)
    .with_argument("max_recommendations", "How many recommendations to end with", false)
}
