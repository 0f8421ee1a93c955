// The opt-in trace of the language server's re-checks (MCP_WORKFLOW_TRACE=recheck): one line on stderr per
// re-check, the milliseconds of each part of a keystroke's way to its diagnostics (the document's reading, the
// debounce as it really waited, the engine's phases, publishing), so bench/lsp can say where the time goes.
import { performance } from 'node:perf_hooks';

export class RecheckTrace {
  private readonly parts: [string, number][] = [];
  private scheduledAt: number | undefined;
  private last = 0;

  /** The trace the environment asks for, else undefined (no cost to a re-check). */
  static fromEnvironment(): RecheckTrace | undefined {
    return (process.env['MCP_WORKFLOW_TRACE'] ?? '').split(',').includes('recheck') ? new RecheckTrace() : undefined;
  }

  /** A document was read (extracted) in `ms`. */
  read(ms: number): void {
    this.parts.push(['read', ms]);
  }

  /** The re-check was scheduled (the debounce starts). */
  scheduled(): void {
    this.scheduledAt = performance.now();
  }

  /** The re-check starts: the debounce waited until now. */
  start(): void {
    this.last = performance.now();
    if (this.scheduledAt !== undefined) this.parts.push(['debounce', this.last - this.scheduledAt]);
    this.scheduledAt = undefined;
  }

  /** A part of the re-check took `ms` (the engine's phases report theirs). */
  phase(name: string, ms: number): void {
    this.parts.push([name, ms]);
    this.last = performance.now();
  }

  /** A part ended now, measured from the end of the last one. */
  lap(name: string): void {
    this.phase(name, performance.now() - this.last);
  }

  /** Writes the re-check's line and starts the next. */
  end(published: number): void {
    process.stderr.write(`mcp-workflow recheck: ${this.parts.map(([name, ms]) => `${name} ${ms.toFixed(2)}`).join(', ')} ms; ${published} files published\n`);
    this.parts.length = 0;
  }
}
