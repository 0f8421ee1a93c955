// Bundles the extension, the language server and the CLI with esbuild (separate entry points) and copies
// the tree-sitter runtime and grammars next to the bundles, where src/core/parse/tree-sitter.ts finds them.
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { nodeBundle, root } from './esbuild-options.mjs';

const dist = join(root, 'dist');
mkdirSync(dist, { recursive: true });

const wasmDir = join(root, 'node_modules', '@vscode', 'tree-sitter-wasm', 'wasm');
for (const f of ['tree-sitter.wasm', 'tree-sitter-rust.wasm', 'tree-sitter-typescript.wasm', 'tree-sitter-tsx.wasm', 'tree-sitter-python.wasm', 'tree-sitter-go.wasm']) {
  copyFileSync(join(wasmDir, f), join(dist, f));
}
// The runtime's JavaScript is not bundled: src/core/parse/runtime.ts reads it and patches how it builds nodes.
copyFileSync(join(wasmDir, 'tree-sitter.js'), join(dist, 'tree-sitter-runtime.js'));

const common = {
  ...nodeBundle,
  sourcemap: true,
  // The extension host supplies `vscode`; tree-sitter's runtime is read from beside the bundle (copied above).
  external: ['vscode', ...nodeBundle.external],
};

// The extension is two bundles: what activation needs (the language client, the views), and what connects to
// servers and runs workflows (lazy/heavy.ts), which lazy/index.ts requires on first use. The main bundle leaves
// that require alone, so the SDK, ajv and zod are not in it.
// The CLI is two bundles the same way: cli.js (the command table, and `check` up to where a file must be read or
// judged) and cli-heavy.js (src/cli/heavy.ts: the other commands, the extractors, the rules, the engine). In
// cli.js a require of heavy.ts, of the registry or of the rules is a require of cli-heavy.js (or one of its
// namespaces), so a `check --cache` run answered from the cache compiles none of them.
const cliHeavy = {
  name: 'cli-heavy',
  setup(b) {
    const halves = new Map([['src/cli/heavy', ''], ['src/core/parse/registry', '.registry'], ['src/core/rules/index', '.rules']].map(([path, member]) => [join(root, path), member]));
    b.onResolve({ filter: /(^|\/)(heavy|registry|index)$/ }, (args) => {
      const member = halves.get(resolve(args.resolveDir, args.path));
      return member === undefined ? undefined : { path: member || '.', namespace: 'cli-heavy' };
    });
    b.onLoad({ filter: /.*/, namespace: 'cli-heavy' }, (args) => ({ contents: `module.exports = require('./cli-heavy.js')${args.path === '.' ? '' : args.path};`, resolveDir: dist, loader: 'js' }));
  },
};
// What only the heavy half may hold: if cli.js bundles any of it, a cached check would compile it again.
const HEAVY_ONLY = ['node_modules/@vscode/tree-sitter-wasm', 'src/core/parse/tree-sitter.ts', 'src/core/parse/runtime.ts', 'node_modules/ajv', 'node_modules/@modelcontextprotocol/sdk', 'node_modules/handlebars', 'node_modules/zod', 'src/core/parse/rust', 'src/core/parse/typescript', 'src/core/parse/python', 'src/core/parse/go', 'src/core/rules/'];

const entries = [
  { in: 'src/extension/main.ts', out: 'extension', external: ['*extension-heavy.js'] },
  { in: 'src/extension/lazy/heavy.ts', out: 'extension-heavy' },
  { in: 'src/server/main.ts', out: 'server' },
  { in: 'src/cli/main.ts', out: 'cli', external: ['*cli-heavy.js'], plugins: [cliHeavy], light: HEAVY_ONLY },
  { in: 'src/cli/heavy.ts', out: 'cli-heavy' },
  { in: 'examples/server/main.ts', out: 'example-server' },
];
await Promise.all(
  entries
    .filter((e) => existsSync(join(root, e.in)))
    .map(async (e) => {
      const result = await build({ ...common, external: [...common.external, ...(e.external ?? [])], plugins: e.plugins ?? [], metafile: !!e.light, entryPoints: [join(root, e.in)], outfile: join(dist, `${e.out}.js`) });
      const leaked = e.light ? Object.keys(result.metafile.inputs).filter((input) => e.light.some((heavyOnly) => input.startsWith(heavyOnly))) : [];
      if (leaked.length) throw new Error(`dist/${e.out}.js bundles what belongs in its heavy half (an import that should be lazy): ${leaked.slice(0, 5).join(', ')}${leaked.length > 5 ? ', …' : ''}`);
    }),
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
if (!process.env.MCPWK_QUIET_BUILD) console.log(`[build] extension.js ${kib(join(dist, 'extension.js'))} (loaded on first use: extension-heavy.js ${kib(join(dist, 'extension-heavy.js'))}), server.js ${kib(join(dist, 'server.js'))}, cli.js ${kib(join(dist, 'cli.js'))} (loaded on first use: cli-heavy.js ${kib(join(dist, 'cli-heavy.js'))}); webviews: ${webviews.join(', ') || 'none'}`);
