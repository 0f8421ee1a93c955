// bench/check: the cost of a full check (extract + every rule) over a synthetic workspace of 2,000 files
// (Rust and TypeScript, about 10,000 prompts and tools), divided by the cost of the raw tree-sitter parse of
// the same files, both measured in this run. Goal: at most 3.1x (the figure before the fidelity work made the extractors read more). Prints figures; asserts nothing.
// A second figure is a workspace as an editor meets it: the same servers among four times as many ordinary
// source files, which the checker skips unparsed when they hold no word an extractor starts from.
// A third and a fourth figure are the same over generated Python FastMCP and Go go-sdk servers.
// With BENCH_CORPUS=<folder> (e.g. the real servers bench/corpus reads), a fourth figure times the same over it.
// `npm run bench:check` runs this file bundled as the product is (scripts/bench-check.mjs); `node --import tsx` runs it from
// sources, about 5% slower.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { checkWorkspace } from '../../src/core/check';
import { extractFile, languageOf } from '../../src/core/extract';
import { nodeHost } from '../../src/core/node-host';
import { MAX_FILE_BYTES } from '../../src/core/workspace';
import { parseSource } from '../../src/core/parse/tree-sitter';
import { generateOrdinaryFiles, generateWorkspace } from './generate';
import { generateGoWorkspace } from './generate-go';
import { generatePythonWorkspace } from './generate-python';

const FILES = Number(process.env['BENCH_FILES'] ?? 2000);
const RUNS = Number(process.env['BENCH_RUNS'] ?? 5);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function rawParse(sources: { file: string; text: string }[]): Promise<number> {
  const start = performance.now();
  for (const { file, text } of sources) (await parseSource(file.endsWith('.rs') ? 'rust' : file.endsWith('.py') ? 'python' : file.endsWith('.go') ? 'go' : 'typescript', text)).delete();
  return performance.now() - start;
}

async function fullCheck(sources: { file: string; text: string }[]): Promise<{ ms: number; diagnostics: number; tools: number; prompts: number }> {
  const start = performance.now();
  const models = [];
  for (const { file, text } of sources) models.push(await extractFile(file, text));
  const diagnostics = checkWorkspace(models, { projectOf: (f) => f.slice(0, f.lastIndexOf('/')) });
  const ms = performance.now() - start;
  return { ms, diagnostics: diagnostics.length, tools: models.reduce((n, m) => n + m.tools.length, 0), prompts: models.reduce((n, m) => n + m.prompts.length, 0) };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'mcp-workflow-bench-'));
  try {
    const sources = generateWorkspace(dir, FILES).map((file) => ({ file, text: readFileSync(file, 'utf8') }));
    const bytes = sources.reduce((n, s) => n + s.text.length, 0);
    // Warm up: grammars, ajv's meta-schemas, the JIT.
    await rawParse(sources);
    const warm = await fullCheck(sources);
    console.log(`workspace: ${FILES} files (${sources.filter((s) => s.file.endsWith('.rs')).length} Rust), ${(bytes / 1e6).toFixed(1)} MB, ${warm.tools} tools + ${warm.prompts} prompts = ${warm.tools + warm.prompts}, ${warm.diagnostics} diagnostics`);
    const parse: number[] = [];
    const check: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      parse.push(await rawParse(sources));
      check.push((await fullCheck(sources)).ms);
    }
    const p = median(parse);
    const c = median(check);
    console.log(`raw tree-sitter parse: ${p.toFixed(0)} ms (median of ${RUNS}: ${parse.map((x) => x.toFixed(0)).join(', ')})`);
    console.log(`full check (extract + rules): ${c.toFixed(0)} ms (median of ${RUNS}: ${check.map((x) => x.toFixed(0)).join(', ')})`);
    console.log(`ratio full check / raw parse: ${(c / p).toFixed(2)}x (goal <= 3.1x)`);

    const ordinary = generateOrdinaryFiles(dir, FILES * 4).map((file) => ({ file, text: readFileSync(file, 'utf8') }));
    const mixed = [...sources, ...ordinary];
    const mixedBytes = mixed.reduce((n, s) => n + s.text.length, 0);
    await rawParse(mixed);
    await fullCheck(mixed);
    const mp: number[] = [];
    const mc: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      mp.push(await rawParse(mixed));
      mc.push((await fullCheck(mixed)).ms);
    }
    console.log(`mixed workspace: the ${FILES} server files + ${ordinary.length} ordinary source files, ${(mixedBytes / 1e6).toFixed(1)} MB`);
    console.log(`  raw tree-sitter parse ${median(mp).toFixed(0)} ms, full check ${median(mc).toFixed(0)} ms, ratio ${(median(mc) / median(mp)).toFixed(2)}x`);
    await timeLanguage(dir, 'python', 'FastMCP', generatePythonWorkspace);
    await timeLanguage(dir, 'go', 'go-sdk', generateGoWorkspace);
    const corpus = process.env['BENCH_CORPUS'];
    if (corpus) await timeCorpus(corpus);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The same figures over generated servers of another language (a quarter as many files, five tools and prompts each). */
async function timeLanguage(dir: string, language: string, framework: string, generate: (dir: string, count: number) => string[]): Promise<void> {
  const sources = generate(join(dir, language), Math.max(1, Math.floor(FILES / 4))).map((file) => ({ file, text: readFileSync(file, 'utf8') }));
  await rawParse(sources);
  const warm = await fullCheck(sources);
  const pp: number[] = [];
  const pc: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    pp.push(await rawParse(sources));
    pc.push((await fullCheck(sources)).ms);
  }
  const bytes = sources.reduce((n, s) => n + s.text.length, 0);
  console.log(`${language} workspace: ${sources.length} ${framework} files, ${(bytes / 1e6).toFixed(1)} MB, ${warm.tools} tools + ${warm.prompts} prompts, ${warm.diagnostics} diagnostics`);
  console.log(`  raw tree-sitter parse ${median(pp).toFixed(0)} ms, full check ${median(pc).toFixed(0)} ms, ratio ${(median(pc) / median(pp)).toFixed(2)}x`);
}

/** The same two figures over a folder of real servers. */
async function timeCorpus(folder: string): Promise<void> {
  const files = (await nodeHost.listFiles(folder)).filter((f) => languageOf(f) && statSync(f).isFile() && statSync(f).size <= MAX_FILE_BYTES);
  const sources = files.map((file) => ({ file, text: readFileSync(file, 'utf8') }));
  await rawParse(sources);
  await fullCheck(sources);
  const cp: number[] = [];
  const cc: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    cp.push(await rawParse(sources));
    cc.push((await fullCheck(sources)).ms);
  }
  const bytes = sources.reduce((n, s) => n + s.text.length, 0);
  console.log(`real corpus ${folder}: ${sources.length} source files, ${(bytes / 1e6).toFixed(1)} MB`);
  console.log(`  raw tree-sitter parse ${median(cp).toFixed(0)} ms, full check ${median(cc).toFixed(0)} ms, ratio ${(median(cc) / median(cp)).toFixed(2)}x`);
}

void main();
