// Runs bench/check (bench/check/run.ts) as the product runs: bundled by esbuild with the options scripts/build.mjs gives the CLI and
// the language server, not compiled file by file by tsx. tsx keeps every function's name (an `__name` call each
// time a closure is made) and gives each module its own wrapper, which made the same check about 5% slower than
// the shipped bundles, and the benchmark is of what ships. The bundle goes to dist/bench/, where tree-sitter's
// runtime and grammars are found in node_modules as from sources.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { nodeBundle, root } from './esbuild-options.mjs';

const outfile = join(root, 'dist', 'bench', 'check.js');
await build({ ...nodeBundle, entryPoints: [join(root, 'bench', 'check', 'run.ts')], outfile });
const run = spawnSync(process.execPath, [outfile, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(run.status ?? 1);
