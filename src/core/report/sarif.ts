// SARIF 2.1.0 output for code scanning: one run, the rules as the tool's rules, each diagnostic a result.
import type { Diagnostic, Severity } from '../diagnostic';
import type { Rule } from '../rules/rule';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** Builds a SARIF log; `relative` turns file paths into URIs relative to the repository root. */
export function toSarif(diagnostics: Diagnostic[], rules: readonly Pick<Rule, 'id' | 'severity' | 'description'>[], relative: (file: string) => string, version: string) {
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const region = (d: { range: Diagnostic['range'] }) => ({
    startLine: d.range.start.line + 1, startColumn: d.range.start.character + 1, endLine: d.range.end.line + 1, endColumn: d.range.end.character + 1,
  });
  const location = (file: string, range: Diagnostic['range']) => ({ physicalLocation: { artifactLocation: { uri: relative(file).split('\\').join('/') }, region: region({ range }) } });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0' as const,
    runs: [
      {
        tool: {
          driver: {
            name: 'mcp-workflow', version, informationUri: 'https://modelcontextprotocol.io',
            rules: rules.map((r) => ({ id: r.id, shortDescription: { text: r.description }, defaultConfiguration: { level: LEVEL[r.severity] } })),
          },
        },
        results: diagnostics.map((d) => ({
          ruleId: d.ruleId,
          ...(index.has(d.ruleId) ? { ruleIndex: index.get(d.ruleId) } : {}),
          level: LEVEL[d.severity],
          message: { text: d.message },
          locations: [location(d.file, d.range)],
          ...(d.related?.length ? { relatedLocations: d.related.map((r, id) => ({ id, ...location(r.file, r.range), message: { text: r.message } })) } : {}),
          ...(d.fixes?.length
            ? {
                fixes: d.fixes.map((f) => ({
                  description: { text: f.title },
                  artifactChanges: f.edits.map((e) => ({ artifactLocation: { uri: relative(e.file).split('\\').join('/') }, replacements: [{ deletedRegion: region(e), insertedContent: { text: e.newText } }] })),
                })),
              }
            : {}),
        })),
      },
    ],
  };
}
