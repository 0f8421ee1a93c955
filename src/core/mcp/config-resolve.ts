// Turns one mcp.json server entry into what a client can start or connect to: substitutes
// ${workspaceFolder}, ${userHome}, ${env:X} and ${input:id} (asking for inputs through a callback), reads
// envFile, and returns the secret values (password inputs) so every log can redact them.
import { isAbsolute, join, resolve as resolvePath } from 'node:path';
import { configError, type Located, type McpConfig, type McpConfigError, type McpInput } from './config';

/** A server ready to start (stdio) or to connect to (http, sse). */
export type ResolvedMcpServer =
  | { name: string; type: 'stdio'; command: string; args: string[]; env: Record<string, string>; cwd?: string }
  | { name: string; type: 'http' | 'sse'; url: string; headers: Record<string, string> };

/** What resolution needs from its caller: the folder that holds .vscode/, the environment, input answers. */
export interface ResolveContext {
  workspaceFolder: string;
  env: Record<string, string | undefined>;
  /** Asks for an input's value; undefined means no answer (the input's default is used, if it has one). */
  askInput(input: McpInput): Promise<string | undefined>;
  /** Reads an envFile; the CLI and tests pass fs.readFile, the extension its workspace file system. */
  readFile(path: string): Promise<string>;
  /** Answers already given, by input id; filled as inputs are asked so each is asked once per run. */
  answers?: Map<string, string>;
  userHome?: string;
}

/** A resolved server and the secret strings that occur in it. */
export interface ResolvedServerResult {
  server: ResolvedMcpServer;
  /** Values of password inputs used by this server; pass them to `redact` (workflow/audit.ts) before logging. */
  secrets: string[];
}

/** Resolves the named server of a parsed config; every problem comes back with its position. */
export async function resolveMcpServer(
  config: McpConfig,
  name: string,
  ctx: ResolveContext,
): Promise<{ ok: true; value: ResolvedServerResult } | { ok: false; errors: McpConfigError[] }> {
  const entry = config.servers[name];
  if (!entry) {
    // An entry left out for its own problem: that problem is the answer.
    if (config.broken.includes(name)) return { ok: false, errors: config.errors };
    // No such entry: say so first, and list every entry there is; problems elsewhere in the file come after.
    const known = [...Object.keys(config.servers), ...config.broken];
    const problems = config.broken.length ? ` (${config.broken.join(', ')} ${config.broken.length > 1 ? 'have problems' : 'has a problem'})` : '';
    const message = `no server "${name}" in ${config.file}; ${known.length ? `servers: ${known.join(', ')}${problems}` : 'it defines no server'}`;
    const at = config.text.indexOf('"servers"');
    const missing = configError(config.text, config.file, Math.max(at, 0), at < 0 ? 0 : 9, message);
    // A file that did not parse as far as its servers: its own problem comes first.
    if (known.length === 0 && config.errors.length > 0) return { ok: false, errors: [...config.errors, missing] };
    return { ok: false, errors: [missing, ...config.errors] };
  }
  const errors: McpConfigError[] = [];
  const secrets = new Set<string>();
  const answers = ctx.answers ?? new Map<string, string>();
  const sub = async (s: Located): Promise<string> => {
    const r = await substitute(s, config, ctx, answers, secrets);
    errors.push(...r.errors);
    return r.value;
  };
  let server: ResolvedMcpServer;
  if (entry.type === 'stdio') {
    const env: Record<string, string> = {};
    if (entry.envFile) {
      const path = absolute(await sub(entry.envFile), ctx.workspaceFolder);
      try {
        Object.assign(env, parseEnvFile(await ctx.readFile(path)));
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        errors.push(configError(config.text, config.file, entry.envFile.offset, entry.envFile.value.length, `cannot read envFile ${path}: ${why}`));
      }
    }
    for (const [key, value] of Object.entries(entry.env)) {
      if (value === null) delete env[key];
      else env[key] = await sub(value);
    }
    const args: string[] = [];
    for (const a of entry.args) args.push(await sub(a));
    server = { name, type: 'stdio', command: await sub(entry.command), args, env };
    if (entry.cwd) server.cwd = absolute(await sub(entry.cwd), ctx.workspaceFolder);
  } else {
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(entry.headers)) headers[key] = await sub(value);
    server = { name, type: entry.type, url: await sub(entry.url), headers };
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: { server, secrets: [...secrets].filter((s) => s !== '') } };
}

const variable = /\$\{([^}]*)\}/g;

async function substitute(
  s: Located,
  config: McpConfig,
  ctx: ResolveContext,
  answers: Map<string, string>,
  secrets: Set<string>,
): Promise<{ value: string; errors: McpConfigError[] }> {
  const errors: McpConfigError[] = [];
  let out = '';
  let last = 0;
  for (const m of s.value.matchAll(variable)) {
    const at = m.index ?? 0;
    const name = m[1] ?? '';
    out += s.value.slice(last, at);
    last = at + m[0].length;
    const fail = (message: string): void => {
      errors.push(configError(config.text, config.file, rawOffset(config.text, s, m[0]), m[0].length, message));
    };
    if (name === 'workspaceFolder') out += ctx.workspaceFolder;
    else if (name === 'userHome') out += ctx.userHome ?? ctx.env['HOME'] ?? '';
    else if (name === 'pathSeparator') out += '/';
    else if (name.startsWith('env:')) out += ctx.env[name.slice(4)] ?? '';
    else if (name.startsWith('input:')) {
      const id = name.slice(6);
      const input = config.inputs[id];
      if (!input) {
        const ids = Object.keys(config.inputs);
        fail(`\${input:${id}} names no input; add { "type": "promptString", "id": "${id}" } to "inputs"${ids.length ? ` (inputs: ${ids.join(', ')})` : ''}`);
        continue;
      }
      let value = answers.get(id);
      if (value === undefined) {
        value = (await ctx.askInput(input)) ?? input.default;
        if (value === undefined) {
          fail(`no value was given for input "${id}"${input.description ? ` (${input.description})` : ''}`);
          continue;
        }
        answers.set(id, value);
      }
      if (input.password) secrets.add(value);
      out += value;
    } else fail(`unknown variable \${${name}}; use \${workspaceFolder}, \${userHome}, \${env:NAME} or \${input:ID}`);
  }
  return { value: out + s.value.slice(last), errors };
}

/** The offset of `token` in the file: inside the string's raw text, which escapes can shift. */
function rawOffset(text: string, s: Located, token: string): number {
  const end = text.indexOf('"', s.offset + s.value.length) + 1 || text.length;
  const i = text.slice(s.offset, end).indexOf(token);
  return i < 0 ? s.offset : s.offset + i;
}

function absolute(path: string, base: string): string {
  return isAbsolute(path) ? path : resolvePath(join(base, path));
}

/** Parses a .env file: KEY=VALUE lines, `export` prefixes, # comments, single or double quotes. */
export function parseEnvFile(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(line);
    if (!m) continue;
    const key = m[1] ?? '';
    let value = m[2] ?? '';
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) {
      value = value.slice(1, -1).replace(/\\n/g, '\n').replace(/\\"/g, '"');
    } else if (value.startsWith("'") && value.endsWith("'") && value.length >= 2) value = value.slice(1, -1);
    else value = value.replace(/\s+#.*$/, '');
    env[key] = value;
  }
  return env;
}

