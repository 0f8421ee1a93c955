// Every Rust snippet, expanded with its defaults, lives in its own module under src/generated/ (written by
// test/snippets/write-rust-check.ts), so two snippets that pick the same names cannot clash. Each module also
// holds the registration its doc comment advises; `server` chains them all, so the advice is compiled too.
#![allow(dead_code)]
#![deny(warnings)]
mod generated;

/// Registers every snippet's prompts and tools on one server, as a user would.
pub fn server() -> pmcp::Result<pmcp::Server> {
    let builder = pmcp::Server::builder().name("snippet-check").version("0.0.0");
    generated::register_all(builder).build()
}
