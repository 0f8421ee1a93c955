// `mcp-workflow list [paths…] [--json]`: every prompt, tool and resource found, with positions, arguments, schemas,
// template variables, the tools the prompt text mentions and the resources' URIs.
import { createProjectResolver } from '../../core/project';
import { buildListReport, type ListReport } from '../../core/report/list';
import { jsonReport, parseCommand, type CliCommand } from '../command';
import { loadWorkspace } from '../workspace';

const HELP = `Usage: mcp-workflow list [paths…] [--json] [--include-tests]

Lists every MCP prompt, tool and resource found in Rust, TypeScript, Python and Go sources under the paths (default: .). Test code
(test/, tests/, __tests__/, *.test.*, *.spec.*, Rust #[cfg(test)]) is left out unless --include-tests.`;

export const runList: CliCommand = async (argv) => {
  const parsed = parseCommand('list', HELP, argv, { json: { type: 'boolean' }, 'include-tests': { type: 'boolean' } });
  if (typeof parsed === 'number') return parsed;
  const loaded = await loadWorkspace(parsed.positionals, { includeTests: parsed.values['include-tests'] === true });
  if ('error' in loaded) {
    process.stderr.write(`mcp-workflow list: ${loaded.error}\n`);
    return 2;
  }
  const report = buildListReport(loaded.index.models(), loaded.index.skipped, loaded.relative, createProjectResolver());
  for (const s of report.skipped) process.stderr.write(`warning: skipped ${s.file}: ${s.reason}\n`);
  process.stdout.write(parsed.values.json ? jsonReport(report) : formatText(report));
  return 0;
};

function formatText(report: ListReport): string {
  const lines: string[] = [];
  for (const p of report.prompts) {
    lines.push(`prompt ${p.name}  ${p.file}:${p.line}:${p.column}  (${p.style})`);
    if (p.description) lines.push(`  description: ${p.description}`);
    for (const a of p.arguments) lines.push(`  argument ${a.name}${a.required ? ' (required)' : ''}${a.description ? `: ${a.description}` : ''}`);
    const vars = [...new Set(p.variables.map((v) => v.name))];
    if (vars.length) lines.push(`  template variables: ${vars.join(', ')}`);
    const mentions = [...new Set(p.mentions.map((m) => m.name))];
    if (mentions.length) lines.push(`  tools mentioned: ${mentions.join(', ')}`);
    for (const e of p.templateErrors) lines.push(`  template error at ${e.line}:${e.column}: ${e.message.split('\n')[0]}`);
    for (const s of p.steps ?? []) lines.push(`  step ${s.name} -> ${s.tool}${s.binding ? ` (bind ${s.binding})` : ''}`);
  }
  for (const t of report.tools) {
    lines.push(`tool ${t.name}  ${t.file}:${t.line}:${t.column}  (${t.style})`);
    if (t.description) lines.push(`  description: ${t.description.replace(/\s+/g, ' ')}`);
    const props = (schema: unknown) => Object.keys((schema as { properties?: object } | undefined)?.properties ?? {}).join(', ');
    if (t.inputSchema !== undefined) lines.push(`  input: ${props(t.inputSchema) || '(no properties)'}`);
    if (t.outputSchema !== undefined) lines.push(`  output: ${props(t.outputSchema) || '(no properties)'}`);
  }
  for (const r of report.resources) {
    lines.push(`${r.template ? 'resource template' : 'resource'} ${r.name}  ${r.file}:${r.line}:${r.column}  (${r.style})`);
    if (r.uri !== undefined) lines.push(`  uri: ${r.uri}${r.uriPartial ? ' (partly computed)' : ''}`);
    if (r.uriParameters?.length) lines.push(`  parameters: ${r.uriParameters.map((u) => u.name).join(', ')}`);
    if (r.mimeType) lines.push(`  mime type: ${r.mimeType}`);
    if (r.description) lines.push(`  description: ${r.description.replace(/\s+/g, ' ')}`);
  }
  for (const p of report.problems) lines.push(`warning: ${p.file}:${p.line}:${p.column}: ${p.message}`);
  // Resources are counted only where there are any, so a server of tools and prompts reads as it always did.
  const resources = report.resources.length ? `, ${report.resources.length} resources` : '';
  lines.push(`${report.prompts.length} prompts, ${report.tools.length} tools${resources} in ${new Set([...report.prompts, ...report.tools, ...report.resources].map((x) => x.file)).size} files`);
  return `${lines.join('\n')}\n`;
}
