// What run, tools, prompts and call share: find .vscode/mcp.json, resolve one server (asking for its
// inputs through --input or the terminal), connect, and turn every failure into one clear line.
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { readTextFile } from '../core/node-host';
import { connectServer, McpConnectionError, type ConnectOptions, type McpConnection } from '../core/mcp/client';
import { formatConfigError, parseMcpConfig, type McpInput } from '../core/mcp/config';
import { resolveMcpServer, type ResolvedServerResult } from '../core/mcp/config-resolve';
import { closest } from '../core/rules/util';
import { redact } from '../core/workflow/audit';
import { askLine } from './terminal';

/** A user-facing failure: printed as one line, exit code 2. */
export class CliError extends Error {}

/** An open session: the connection, the server's tools (listed once), and the secret values that must never be
 * printed or logged. */
export interface ServerSession {
  connection: McpConnection;
  tools: Tool[];
  secrets: string[];
  configFile: string;
}

/**
 * A server failure as the one line a user sees (exit 2), with every secret the server was given masked: its last
 * words on stderr can name one (a key it rejects, say). Other errors are returned unchanged.
 */
export function toCliError(error: unknown, secrets: readonly string[]): unknown {
  return error instanceof McpConnectionError ? new CliError(redact(error.message, secrets)) : error;
}

/** Finds .vscode/mcp.json: the given path, else the nearest one above `from`, else above the cwd. */
export function findConfig(explicit: string | undefined, from: string | undefined): string {
  if (explicit) {
    const file = resolve(explicit);
    if (!existsSync(file)) throw new CliError(`--config ${explicit}: no such file`);
    return file;
  }
  for (const start of [from, process.cwd()]) {
    if (!start) continue;
    for (let dir = resolve(start); ; dir = dirname(dir)) {
      const candidate = join(dir, '.vscode', 'mcp.json');
      if (existsSync(candidate)) return candidate;
      if (dirname(dir) === dir) break;
    }
  }
  throw new CliError('no .vscode/mcp.json found here or above; pass --config FILE');
}

/**
 * The connection limits from the environment (MCP_WORKFLOW_MAX_MESSAGE_MB, MCP_WORKFLOW_CONNECT_TIMEOUT_MS) and
 * from `run`'s flags of the same names, which win; an invalid value is a CliError.
 */
export function connectionLimits(flags: { maxMessageMb?: string | undefined; connectTimeoutMs?: string | undefined } = {}): ConnectOptions {
  const number = (value: string | undefined, what: string): number | undefined => {
    if (value === undefined) return undefined;
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n <= 0) throw new CliError(`${what} ${value}: expected a number above 0`);
    return n;
  };
  const mb = number(flags.maxMessageMb ?? process.env['MCP_WORKFLOW_MAX_MESSAGE_MB'], '--max-message-mb');
  const ms = number(flags.connectTimeoutMs ?? process.env['MCP_WORKFLOW_CONNECT_TIMEOUT_MS'], '--connect-timeout-ms');
  return {
    ...(mb !== undefined ? { maxMessageBytes: Math.round(mb * 1024 * 1024) } : {}),
    ...(ms !== undefined ? { connectTimeoutMs: ms } : {}),
    limitHints: { connectTimeout: 'a slow server can be given longer with --connect-timeout-ms', maxMessage: 'raise it with --max-message-mb' },
  };
}

/**
 * Input values by name: `--input k=v` (later ones win), then the lines `k=v` of `--input-file` files, then the
 * environment variable MCP_WORKFLOW_INPUT_K (K upper-cased, other characters than letters and digits as `_`).
 * The last two keep secrets out of the argument list, which other users of the machine can read (`ps`).
 */
export class InputAnswers extends Map<string, string> {
  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {
    super();
  }

  override get(name: string): string | undefined {
    return super.get(name) ?? this.env[inputEnvName(name)];
  }

  override has(name: string): boolean {
    return this.get(name) !== undefined;
  }
}

/** The environment variable that may hold input `name`. */
export function inputEnvName(name: string): string {
  return `MCP_WORKFLOW_INPUT_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

/** Parses `--input k=v` values and `--input-file` files into answers; see InputAnswers. */
export function parseInputFlags(values: readonly string[], files: readonly string[] = []): InputAnswers {
  const out = new InputAnswers();
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new CliError(`--input-file ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
    }
    text.split(/\r?\n/).forEach((line, i) => {
      if (line.trim() === '' || line.trimStart().startsWith('#')) return;
      const eq = line.indexOf('=');
      // The line is not shown: it may hold a secret.
      if (eq <= 0) throw new CliError(`--input-file ${file}:${i + 1}: expected NAME=VALUE`);
      out.set(line.slice(0, eq).trim(), line.slice(eq + 1));
    });
  }
  for (const v of values) {
    const eq = v.indexOf('=');
    if (eq <= 0) throw new CliError(`--input ${v}: expected NAME=VALUE`);
    out.set(v.slice(0, eq), v.slice(eq + 1));
  }
  return out;
}

/** Throws a CliError for a given input (--input, --input-file) that neither the workflow nor mcp.json declares. */
function checkInputNames(answers: Map<string, string>, workflowInputs: string[], configInputs: string[]): void {
  const known = [...workflowInputs, ...configInputs];
  for (const name of answers.keys()) {
    if (known.includes(name)) continue;
    const near = closest(name, known);
    const hint = near ? `did you mean "${near}"?` : known.length ? `inputs: ${known.join(', ')}` : 'it takes no inputs';
    throw new CliError(`--input ${name}: the workflow declares no input "${name}" and mcp.json none with that id; ${hint}`);
  }
}

/** A server of the config resolved to what starts or reaches it, and the secrets its logs must mask. */
export async function resolveServerLaunch(configFile: string, serverName: string, answers: Map<string, string>, workflowInputs?: string[]): Promise<ResolvedServerResult> {
  let text: string;
  try {
    text = await readTextFile(configFile);
  } catch (error) {
    throw new CliError(`cannot read ${configFile}: ${(error as Error).message}`);
  }
  const config = parseMcpConfig(text, configFile);
  if (workflowInputs) checkInputNames(answers, workflowInputs, Object.keys(config.inputs));
  const askInput = async (input: McpInput): Promise<string | undefined> => {
    if (!process.stdin.isTTY) return undefined;
    const hint = input.default !== undefined && !input.password ? ` [${input.default}]` : '';
    const answer = await askLine(`${input.description ?? input.id}${hint}: `, { hidden: input.password });
    return answer === '' ? undefined : answer;
  };
  const resolved = await resolveMcpServer(config, serverName, {
    workspaceFolder: dirname(dirname(configFile)),
    env: process.env,
    askInput,
    readFile: (path) => readFile(path, 'utf8'),
    answers,
    userHome: homedir(),
  });
  if (!resolved.ok) {
    const [first, ...rest] = resolved.errors;
    throw new CliError(`${first ? formatConfigError(first) : `${configFile}: invalid`}${rest.length ? ` (and ${rest.length} more problem${rest.length > 1 ? 's' : ''})` : ''}`);
  }
  return resolved.value;
}

/** Resolves and connects to a server of the config; `answers` holds --input values by id. */
export async function openServerSession(configFile: string, serverName: string, answers: Map<string, string>, options: ConnectOptions = {}, workflowInputs?: string[]): Promise<ServerSession> {
  const resolved = await resolveServerLaunch(configFile, serverName, answers, workflowInputs);
  let connection: McpConnection | undefined;
  try {
    connection = await connectServer(serverName, resolved.server, { ...connectionLimits(), ...options });
    const tools = await connection.listTools();
    return { connection, tools, secrets: resolved.secrets, configFile };
  } catch (error) {
    // A server that answered the handshake but failed tools/list is still running: stop it.
    await connection?.close().catch(() => undefined);
    throw toCliError(error, resolved.secrets);
  }
}
