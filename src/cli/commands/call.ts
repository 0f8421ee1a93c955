// `mcp-workflow call TOOL`: one tool call, with the result's structuredContent checked against the tool's
// outputSchema the way the runner checks every step. Exit 0 for a valid success, 1 for a tool error or a
// schema mismatch, 2 for bad input.
import type { CliCommand } from '../command';
import { redact } from '../../core/workflow/audit';
import { neutralizeControls, terminalJson } from '../../core/text/control-chars';
import { outputProblems } from '../../core/workflow/outcome';
import { CliError } from '../server-session';
import { style } from '../terminal';
import { withSession } from './tools';

const help = `Usage: mcp-workflow call TOOL --server NAME [--args JSON | --arg NAME=VALUE ...] [options]

Calls one tool and prints its result.

  --args JSON        the arguments as one JSON object
  --arg NAME=VALUE   one argument; VALUE is read as JSON when it parses, else as text (repeatable)
  --timeout MS       cancel the call after this long (default 60000)
  --server, --config, --input, --json as for "mcp-workflow tools"`;

/** The `call` command. */
export const runCall: CliCommand = (argv) =>
  withSession(
    'call',
    help,
    argv,
    { args: { type: 'string' }, arg: { type: 'string', multiple: true, default: [] }, timeout: { type: 'string' } },
    async (session, values, positionals) => {
      const [tool, ...extra] = positionals;
      if (!tool || extra.length) throw new CliError('expected one tool name; see --help');
      const args = parseArguments(values['args'] as string | undefined, values['arg'] as string[]);
      const timeoutMs = values['timeout'] ? Number(values['timeout']) : 60_000;
      if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) throw new CliError('--timeout needs a positive number of milliseconds');
      const known = session.tools;
      if (!known.some((t) => t.name === tool)) throw new CliError(`the server has no tool "${tool}"; tools: ${known.map((t) => t.name).join(', ')}`);
      let result;
      try {
        result = await session.connection.callTool(tool, args, { timeoutMs });
      } catch (error) {
        throw new CliError(redact((error as Error).message, session.secrets));
      }
      const validate = session.connection.outputValidator(tool);
      const problems = !result.isError && validate ? outputProblems(validate, result) : [];
      // A server may echo a secret it was given; the runner masks it everywhere, and so does this.
      // Control characters in the server's text are made visible (JSON already escapes C0 ones, not C1).
      const print = (text: string) => process.stdout.write(`${neutralizeControls(redact(text, session.secrets))}\n`);
      if (values['json']) print(terminalJson(result, 2));
      else if (result.structuredContent !== undefined) print(terminalJson(result.structuredContent, 2));
      else for (const c of result.content) print(c.type === 'text' ? c.text : `[${c.type}]`);
      if (result.isError) process.stderr.write(`${style.red(`${tool} returned an error`)}\n`);
      if (problems.length > 0) process.stderr.write(`${style.red(`result does not match ${tool}'s outputSchema: ${neutralizeControls(redact(problems.join('; '), session.secrets), true)}`)}\n`);
      return result.isError || problems.length > 0 ? 1 : 0;
    },
  );

function parseArguments(json: string | undefined, pairs: string[]): Record<string, unknown> {
  let args: Record<string, unknown> = {};
  if (json !== undefined) {
    try {
      args = JSON.parse(json) as Record<string, unknown>;
    } catch (error) {
      throw new CliError(`--args is not valid JSON: ${(error as Error).message}`);
    }
    if (args === null || typeof args !== 'object' || Array.isArray(args)) throw new CliError('--args must be a JSON object');
  }
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new CliError(`--arg ${pair}: expected NAME=VALUE`);
    const text = pair.slice(eq + 1);
    try {
      args[pair.slice(0, eq)] = JSON.parse(text);
    } catch {
      args[pair.slice(0, eq)] = text;
    }
  }
  return args;
}
