import { parseArgs, type ParseArgsConfig } from 'node:util';
import { neutralizeControls } from '../core/text/control-chars';

/** A CLI command: takes its own arguments (after the command name) and resolves to an exit code. */
export type CliCommand = (args: string[]) => Promise<number>;

type Options = NonNullable<ParseArgsConfig['options']>;
type Parsed<O extends Options> = ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; options: O }>>;

/**
 * Parses a command's flags (plus `-h/--help`). Returns what was parsed, or the exit code when there is nothing
 * to run: 0 after printing the help, 2 after naming a bad flag above the help.
 */
export function parseCommand<O extends Options>(name: string, help: string, argv: string[], options: O): Parsed<O> | number {
  let parsed: Parsed<O>;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { ...options, help: { type: 'boolean', short: 'h' } } }) as Parsed<O>;
  } catch (error) {
    process.stderr.write(`mcp-workflow ${name}: ${(error as Error).message}\n\n${help}\n`);
    return 2;
  }
  if ((parsed.values as Record<string, unknown>)['help']) {
    process.stdout.write(`${help}\n`);
    return 0;
  }
  return parsed;
}

/**
 * Writes a command's error to stderr: one line of text, or with `json` one JSON object
 * (`{"error": {"command", "message", "exitCode"}}`) so a script reading --json output can read its errors too.
 * Control characters (a server's words often end up here) are made visible.
 */
export function writeError(command: string, message: string, exitCode: number, json: unknown): void {
  const text = neutralizeControls(message, true);
  if (json === true) process.stderr.write(`${JSON.stringify({ error: { command, message: text, exitCode } })}\n`);
  else process.stderr.write(`mcp-workflow ${command}: ${text}\n`);
}

/**
 * A command's JSON report, with its newline: indented on a terminal, where a person reads it; compact into a pipe or
 * a file, where a program does (as gh's --json). Indenting a check's 1.9 MB of diagnostics took 30 ms of a 180 ms
 * cached run.
 */
export function jsonReport(value: unknown): string {
  return `${JSON.stringify(value, null, process.stdout.isTTY ? 2 : undefined)}\n`;
}
