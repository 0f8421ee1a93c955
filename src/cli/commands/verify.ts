// `mcp-workflow verify TRACE [--workflow FILE]`: checks a proxy trace (what a client really did) against a workflow
// file and the tools' own guidance, and prints each finding at its trace line. Exit codes as `check`'s.
import { relative, resolve } from 'node:path';
import { describeFsError, readTextFile } from '../../core/node-host';
import { conformanceRules, verifyTraceText, type ConformanceFinding } from '../../core/proxy/conformance';
import type { Diagnostic } from '../../core/diagnostic';
import { toSarif } from '../../core/report/sarif';
import type { Workflow } from '../../core/workflow/types';
import { jsonReport, parseCommand, writeError, type CliCommand } from '../command';
import { CliError } from '../server-session';
import { readWorkflowFile } from '../workflow-file';
import { formatText } from './check';

const help = `Usage: mcp-workflow verify TRACE [--workflow FILE] [--format text|json|sarif] [--max-warnings N]

Checks a trace written by mcp-workflow proxy: against the workflow file (a step run before one it depends on,
a required step never run, an argument that should carry an ID from an earlier result but does not, steps of a
parallel group run one after another), and against the tools' own guidance (a destructive tool called with no
confirmation before it, PERMISSION_DENIED retried, RATE_LIMITED retried before retry_after_seconds). Without
--workflow, the steps come from the guided prompt the client got and the tools' "ID from X output" descriptions.
--trace FILE may stand for TRACE. Rules: docs/proxy.md. --format json prints { findings, diagnostics }.
Exit code: 0 clean (hints allowed), 1 errors (or more warnings than --max-warnings), 2 bad usage.`;

const options = {
  trace: { type: 'string' as const },
  workflow: { type: 'string' as const },
  format: { type: 'string' as const, default: 'text' },
  'max-warnings': { type: 'string' as const },
};

/** The `verify` command. */
export const runVerify: CliCommand = async (argv) => {
  const parsed = parseCommand('verify', help, argv, options);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const format = values.format ?? 'text';
  const maxWarnings = values['max-warnings'] === undefined ? Infinity : Number(values['max-warnings']);
  const traceFile = values.trace ?? positionals[0];
  if (!['text', 'json', 'sarif'].includes(format) || Number.isNaN(maxWarnings) || maxWarnings < 0 || !traceFile || positionals.length > (values.trace ? 0 : 1)) {
    process.stderr.write(`mcp-workflow verify: give one trace file, --format text, json or sarif, and --max-warnings a number ≥ 0\n\n${help}\n`);
    return 2;
  }
  try {
    const workflow = values.workflow ? await readWorkflowFile(values.workflow) : undefined;
    const report = await verifyTraceFile(traceFile, workflow);
    if (format === 'json') process.stdout.write(jsonReport({ findings: report.findings, diagnostics: report.diagnostics.map((d) => ({ ...d, file: shown(d.file) })) }));
    else if (format === 'sarif') process.stdout.write(jsonReport(toSarif(report.diagnostics, sarifRules(), shown, VERSION)));
    else process.stdout.write(report.text);
    const errors = report.findings.filter((f) => f.severity === 'error').length;
    const warnings = report.findings.filter((f) => f.severity === 'warning').length;
    return errors > 0 || warnings > maxWarnings ? 1 : 0;
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    writeError('verify', error.message, 2, format === 'json');
    return 2;
  }
};

/** A trace file's findings, as findings, as diagnostics at their lines, and as check-like text. */
export async function verifyTraceFile(traceFile: string, workflow: Workflow | undefined): Promise<{ findings: ConformanceFinding[]; diagnostics: Diagnostic[]; text: string }> {
  const file = resolve(traceFile);
  let text: string;
  try {
    text = await readTextFile(file);
  } catch (error) {
    throw new CliError(`cannot read the trace ${traceFile}: ${describeFsError(error as NodeJS.ErrnoException)}`);
  }
  const findings = verifyTraceText(text, workflow);
  const diagnostics = findings.map((f): Diagnostic => {
    const at = { line: f.line - 1, character: 0 };
    return { file, range: { start: at, end: at }, severity: f.severity, ruleId: f.ruleId, message: f.message };
  });
  return { findings, diagnostics, text: formatText(diagnostics, shown, 1) };
}

function shown(file: string): string {
  return relative(process.cwd(), file) || file;
}

function sarifRules(): { id: string; severity: ConformanceFinding['severity']; description: string }[] {
  return Object.entries(conformanceRules).map(([id, rule]) => ({ id, severity: rule.severity, description: rule.description }));
}

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0';
