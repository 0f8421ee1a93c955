// Formats the workspace listing for the output channel.
import type { ListReport } from '../core/report/list';

export function formatListReport(report: ListReport, relative: (file: string) => string): string {
  const lines = [`${report.prompts.length} prompts and ${report.tools.length} tools`, ''];
  for (const p of report.prompts) {
    lines.push(`prompt ${p.name}  ${relative(p.file)}:${p.line}:${p.column}`);
    if (p.arguments.length) lines.push(`  arguments: ${p.arguments.map((a) => `${a.name}${a.required ? '*' : ''}`).join(', ')}`);
    if (p.mentions.length) lines.push(`  tools named: ${[...new Set(p.mentions.map((m) => m.name))].join(', ')}`);
  }
  for (const t of report.tools) lines.push(`tool ${t.name}  ${relative(t.file)}:${t.line}:${t.column}`);
  for (const s of report.skipped) lines.push(`skipped ${relative(s.file)}: ${s.reason}`);
  return lines.join('\n');
}
