// Every rmcp snippet, expanded with its defaults, lives in its own module under src/generated/ (written by
// test/snippets/write-rmcp-check.ts) beside the server struct it extends and the `impl ServerHandler` its doc comment
// advises, so two snippets that pick the same names cannot clash and the advice is compiled too. No `allow(dead_code)`:
// every module is public and `servers` builds each server, so an unused item in a snippet is a warning, and a
// warning fails the check.
#![deny(warnings)]
pub mod generated;
