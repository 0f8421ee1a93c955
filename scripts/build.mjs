// Bundles the extension, the language server and the CLI with esbuild (separate entry points) and copies
// the tree-sitter runtime and grammars next to the bundles, where src/core/parse/tree-sitter.ts finds them.
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
mkdirSync(dist, { recursive: true });

const wasmDir = join(root, 'node_modules', '@vscode', 'tree-sitter-wasm', 'wasm');
for (const f of ['tree-sitter.wasm', 'tree-sitter-rust.wasm', 'tree-sitter-typescript.wasm', 'tree-sitter-tsx.wasm']) {
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

const entries = [
  { in: 'src/extension/main.ts', out: 'extension' },
  { in: 'src/server/main.ts', out: 'server' },
  { in: 'src/cli/main.ts', out: 'cli' },
  { in: 'examples/server/main.ts', out: 'example-server' },
];
await Promise.all(
  entries
    .filter((e) => existsSync(join(root, e.in)))
    .map((e) => build({ ...common, entryPoints: [join(root, e.in)], outfile: join(dist, `${e.out}.js`) })),
);
