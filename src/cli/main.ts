// The `mcp-workflow` CLI: one command table, each command in its own file under ./commands.
import type { CliCommand } from './command';
import { neutralizeControls } from '../core/text/control-chars';
import { handleStdoutClosing } from './stdout-closed';

/** A command whose module (and what it imports: the MCP SDK, an HTTP server, the rules) is loaded only when it runs.
 * Every command but `check` is in the CLI's heavy half (heavy.ts, dist/cli-heavy.js); `check` loads it only when a
 * file must be read or judged. */
const lazy = (load: () => CliCommand): CliCommand => (args) => load()(args);
/* eslint-disable @typescript-eslint/no-require-imports, @typescript-eslint/consistent-type-imports -- required when run, so `check` never loads the MCP SDK; `typeof import(…)` types each module without loading it */
const heavy = () => require('./heavy') as typeof import('./heavy');

const commands: Record<string, CliCommand> = {
  check: lazy(() => (require('./commands/check') as typeof import('./commands/check')).runCheck),
  draft: lazy(() => heavy().runDraft),
  list: lazy(() => heavy().runList),
  run: lazy(() => heavy().runRun),
  tools: lazy(() => heavy().runTools),
  prompts: lazy(() => heavy().runPrompts),
  call: lazy(() => heavy().runCall),
  proxy: lazy(() => heavy().runProxy),
  verify: lazy(() => heavy().runVerify),
  'record-to-workflow': lazy(() => heavy().runRecordToWorkflow),
  replay: lazy(() => heavy().runReplay),
};
/* eslint-enable @typescript-eslint/no-require-imports, @typescript-eslint/consistent-type-imports */

/** One line per command, for the usage text. */
const descriptions: Record<string, string> = {
  call: 'call one tool of a server of .vscode/mcp.json and print its result',
  check: 'check MCP server sources and *.workflow.json files (text, JSON or SARIF)',
  draft: 'draft a *.workflow.json from a guided prompt of the sources',
  list: 'list every prompt and tool the sources declare, with positions',
  prompts: "list a server's prompts",
  proxy: 'stand between an MCP client and a server, forwarding everything and writing a trace',
  'record-to-workflow': 'write a workflow file from a proxy trace (a session become a regression test)',
  replay: 'serve the answers of a proxy trace as an MCP server (a mock of the real one)',
  run: 'run a *.workflow.json against its server, with an audit log and checkpoints',
  tools: "list a server's tools, their arguments and outputs",
  verify: 'check a proxy trace against a workflow file and the tools\' guidance',
};

const usage = `Usage: mcp-workflow <command> [options]

Commands:
  ${Object.keys(commands).sort().map((name) => `${name.padEnd(18)} ${descriptions[name] ?? ''}`).join('\n  ')}

Run "mcp-workflow <command> --help" for a command's options.`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    process.stdout.write(`${usage}\n`);
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`mcp-workflow: unknown command "${name}"\n\n${usage}\n`);
    return 2;
  }
  // proxy's and replay's standard output is an MCP transport: their SDK transport decides what a closed one means.
  if (name !== 'proxy' && name !== 'replay') handleStdoutClosing();
  return command(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // A bug of ours, not bad input: say so in one line, without a stack trace unless asked.
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`mcp-workflow: internal error: ${neutralizeControls(message, true)}\n`);
    if (process.env['MCP_WORKFLOW_DEBUG']) process.stderr.write(`${(error as Error).stack ?? ''}\n`);
    process.exitCode = 70;
  },
);
