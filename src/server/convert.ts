// The only place core diagnostics become LSP types.
import { DiagnosticSeverity, type CodeAction, type Diagnostic as LspDiagnostic } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import type { Diagnostic } from '../core/diagnostic';

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information, hint: DiagnosticSeverity.Hint } as const;

export const fileToUri = (file: string) => URI.file(file).toString();
export const uriToFile = (uri: string) => URI.parse(uri).fsPath;

export function toLspDiagnostic(d: Diagnostic): LspDiagnostic {
  return {
    range: d.range,
    severity: SEVERITY[d.severity],
    source: 'mcp-workflow',
    code: d.ruleId,
    message: d.message,
    ...(d.related?.length ? { relatedInformation: d.related.map((r) => ({ location: { uri: fileToUri(r.file), range: r.range }, message: r.message })) } : {}),
  };
}

export function toCodeActions(d: Diagnostic, lsp: LspDiagnostic): CodeAction[] {
  return (d.fixes ?? []).map((fix, i) => ({
    title: fix.title,
    kind: 'quickfix',
    diagnostics: [lsp],
    isPreferred: i === 0,
    edit: {
      changes: fix.edits.reduce<Record<string, { range: Diagnostic['range']; newText: string }[]>>((acc, e) => {
        (acc[fileToUri(e.file)] ??= []).push({ range: e.range, newText: e.newText });
        return acc;
      }, {}),
    },
  }));
}
