// The esbuild options every Node bundle of the product shares (scripts/build.mjs's extension, language server and
// CLI bundles, and scripts/bench-check.mjs's benchmark bundle, which is measured as the product ships).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export const nodeBundle = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  logLevel: 'warning',
  // jsonc-parser's UMD build uses a dynamic require esbuild cannot follow; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
  define: { __VERSION__: JSON.stringify(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version) },
  // tree-sitter's runtime is read from beside the bundle, or from node_modules (src/core/parse/runtime.ts).
  external: ['@vscode/tree-sitter-wasm'],
};
