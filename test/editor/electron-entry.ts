// The extensionTestsPath module for @vscode/test-electron: VS Code calls run() in its extension host, and it
// runs the same extension-host tests as the code-server suite, through the same mocha runner.
import { readFileSync, writeFileSync } from 'node:fs';
import { CONFIG_ENV, type RunnerConfig } from './protocol';
import { runMocha } from './runner-extension/src/run-mocha';

/** Runs the suite; rejects (which makes test-electron exit non-zero) when a test fails. */
export async function run(): Promise<void> {
  const config = JSON.parse(readFileSync(process.env[CONFIG_ENV] ?? '', 'utf8')) as RunnerConfig;
  const results = await runMocha(config.mochaPath, config.files, config.timeoutMs);
  writeFileSync(config.resultsFile, JSON.stringify({ results }, null, 2));
  for (const r of results) console.log(`${r.state === 'passed' ? 'ok  ' : r.state === 'failed' ? 'FAIL' : 'skip'} ${r.fullTitle}${r.error ? `\n${r.error}` : ''}`);
  const failed = results.filter((r) => r.state === 'failed');
  if (results.length === 0) throw new Error('no extension-host tests ran');
  if (failed.length > 0) throw new Error(`${failed.length} extension-host test(s) failed: ${failed.map((r) => r.fullTitle).join('; ')}`);
}
