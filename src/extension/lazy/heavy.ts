// The parts of the extension that talk to servers and run workflows, bundled apart (dist/extension-heavy.js)
// and loaded on first use (lazy/index.ts): the MCP SDK's client and transports, ajv, zod and the webview
// protocols, the workflow loader and runner. Activation loads none of them, so opening a TypeScript or Rust
// file costs the language client only. Everything here is re-exported unchanged.
export { connectServer } from '../../core/mcp/client';
export { loadWorkflowText } from '../../core/workflow/loader';
export { openCallPanel } from '../panel/call-panel';
export { openRunLog } from '../workflows/open-run-log';
export { runWorkflow } from '../workflows/run-workflow';
export { openWatchPanel } from '../watch/watch-panel';
