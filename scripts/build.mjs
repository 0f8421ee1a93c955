// Bundles the extension, the language server and the CLI with esbuild (separate entry points) and copies
// the tree-sitter runtime and grammars next to the bundles, where src/core/parse/tree-sitter.ts finds them.
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
mkdirSync(dist, { recursive: true });

const wasmDir = join(root, 'node_modules', '@vscode', 'tree-sitter-wasm', 'wasm');
for (const f of ['tree-sitter.wasm', 'tree-sitter-rust.wasm', 'tree-sitter-typescript.wasm', 'tree-sitter-tsx.wasm', 'tree-sitter-python.wasm', 'tree-sitter-go.wasm']) {
  copyFileSync(join(wasmDir, f), join(dist, f));
}

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  // jsonc-parser's UMD build uses a dynamic require esbuild cannot follow; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
  define: { __VERSION__: JSON.stringify(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version) },
  // The extension host supplies `vscode`.
  external: ['vscode'],
};

// The extension is two bundles: what activation needs (the language client, the views), and what connects to
// servers and runs workflows (lazy/heavy.ts), which lazy/index.ts requires on first use. The main bundle leaves
// that require alone, so the SDK, ajv and zod are not in it.
const entries = [
  { in: 'src/extension/main.ts', out: 'extension', external: ['*extension-heavy.js'] },
  { in: 'src/extension/lazy/heavy.ts', out: 'extension-heavy' },
  { in: 'src/server/main.ts', out: 'server' },
  { in: 'src/cli/main.ts', out: 'cli' },
  { in: 'examples/server/main.ts', out: 'example-server' },
];
await Promise.all(
  entries
    .filter((e) => existsSync(join(root, e.in)))
    .map((e) => build({ ...common, external: [...common.external, ...(e.external ?? [])], entryPoints: [join(root, e.in)], outfile: join(dist, `${e.out}.js`) })),
);

// The webview apps (src/panel/<view>/main.tsx): browser bundles of their own, minified, next to the codicon
// font and stylesheet they link. Their size is printed, since every byte is loaded into each panel.
const panelDist = join(dist, 'panel');
mkdirSync(panelDist, { recursive: true });
const codicons = join(root, 'node_modules', '@vscode', 'codicons', 'dist');
for (const f of ['codicon.css', 'codicon.ttf']) copyFileSync(join(codicons, f), join(panelDist, f));
const panelDir = join(root, 'src', 'panel');
const views = existsSync(panelDir) ? readdirSync(panelDir).filter((v) => existsSync(join(panelDir, v, 'main.tsx'))) : [];
for (const view of views) {
  await build({
    entryPoints: [join(panelDir, view, 'main.tsx')],
    outfile: join(panelDist, `${view}.js`),
    bundle: true,
    platform: 'browser',
    target: 'es2022',
    format: 'esm',
    minify: true,
    sourcemap: true,
    jsx: 'automatic',
    jsxImportSource: 'preact',
    logLevel: 'warning',
    loader: { '.css': 'css' },
  });
}
const kib = (file) => `${(statSync(file).size / 1024).toFixed(1)} KiB`;
const webviews = views.flatMap((view) => ['js', 'css'].filter((ext) => existsSync(join(panelDist, `${view}.${ext}`))).map((ext) => `${view}.${ext} ${kib(join(panelDist, `${view}.${ext}`))}`));
if (!process.env.MCPWK_QUIET_BUILD) console.log(`[build] extension.js ${kib(join(dist, 'extension.js'))} (loaded on first use: extension-heavy.js ${kib(join(dist, 'extension-heavy.js'))}), server.js ${kib(join(dist, 'server.js'))}; webviews: ${webviews.join(', ') || 'none'}`);
