// Reads a VS Code `.vscode/mcp.json` (JSON with comments and trailing commas) into checked server entries,
// with a 1-based line:col on every problem. Variables (${workspaceFolder}, ${env:X}, ${input:id}) stay as
// written here; config-resolve.ts substitutes them for one server when it is about to be started.
import { parseTree, type Node, type ParseError } from 'jsonc-parser';
import { findTooDeep, limitSyntaxErrors, withoutBom } from '../json/nesting';
import { describeJsonSyntaxError } from '../json/syntax-error';
import { LineIndex } from '../text/line-index';
import type { Range } from '../diagnostic';

/** A problem in an mcp.json file, with where it is (1-based line and column, and the 0-based range). */
export interface McpConfigError {
  file: string;
  line: number;
  column: number;
  range: Range;
  message: string;
}

/** A string value together with the offset of its first character (inside the quotes) in the file. */
export interface Located {
  value: string;
  offset: number;
}

/** An `inputs` entry: a value asked of the user when a server that uses `${input:id}` starts. */
export interface McpInput {
  id: string;
  type: 'promptString' | 'pickString';
  description?: string;
  /** A password input: its value is a secret and never written to a log. */
  password: boolean;
  default?: string;
  options?: string[];
}

/** A `servers` entry as written (variables not yet substituted). */
export type McpServerEntry =
  | {
      name: string;
      type: 'stdio';
      command: Located;
      args: Located[];
      env: Record<string, Located | null>;
      envFile?: Located;
      cwd?: Located;
      offset: number;
    }
  | { name: string; type: 'http' | 'sse'; url: Located; headers: Record<string, Located>; offset: number };

/** A parsed mcp.json: the servers that are well formed, the inputs, and every problem found. */
export interface McpConfig {
  file: string;
  text: string;
  servers: Record<string, McpServerEntry>;
  inputs: Record<string, McpInput>;
  errors: McpConfigError[];
  /** Names of the entries of "servers" left out for a problem (in `errors`). */
  broken: string[];
}

/** Parses mcp.json text. A server with a problem is left out of `servers` and its problem is in `errors`. */
export function parseMcpConfig(text: string, file: string): McpConfig {
  const config: McpConfig = { file, text, servers: {}, inputs: {}, errors: [], broken: [] };
  const report = (offset: number, length: number, message: string): void => {
    config.errors.push(configError(text, file, offset, length, message));
  };
  const deep = findTooDeep(text);
  if (deep) {
    report(deep.offset, 1, `${file}: ${deep.message}`);
    return config;
  }
  const syntax: ParseError[] = [];
  const root = parseTree(withoutBom(text), syntax, { allowTrailingComma: true, disallowComments: false });
  const listed = limitSyntaxErrors(syntax.map((e) => ({ offset: e.offset, length: e.length, message: `${file} is not valid JSON: ${describeJsonSyntaxError(e.error)}` })), (count, at) => ({ ...at, message: `${count} more JSON syntax errors from here on are not listed; fix the ones above first` }));
  for (const e of listed) report(e.offset, e.length, e.message);
  if (syntax.length > 0) return config;
  if (!root || root.type !== 'object') {
    report(root?.offset ?? 0, root?.length ?? 0, 'mcp.json must be an object with a "servers" object');
    return config;
  }
  const inputs = property(root, 'inputs');
  if (inputs) readInputs(inputs, config, report);
  const servers = property(root, 'servers');
  if (!servers) report(root.offset, 1, 'mcp.json has no "servers" object; add "servers": { "name": { "type": "stdio", "command": "…" } }');
  else if (servers.type !== 'object') report(servers.offset, servers.length, '"servers" must be an object whose keys name the servers');
  else {
    for (const [name, node, keyNode] of members(servers)) {
      const entry = readServer(name, node, keyNode, report);
      if (entry) config.servers[name] = entry;
      else config.broken.push(name);
    }
  }
  return config;
}

type Report = (offset: number, length: number, message: string) => void;

function readServer(name: string, node: Node, keyNode: Node, report: Report): McpServerEntry | undefined {
  if (node.type !== 'object') {
    report(node.offset, node.length, `server "${name}" must be an object`);
    return undefined;
  }
  const typeNode = property(node, 'type');
  let type: string | undefined;
  if (typeNode) {
    type = typeNode.type === 'string' ? String(typeNode.value) : undefined;
    if (type !== 'stdio' && type !== 'http' && type !== 'sse') {
      report(typeNode.offset, typeNode.length, `server "${name}" has an unknown type ${JSON.stringify(typeNode.value)}; use "stdio", "http" or "sse"`);
      return undefined;
    }
  } else {
    // VS Code infers the type when it is left out: a command means stdio, a url means http.
    type = property(node, 'command') ? 'stdio' : property(node, 'url') ? 'http' : undefined;
  }
  const before = countingReport(report);
  if (type === 'stdio') {
    const command = requiredString(node, 'command', name, before.report, `server "${name}" (stdio) needs a "command", e.g. "node"`);
    const entry: McpServerEntry = {
      name,
      type: 'stdio',
      command: command ?? { value: '', offset: node.offset },
      args: stringArray(node, 'args', name, before.report),
      env: stringMap(node, 'env', name, before.report, true) as Record<string, Located | null>,
      offset: keyNode.offset,
    };
    const envFile = optionalString(node, 'envFile', name, before.report);
    const cwd = optionalString(node, 'cwd', name, before.report);
    if (envFile) entry.envFile = envFile;
    if (cwd) entry.cwd = cwd;
    return before.count() === 0 ? entry : undefined;
  }
  if (type === 'http' || type === 'sse') {
    const url = requiredString(node, 'url', name, before.report, `server "${name}" (${type}) needs a "url", e.g. "http://127.0.0.1:3917/mcp"`);
    const headers = stringMap(node, 'headers', name, before.report, false) as Record<string, Located>;
    return before.count() === 0 && url ? { name, type, url, headers, offset: keyNode.offset } : undefined;
  }
  report(keyNode.offset, keyNode.length, `server "${name}" needs a "type" ("stdio" with a "command", or "http" with a "url")`);
  return undefined;
}

function readInputs(node: Node, config: McpConfig, report: Report): void {
  if (node.type !== 'array') {
    report(node.offset, node.length, '"inputs" must be an array of { "type": "promptString", "id": "…" } objects');
    return;
  }
  for (const item of node.children ?? []) {
    if (item.type !== 'object') {
      report(item.offset, item.length, 'an input must be an object with "type" and "id"');
      continue;
    }
    const id = requiredString(item, 'id', 'input', report, 'an input needs an "id"');
    const typeNode = property(item, 'type');
    const type = typeNode?.value;
    if (type !== 'promptString' && type !== 'pickString') {
      const at = typeNode ?? item;
      report(at.offset, at.length, `input ${id ? `"${id.value}" ` : ''}has type ${JSON.stringify(type ?? null)}; use "promptString" (or "pickString" with "options")`);
      continue;
    }
    if (!id) continue;
    const input: McpInput = { id: id.value, type, password: property(item, 'password')?.value === true };
    const description = optionalString(item, 'description', 'input', report);
    const fallback = optionalString(item, 'default', 'input', report);
    if (description) input.description = description.value;
    if (fallback) input.default = fallback.value;
    if (type === 'pickString') input.options = stringArray(item, 'options', `input "${id.value}"`, report).map((o) => o.value);
    config.inputs[input.id] = input;
  }
}

/** Wraps a reporter to count what one server reports, so a server with any problem is left out. */
function countingReport(report: Report): { report: Report; count(): number } {
  let n = 0;
  return {
    report: (offset, length, message) => {
      n++;
      report(offset, length, message);
    },
    count: () => n,
  };
}

function requiredString(node: Node, key: string, owner: string, report: Report, missing: string): Located | undefined {
  const value = optionalString(node, key, owner, report);
  if (!value && !property(node, key)) report(node.offset, 1, missing);
  return value;
}

function optionalString(node: Node, key: string, owner: string, report: Report): Located | undefined {
  const value = property(node, key);
  if (!value) return undefined;
  if (value.type !== 'string') {
    report(value.offset, value.length, `"${key}" of ${owner} must be a string, not ${describeNode(value)}`);
    return undefined;
  }
  return located(value);
}

function stringArray(node: Node, key: string, owner: string, report: Report): Located[] {
  const value = property(node, key);
  if (!value) return [];
  if (value.type !== 'array') {
    report(value.offset, value.length, `"${key}" of ${owner} must be an array of strings, not ${describeNode(value)}`);
    return [];
  }
  const out: Located[] = [];
  for (const item of value.children ?? []) {
    if (item.type === 'string') out.push(located(item));
    else report(item.offset, item.length, `"${key}" of ${owner} must hold only strings; this is ${describeNode(item)}`);
  }
  return out;
}

/** An object of strings; env also allows numbers (written as text) and null (unset the variable). */
function stringMap(node: Node, key: string, owner: string, report: Report, isEnv: boolean): Record<string, Located | null> {
  const value = property(node, key);
  const out: Record<string, Located | null> = {};
  if (!value) return out;
  if (value.type !== 'object') {
    report(value.offset, value.length, `"${key}" of ${owner} must be an object of strings, not ${describeNode(value)}`);
    return out;
  }
  for (const [name, item] of members(value)) {
    if (item.type === 'string') out[name] = located(item);
    else if (isEnv && item.type === 'number') out[name] = { value: String(item.value), offset: item.offset };
    else if (isEnv && item.type === 'null') out[name] = null;
    else report(item.offset, item.length, `"${key}.${name}" of ${owner} must be a string, not ${describeNode(item)}`);
  }
  return out;
}

function property(node: Node, key: string): Node | undefined {
  for (const [name, value] of members(node)) if (name === key) return value;
  return undefined;
}

function members(node: Node): [string, Node, Node][] {
  const out: [string, Node, Node][] = [];
  for (const p of node.children ?? []) {
    const [k, v] = p.children ?? [];
    if (k && v) out.push([String(k.value), v, k]);
  }
  return out;
}

function located(node: Node): Located {
  return { value: String(node.value), offset: node.offset + 1 };
}

function describeNode(node: Node): string {
  return node.type === 'null' ? 'null' : `a${node.type === 'array' || node.type === 'object' ? 'n' : ''} ${node.type}`;
}


/** Builds an error at an offset of the file, with its 1-based line and column. */
export function configError(text: string, file: string, offset: number, length: number, message: string): McpConfigError {
  const lines = new LineIndex(text);
  const start = lines.positionAt(offset);
  const end = lines.positionAt(offset + Math.max(0, length));
  return { file, line: start.line + 1, column: start.character + 1, range: { start, end }, message };
}


/** Formats an error as `file:line:col: message`, the way the CLI prints it. */
export function formatConfigError(e: McpConfigError): string {
  return `${e.file}:${e.line}:${e.column}: ${e.message}`;
}


/** Reads and parses an mcp.json; an unreadable file is one error at 1:1, not an exception. */
export async function readMcpConfig(file: string, readFile: (path: string) => Promise<string>): Promise<McpConfig> {
  let text: string;
  try {
    text = await readFile(file);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return { file, text: '', servers: {}, inputs: {}, errors: [configError('', file, 0, 0, `cannot read ${file}: ${why}`)], broken: [] };
  }
  return parseMcpConfig(text, file);
}
