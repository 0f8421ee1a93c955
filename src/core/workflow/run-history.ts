// A past run as the run history lists it, read from its audit log (audit.ts): which workflow, when it started,
// how it ended (the last run-done; a resumed run's log has one per part) and how long it took. A log whose run
// has not ended says so ("running", or cut short when its process was killed: nothing can tell them apart).
import type { RunOutcome } from './events';
import { eventsFromAuditLog } from './run-view-model';

export interface RunRecord {
  runId: string;
  workflowId: string;
  server: string;
  startedAt: string;
  /** Undefined while the run goes on (or when its process died before writing its end). */
  outcome?: RunOutcome;
  /** The summed duration of every part of the run (a resumed run has several). */
  durationMs?: number;
  /** How many times the run was continued (resumed or rolled back) after its first part. */
  continued: number;
  message?: string;
}

/** The run an audit log records, or undefined when the text is not one (no run-started line). */
export function runRecordOf(text: string): RunRecord | undefined {
  const events = eventsFromAuditLog(text);
  const starts = events.filter((e) => e.type === 'run-started');
  const first = starts[0];
  if (!first || first.type !== 'run-started') return undefined;
  const ends = events.filter((e): e is Extract<typeof e, { type: 'run-done' }> => e.type === 'run-done');
  const last = [...events].reverse().find((e) => e.type === 'run-started' || e.type === 'run-done' || e.type === 'rollback-started');
  const ended = last?.type === 'run-done' ? last : undefined;
  const record: RunRecord = { runId: first.runId, workflowId: first.workflowId, server: String(first.server ?? ''), startedAt: first.time, continued: Math.max(0, ends.length - 1, starts.length - 1) };
  if (ended) {
    record.outcome = ended.outcome;
    record.durationMs = ends.reduce((sum, e) => sum + (typeof e.durationMs === 'number' ? e.durationMs : 0), 0);
    if (typeof ended.message === 'string') record.message = ended.message;
  }
  return record;
}
