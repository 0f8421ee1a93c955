// The two files that pass between the harness (a Node process outside the editor) and the test-runner
// extension (inside VS Code's extension host): the harness writes a RunnerConfig and names it in the
// MCPWK_EDITOR_TEST_CONFIG environment variable of code-server, which its extension host inherits; the runner
// writes a HostResults file when mocha ends, and the harness waits for that file to appear.

/** Environment variable that names the RunnerConfig file; the extension host inherits it from code-server. */
export const CONFIG_ENV = 'MCPWK_EDITOR_TEST_CONFIG';

/** What the harness tells the test-runner extension: which compiled test files to run and where to report. */
export interface RunnerConfig {
  /** Absolute path of mocha's entry, so tests and runner share one mocha instance. */
  readonly mochaPath: string;
  /** Compiled (CommonJS) extension-host test files: names inside the runner's out/host folder, or absolute paths. */
  readonly files: readonly string[];
  /** Where the runner writes HostResults; it writes a temporary file first and renames it, so it appears whole. */
  readonly resultsFile: string;
  /** Mocha's per-test timeout in milliseconds. */
  readonly timeoutMs: number;
  /** Facts about the session that tests assert against (e.g. whether the workspace was opened trusted). */
  readonly params: SessionParams;
}

/** Facts about one editor session that both the extension-host tests and the UI tests can read. */
export interface SessionParams {
  /** Session name, used in file names and test titles. */
  readonly session: string;
  /** Whether the workspace was opened trusted (workspace trust disabled) or in restricted mode. */
  readonly trusted: boolean;
  /** Absolute path of the opened workspace folder. */
  readonly workspace: string;
  /** Identifier (publisher.name) of the extension under test. */
  readonly extensionId: string;
  /** Set when EDITOR_TEST_FORCE_FAIL asks for a deliberately failing test, to prove failures are reported. */
  readonly forceFail: boolean;
}

/** One mocha test as the harness reports it. */
export interface HostTestResult {
  readonly fullTitle: string;
  readonly state: 'passed' | 'failed' | 'pending';
  readonly durationMs: number;
  readonly error?: string;
}

/** The results file the runner writes when mocha ends (or `error` when the suite could not run at all). */
export interface HostResults {
  readonly vscodeVersion: string;
  readonly results: readonly HostTestResult[];
  readonly error?: string;
}
