// The CLI's heavy half, bundled to dist/cli-heavy.js: every command but `check`, and what `check` needs only when it
// must read or judge a file (the extractors, the rules, the check engine). dist/cli.js loads it on first use
// (scripts/build.mjs maps this module, parse/registry and rules/index to it), so a `check --cache` run whose every
// file and diagnostic comes from the cache compiles and runs none of it.
export { runCall } from './commands/call';
export { runDraft } from './commands/draft';
export { runList } from './commands/list';
export { runProxy } from './commands/proxy';
export { runRecordToWorkflow } from './commands/record-to-workflow';
export { runReplay } from './commands/replay';
export { runRun } from './commands/run';
export { runPrompts, runTools } from './commands/tools';
export { runVerify } from './commands/verify';
export { watchCheck } from './check-watch';
export { callableTools, checkWorkspace } from '../core/check';
export { CheckEngine } from '../core/check-engine';
export { checkWorkflowText } from '../core/workflow/check';
export * as registry from '../core/parse/registry';
export * as rules from '../core/rules/index';
