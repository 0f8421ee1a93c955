// The runner's typed events. The CLI renderer, the audit log and (later) the panel all consume this one
// stream; each event is plain, serialisable data so it can cross a webview boundary unchanged.

/** How a run ended: every step passed (`done`), a step failed, a gate was denied, a failure was rolled back, the
 * rollback itself failed (the server may be half-changed), or a signal or Ctrl-C stopped the run. */
export type RunOutcome = 'done' | 'failed' | 'denied' | 'rolled-back' | 'rollback-failed' | 'interrupted';

/** Every event carries the run it belongs to and when it happened (ISO 8601). */
interface EventBase {
  runId: string;
  workflowId: string;
  time: string;
}

export type RunEvent = EventBase &
  (
    | { type: 'run-started'; server: string; inputs: Record<string, unknown>; resumedFrom?: string; stepIds: string[] }
    | { type: 'step-started'; stepId: string; kind: 'tool' | 'parallel' | 'approval' | 'checkpoint' | 'stateMachine'; tool?: string; arguments?: unknown; parent?: string; attempt?: number; batch?: { index: number; count: number } }
    | { type: 'progress'; stepId: string; progress: number; total?: number; message?: string }
    | { type: 'retry-scheduled'; stepId: string; code: string; attempt: number; maxAttempts: number; delayMs: number; message: string }
    | { type: 'waiting-for-approval'; stepId: string; summary: string; affected: unknown; reversible: boolean; confirm?: { tool: string; reason: string } }
    | { type: 'approved'; stepId: string; actor: string; reason?: string }
    | { type: 'denied'; stepId: string; actor: string; reason?: string }
    | { type: 'checkpoint-saved'; stepId: string; name: string; file: string }
    | { type: 'rollback-started'; stepId: string; checkpoint: string | undefined; requestedBy?: string }
    | { type: 'rolled-back'; stepId: string; checkpoint: string | undefined; ok: boolean; message: string }
    | { type: 'state-transition'; stepId: string; state: string; completed: boolean; nextActions: string[]; chosen?: string }
    | { type: 'step-done'; stepId: string; outcome: 'done' | 'skipped'; result?: unknown; durationMs: number; validation?: string[]; parent?: string }
    | { type: 'step-failed'; stepId: string; code?: string; message: string; durationMs: number; validation?: string[]; parent?: string }
    | { type: 'run-done'; ok: boolean; outcome: RunOutcome; message?: string; durationMs: number; checkpoint?: string }
  );

/** A consumer of run events; a listener that throws is reported once and then ignored, never fatal. */
export type RunListener = (event: RunEvent) => void;

/** A minimal event fan-out that isolates listeners from one another. */
export class RunEmitter {
  private readonly listeners = new Set<RunListener>();

  on(listener: RunListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: RunEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A broken consumer (e.g. a closed terminal) must not stop a run that is changing server state.
        this.listeners.delete(listener);
      }
    }
  }
}
