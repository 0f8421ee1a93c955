// Where `run` keeps its files (beside the workspace of the mcp.json it uses), the command that resumes a run, and
// the check, before the server is started, that they can be written: a run that could not record what it did
// must not start doing it.
import { closeSync, existsSync, mkdirSync, openSync, statSync, unlinkSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { describeFsError } from '../core/node-host';
import { CliError } from './server-session';

/** Throws a CliError (exit 2) saying why `auditFile` or the checkpoint folder cannot be written. */
export function checkRunFilesWritable(auditFile: string, checkpointDir: string | undefined): void {
  const shown = (path: string): string => relative(process.cwd(), path) || path;
  if (existsSync(auditFile) && statSync(auditFile).isDirectory()) throw new CliError(`cannot write the audit log ${shown(auditFile)}: it is a folder; give --audit a file name`);
  try {
    probeFile(auditFile);
  } catch (error) {
    throw new CliError(`cannot write the audit log ${shown(auditFile)}: ${describeFsError(error as NodeJS.ErrnoException)}; give --audit a file you can write, or run from a folder you can write to`);
  }
  if (checkpointDir === undefined) return;
  try {
    probeFile(join(checkpointDir, `.write-check-${process.pid}`));
  } catch (error) {
    throw new CliError(`cannot save checkpoints in ${shown(checkpointDir)}: ${describeFsError(error as NodeJS.ErrnoException)}`);
  }
}

/** Creates the file's folder and opens it for appending; a file that did not exist before is removed again. */
function probeFile(file: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const existed = existsSync(file);
  closeSync(openSync(file, 'a'));
  if (!existed) unlinkSync(file);
}

/** The folder that holds `.vscode/mcp.json` (or, for an mcp.json elsewhere, the folder it is in). */
export function workspaceOf(configFile: string): string {
  const folder = dirname(configFile);
  return basename(folder) === '.vscode' ? dirname(folder) : folder;
}

/** The command that resumes this run, as it can be typed in the current folder. */
export function resumeCommand(file: string, flags: { config?: string | undefined; server?: string | undefined }, runId: string): string {
  const quote = (arg: string): string => (/^[\w./:@%+=,-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`);
  const extra = [...(flags.config ? ['--config', flags.config] : []), ...(flags.server ? ['--server', flags.server] : [])];
  return ['mcp-workflow', 'run', file, ...extra, '--resume', runId].map(quote).join(' ');
}
