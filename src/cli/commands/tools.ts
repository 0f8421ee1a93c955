// `mcp-workflow tools` and `mcp-workflow prompts`: list what a server of .vscode/mcp.json offers, for
// one-off use while writing a workflow file.
import type { ParseArgsConfig } from 'node:util';
import { parseCommand, writeError, type CliCommand } from '../command';
import { CliError, findConfig, openServerSession, parseInputFlags, toCliError, type ServerSession } from '../server-session';
import { neutralizeControls, terminalJson } from '../../core/text/control-chars';
import { style } from '../terminal';

const sessionOptions: NonNullable<ParseArgsConfig['options']> = {
  server: { type: 'string' },
  config: { type: 'string' },
  input: { type: 'string', multiple: true, default: [] },
  json: { type: 'boolean', default: false },
};

/** Parses the common flags, opens the session, runs `body`, and maps user errors to one line and exit 2. */
export async function withSession(
  name: string,
  help: string,
  argv: string[],
  extra: NonNullable<ParseArgsConfig['options']>,
  body: (session: ServerSession, values: Record<string, unknown>, positionals: string[]) => Promise<number>,
): Promise<number> {
  const parsed = parseCommand(name, help, argv, { ...sessionOptions, ...extra });
  if (typeof parsed === 'number') return parsed;
  const values = parsed.values as Record<string, unknown>;
  let session: ServerSession | undefined;
  try {
    const server = values['server'] as string | undefined;
    if (!server) throw new CliError('--server NAME is required (a key of "servers" in .vscode/mcp.json)');
    session = await openServerSession(findConfig(values['config'] as string | undefined, undefined), server, parseInputFlags(values['input'] as string[]));
    return await body(session, values, parsed.positionals);
  } catch (caught) {
    const error = toCliError(caught, session?.secrets ?? []);
    if (error instanceof CliError) {
      writeError(name, error.message, 2, values['json']);
      return 2;
    }
    throw error;
  } finally {
    await session?.connection.close();
  }
}

const common = `  --server NAME      a key of "servers" in .vscode/mcp.json (required)
  --config FILE      the mcp.json to use (default: the nearest .vscode/mcp.json)
  --input NAME=VALUE an mcp.json input (repeatable)
  --json             print JSON`;

/** The `tools` command. */
export const runTools: CliCommand = (argv) =>
  withSession('tools', `Usage: mcp-workflow tools --server NAME [options]\n\nLists the server's tools.\n\n${common}`, argv, {}, async (session, values) => {
    const tools = session.tools;
    const clean = (text: string): string => neutralizeControls(text, true);
    if (values['json']) process.stdout.write(`${terminalJson(tools, 2)}\n`);
    else {
      for (const t of tools) {
        const args = Object.keys((t.inputSchema.properties ?? {}) as object);
        const required = new Set((t.inputSchema.required ?? []) as string[]);
        const outs = Object.keys(((t.outputSchema?.properties ?? {}) as object));
        process.stdout.write(`${style.bold(clean(t.name))}(${clean(args.map((a) => (required.has(a) ? a : `${a}?`)).join(', '))})${outs.length ? style.dim(` → {${clean(outs.join(', '))}}`) : ''}\n`);
        if (t.description) process.stdout.write(`  ${style.dim(clean(t.description))}\n`);
      }
    }
    return 0;
  });

/** The `prompts` command. */
export const runPrompts: CliCommand = (argv) =>
  withSession('prompts', `Usage: mcp-workflow prompts --server NAME [options]\n\nLists the server's prompts.\n\n${common}`, argv, {}, async (session, values) => {
    // A server without the prompts capability simply has none (listPrompts does not ask it); say so.
    const offers = session.connection.client.getServerCapabilities()?.prompts !== undefined;
    const prompts = await session.connection.listPrompts();
    if (!offers) process.stderr.write(`server "${neutralizeControls(session.connection.name, true)}" has no prompts (it does not declare the prompts capability)\n`);
    if (values['json']) process.stdout.write(`${terminalJson(prompts, 2)}\n`);
    else {
      for (const p of prompts) {
        const args = (p.arguments ?? []).map((a) => (a.required ? a.name : `${a.name}?`));
        process.stdout.write(`${style.bold(neutralizeControls(p.name, true))}(${neutralizeControls(args.join(', '), true)})\n`);
        if (p.description) process.stdout.write(`  ${style.dim(neutralizeControls(p.description, true))}\n`);
      }
    }
    return 0;
  });
