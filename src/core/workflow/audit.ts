// The audit log: one JSON line per run event (timestamp, workflow and run ids, step, actor, action,
// details), written synchronously as each event happens so a killed process still leaves a complete log
// up to its last moment. Secrets (values marked secret in mcp.json, password inputs) never reach the file.
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { RunEvent, RunListener } from './events';

/** One line of the audit log. */
export interface AuditEntry {
  timestamp: string;
  workflow_id: string;
  run_id: string;
  step: string | null;
  actor: string;
  action: RunEvent['type'];
  details: Record<string, unknown>;
}

/** Replaces every occurrence of any secret string in a JSON value with "[REDACTED]". */
export function redact<T>(value: T, secrets: readonly string[]): T {
  const live = secrets.filter((s) => s.length >= 3);
  if (live.length === 0) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return live.reduce((text, secret) => text.split(secret).join('[REDACTED]'), v);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}

/** Turns a run event into an audit entry; `actor` is who started the run (approvals name their approver). */
export function toAuditEntry(event: RunEvent, actor: string, secrets: readonly string[]): AuditEntry {
  const { type, runId, workflowId, time, ...rest } = event;
  const step = 'stepId' in event ? event.stepId : null;
  const details: Record<string, unknown> = { ...rest };
  delete details['stepId'];
  return redact(
    {
      timestamp: time,
      workflow_id: workflowId,
      run_id: runId,
      step,
      actor: type === 'approved' || type === 'denied' ? event.actor : actor,
      action: type,
      details,
    },
    secrets,
  );
}

/** A JSON Lines audit log on disk; `listener` is handed to the runner, `close` ends the file. */
export interface AuditLog {
  readonly file: string;
  readonly listener: RunListener;
  close(): void;
}

/** Opens (appending) an audit log file. */
export function openAuditLog(file: string, options: { actor: string; secrets: () => readonly string[] }): AuditLog {
  mkdirSync(dirname(file), { recursive: true });
  let fd: number | undefined = openSync(file, 'a');
  return {
    file,
    listener: (event) => {
      if (fd === undefined) return;
      writeSync(fd, `${JSON.stringify(toAuditEntry(event, options.actor, options.secrets()))}\n`);
    },
    close() {
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
    },
  };
}
