// bench/corpus: the checker over a folder of real MCP server repositories (one sub-folder per repository, e.g.
// /tmp/corpus/servers, /tmp/corpus/pmcp2). Prints, per repository: files, lines, tools and prompts found (and how
// many lack a description or an input schema), resources and templates, servers' instructions, errors, warnings and
// hints by rule, and how long the check took.
// Usage: npm run bench:corpus -- <corpus-folder> [--verbose]. Asserts nothing; the corpus is not part of this
// repository. Issue 12's development corpus: modelcontextprotocol/servers (src/everything, memory, filesystem,
// sequentialthinking), modelcontextprotocol/typescript-sdk (examples/), modelcontextprotocol/rust-sdk (examples/,
// conformance/), guyernest/rust-mcp-sdk and paiml/rust-mcp-sdk (examples/), each with its root manifest.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { checkWorkspace } from '../../src/core/check';
import { languageOf } from '../../src/core/extract';
import { nodeHost } from '../../src/core/node-host';
import { createProjectResolver } from '../../src/core/project';
import { createRevisionResolver } from '../../src/core/protocol-revision';
import { WorkspaceIndex } from '../../src/core/workspace';

async function checkRepository(dir: string, verbose: boolean): Promise<{ lines: number; ms: number; errors: number; warnings: number }> {
  const start = performance.now();
  const index = new WorkspaceIndex();
  await index.addPaths(nodeHost, [dir]);
  const models = index.models();
  const projectOf = createProjectResolver();
  const diagnostics = checkWorkspace(models, { projectOf, revisionOf: createRevisionResolver(projectOf) });
  const ms = performance.now() - start;
  const files = (await nodeHost.listFiles(dir)).filter((f) => languageOf(f));
  let lines = 0;
  for (const f of files) lines += readFileSync(f, 'utf8').split('\n').length;
  const tools = models.flatMap((m) => m.tools);
  const prompts = models.flatMap((m) => m.prompts);
  const byRule = new Map<string, number>();
  for (const d of diagnostics) byRule.set(`${d.severity} ${d.ruleId}`, (byRule.get(`${d.severity} ${d.ruleId}`) ?? 0) + 1);
  const count = (s: string) => diagnostics.filter((d) => d.severity === s).length;
  console.log(`${dir}`);
  console.log(`  ${files.length} source files (${models.filter((m) => m.lineStarts).length} parsed, ${index.skipped.size} skipped), ${lines} lines, ${(ms / 1000).toFixed(2)} s`);
  console.log(`  ${tools.length} tools (${tools.filter((t) => !t.description).length} without description, ${tools.filter((t) => !t.inputSchema && t.style !== 'registration').length} without input schema), ${prompts.length} prompts`);
  const resources = models.flatMap((m) => m.resources ?? []);
  if (resources.length) console.log(`  ${resources.length} resources (${resources.filter((r) => r.template).length} templates, ${resources.filter((r) => !r.uri || r.uriPartial).length} with a URI computed at run time, ${resources.filter((r) => !r.description && !r.descriptionUnknown).length} without description)`);
  if (verbose) for (const r of resources) console.log(`      ${r.file.slice(dir.length + 1)}:${r.nameSpan.range.start.line + 1} ${r.template ? 'template' : 'resource'} ${r.name} ${r.uri?.value ?? '(computed)'}${r.uriPartial ? ' (partial)' : ''}`);
  const instructions = models.flatMap((m) => m.instructions ?? []);
  console.log(`  ${instructions.length} servers' instructions, naming ${instructions.reduce((n, d) => n + d.mentions.length, 0)} tools`);
  console.log(`  ${count('error')} errors, ${count('warning')} warnings, ${count('hint') + count('info')} hints`);
  for (const [rule, n] of [...byRule].sort()) console.log(`    ${String(n).padStart(4)}  ${rule}`);
  if (verbose) for (const d of diagnostics) console.log(`      ${d.file.slice(dir.length + 1)}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity} ${d.ruleId}: ${d.message.slice(0, 160)}`);
  return { lines, ms, errors: count('error'), warnings: count('warning') };
}

async function main(): Promise<void> {
  const [folder, ...flags] = process.argv.slice(2);
  if (!folder) {
    console.error('usage: node --import tsx bench/corpus/run.ts <corpus-folder> [--verbose]');
    process.exitCode = 2;
    return;
  }
  const repos = readdirSync(folder).map((name) => join(folder, name)).filter((p) => statSync(p).isDirectory()).sort();
  const total = { lines: 0, ms: 0, errors: 0, warnings: 0 };
  for (const repo of repos) {
    const r = await checkRepository(repo, flags.includes('--verbose'));
    for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += r[k];
  }
  console.log(`total: ${repos.length} repositories, ${total.lines} lines, ${total.errors} errors, ${total.warnings} warnings (${((total.warnings * 10000) / Math.max(1, total.lines)).toFixed(1)} warnings per 10,000 lines), ${(total.ms / 1000).toFixed(2)} s`);
}

void main();
