//! A small pmcp server whose prompts guide an AI client through multi-step customer analysis.

mod guided;
mod prompts;
mod tools;

use pmcp::{Server, ServerCapabilities};

#[tokio::main]
async fn main() -> pmcp::Result<()> {
    let server = Server::builder()
        .name("customer-insights")
        .version("0.1.0")
        .capabilities(ServerCapabilities::default())
        .prompt("customer-analysis", prompts::customer_analysis_prompt())
        .prompt("guided-analysis", guided::guided_analysis_prompt())
        .build()?;
    server.run_stdio().await
}
