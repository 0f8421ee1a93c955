// `npm run ide`: the whole product in a real VS Code for a newcomer. Builds and packages the extension,
// installs code-server (the editor suite's install, scripts/setup-editor.sh), starts the example server over
// Streamable HTTP on 127.0.0.1:3917 (the port examples/.vscode/mcp.json suggests), and serves code-server on
// 127.0.0.1 with the extension installed and examples/ open. Prints the URL; Ctrl+C stops everything.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cache = process.env.MCPWK_EDITOR_CACHE ?? join(homedir(), '.cache', 'mcp-workflow-kit');
const ideDir = join(cache, 'ide');
const port = Number(process.env.PORT ?? 8080);

function run(what, command, args, options = {}) {
  console.log(`[ide] ${what}`);
  const r = spawnSync(command, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], ...options });
  if (r.status !== 0) {
    console.error(`[ide] ${what} failed (exit ${r.status ?? r.signal})`);
    process.exit(1);
  }
  return r;
}

function portIsFree(p) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(p, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

run('installing dependencies (when missing)', process.execPath, [join(root, 'scripts', 'ensure-deps.js')]);
run('building and packaging the extension', 'npm', ['run', '--silent', 'package']);
const setup = spawnSync('bash', [join(root, 'scripts', 'setup-editor.sh')], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
if (setup.status !== 0) process.exit(1);
const entry = setup.stdout.toString().trim().split('\n').pop();

const userData = join(ideDir, 'user-data');
const extensions = join(ideDir, 'extensions');
const home = join(ideDir, 'home');
for (const d of [userData, extensions, home, join(userData, 'User')]) mkdirSync(d, { recursive: true });
const config = join(ideDir, 'config.yaml');
writeFileSync(config, 'auth: none\ncert: false\n');
const env = { ...process.env, HOME: home };
const dirs = ['--config', config, '--user-data-dir', userData, '--extensions-dir', extensions];
run('installing the extension into code-server', process.execPath, [entry, ...dirs, '--install-extension', join(root, 'dist', 'mcp-workflow-kit.vsix'), '--force'], { env });

const children = [];
/** Stops every process group we started (code-server's includes its extension host and the servers it
 * spawned): SIGTERM, then SIGKILL for whatever is left after three seconds. */
const stopAll = async () => {
  const alive = children.filter((c) => c.exitCode === null && c.signalCode === null);
  const exited = alive.map((c) => new Promise((resolve) => c.once('exit', resolve)));
  for (const c of alive) signalGroup(c, 'SIGTERM');
  await Promise.race([Promise.all(exited), new Promise((resolve) => setTimeout(resolve, 3000))]);
  for (const c of alive) signalGroup(c, 'SIGKILL');
};
function signalGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}
process.on('SIGINT', () => void stopAll().then(() => process.exit(130)));
process.on('SIGTERM', () => void stopAll().then(() => process.exit(143)));

if (await portIsFree(3917)) {
  const http = spawn(process.execPath, [join(root, 'dist', 'example-server.js'), '--http', '--port', '3917'], { stdio: ['pipe', 'inherit', 'inherit'], detached: true });
  children.push(http);
} else {
  console.log('[ide] port 3917 is taken: the example-http server will talk to whatever listens there');
}
if (!(await portIsFree(port))) {
  console.error(`[ide] port ${port} on 127.0.0.1 is taken: run with PORT=NNNN npm run ide`);
  await stopAll();
  process.exit(1);
}
const workspace = join(root, 'examples');
const codeServer = spawn(process.execPath, [entry, ...dirs, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check', workspace], { env, stdio: ['ignore', 'pipe', 'inherit'], detached: true });
children.push(codeServer);
codeServer.stdout.on('data', (chunk) => {
  if (/HTTP server listening/.test(chunk.toString())) {
    console.log(`
[ide] VS Code is ready:  http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}
[ide] 1. Trust the folder when asked (servers from .vscode/mcp.json start only in a trusted workspace).
[ide] 2. Click the "MCP Workflows" icon in the activity bar; start example-stdio with ▶ on its row.
[ide] 3. Expand Tools, click sales_top_customers, set limit, press Call.
[ide] 4. Open server/tools/customers.ts: "▶ Call tool" stands above each tool.
[ide] example-http answers on 127.0.0.1:3917 (press Enter at the port prompt). Ctrl+C stops everything.`);
  }
});
codeServer.once('exit', (code) => void stopAll().then(() => process.exit(code ?? 0)));
