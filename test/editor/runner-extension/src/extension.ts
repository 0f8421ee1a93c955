// The test-runner extension: on startup it runs the extension-host tests (compiled into this extension's
// out/host folder, so their `vscode` import is this extension's API) with mocha inside the real extension
// host, and writes a HostResults file that the harness waits for. Without the harness's config variable it
// does nothing, so it is harmless in any other editor.
import * as vscode from 'vscode';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { CONFIG_ENV, type HostResults, type RunnerConfig } from '../../protocol';
import { describeError, runMocha } from './run-mocha';

/** Starts the suite without holding up activation: the tests themselves wait for what they need. */
export function activate(context: vscode.ExtensionContext): void {
  const configPath = process.env[CONFIG_ENV];
  if (!configPath) return;
  let config: RunnerConfig;
  try {
    config = JSON.parse(readFileSync(configPath, 'utf8')) as RunnerConfig;
  } catch (err) {
    // Without a readable config there is no results path to report to; the harness times out and says so.
    void vscode.window.showErrorMessage(`editor test runner: cannot read ${configPath}: ${String(err)}`);
    return;
  }
  const files = config.files.map((f) => (isAbsolute(f) ? f : join(context.extensionPath, 'out', 'host', f)));
  void runMocha(config.mochaPath, files, config.timeoutMs).then(
    (results) => writeResults(config.resultsFile, { vscodeVersion: vscode.version, results }),
    (err: unknown) => writeResults(config.resultsFile, { vscodeVersion: vscode.version, results: [], error: describeError(err) }),
  );
}

export function deactivate(): void {}

/** Writes a temporary file and renames it, so the harness never reads a half-written file. */
function writeResults(file: string, results: HostResults): void {
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, JSON.stringify(results, null, 2));
  renameSync(tmp, file);
}
