//! The seed's guided prompt as it is first written: a `const` Handlebars template with two mistakes an AI
//! client trips on. This fixture keeps them on purpose (the editor tests find and fix them).

use pmcp::types::{Content, GetPromptResult, PromptMessage, Role};
use pmcp::SimplePrompt;
use std::collections::HashMap;

/// The `#if` compares with `==`, which Handlebars lacks, and the first data tool's name is misspelt.
const GUIDED_ANALYSIS: &str = "Analyse customer {{customer_id}} step by step:\n\n\
    {{#if customer_id == 'top'}}\n\
    - Use `sales_top_customers` with limit=1 to find the top customer\n\
    {{/if}}\n\
    - Use `order_histroy` with the customer_id\n\
    - Use `support_tickets` with the customer_id\n\
    - Summarise what you found.";

/// Builds the `guided-analysis` prompt: the template rendered with the `handlebars` crate.
pub fn guided_analysis_prompt() -> SimplePrompt {
    SimplePrompt::new("guided-analysis", |args: HashMap<String, String>| {
        Box::pin(async move {
            let registry = handlebars::Handlebars::new();
            let text = registry
                .render_template(GUIDED_ANALYSIS, &args)
                .map_err(|e| pmcp::Error::validation(e.to_string()))?;
            Ok(GetPromptResult {
                description: Some("Guided customer analysis".to_string()),
                messages: vec![PromptMessage {
                    role: Role::User,
                    content: Content::Text { text },
                }],
            })
        })
    })
    .with_description("Guided customer analysis, one tool at a time")
    .with_argument("customer_id", "Customer ID, or 'top' for the highest revenue customer", true)
}
