// The audit log: one JSON line per run event (timestamp, workflow and run ids, step, actor, action,
// details). Lines are gathered while the runner works synchronously and written with one write before the
// process next waits (for the server, a timer or a person), and at once for every event after which
// something can fail, wait or end, so a killed process still leaves a complete log up to its last moment.
// Secrets (values marked secret in mcp.json, password inputs) never reach the file.
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

/**
 * Replaces every occurrence of any secret string in a JSON value with "[REDACTED]": as written, and as JSON
 * writes it inside a string (up to three levels deep), since report lines and results quote values as JSON.
 */
export function redact<T>(value: T, secrets: readonly string[]): T {
  const forms = secretForms(secrets);
  if (forms.strings.length === 0 && forms.patterns.length === 0) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return replaceAll(v, forms);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}

/** Where secrets show in text: as exact strings (3 characters or more), or as patterns (shorter ones). */
interface SecretForms {
  strings: string[];
  patterns: RegExp[];
}

function replaceAll(text: string, forms: SecretForms): string {
  let out = text;
  for (const form of forms.strings) if (out.includes(form)) out = out.split(form).join('[REDACTED]');
  for (const pattern of forms.patterns) out = out.replace(pattern, '[REDACTED]');
  return out;
}

let lastSecrets: string[] = [];
let lastForms: SecretForms = { strings: [], patterns: [] };

/**
 * Each secret as written and JSON-escaped once, twice and three times, most escaped first. JSON escaping maps
 * each character on its own, so a secret inside a string value appears in JSON text exactly as its escaped form.
 * A secret of one or two characters is redacted too, wherever it stands on its own (not next to another letter or
 * digit): replacing every "a" in the text would mangle it without protecting anything more. Remembered for the
 * last list, which is nearly always the same one.
 */
function secretForms(secrets: readonly string[]): SecretForms {
  // Compared by content, not identity, so a list that gains a secret later is never served stale.
  if (secrets.length === lastSecrets.length && secrets.every((s, i) => s === lastSecrets[i])) return lastForms;
  const strings = new Set<string>();
  const patterns: RegExp[] = [];
  for (const secret of secrets.filter((s) => s.length > 0)) {
    const levels = [secret];
    for (let i = 0; i < 3; i++) levels.push(JSON.stringify(levels[i]).slice(1, -1));
    for (const form of levels.reverse()) {
      if (secret.length >= 3) strings.add(form);
      else patterns.push(new RegExp(`(?<![A-Za-z0-9])${form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z0-9])`, 'g'));
    }
  }
  lastForms = { strings: [...strings].sort((a, b) => b.length - a.length), patterns };
  lastSecrets = [...secrets];
  return lastForms;
}

/** The fields every event has, which the entry holds at its top level rather than in `details`. */
const envelope = new Set(['type', 'runId', 'workflowId', 'time', 'stepId']);

function entryOf(event: RunEvent, actor: string): AuditEntry {
  // Copied key by key (not rest-spread plus delete, which turns the object into a slow dictionary): this
  // runs for every event, two or three times per tool call.
  const details: Record<string, unknown> = {};
  for (const key in event) if (!envelope.has(key)) details[key] = (event as unknown as Record<string, unknown>)[key];
  return {
    timestamp: event.time,
    workflow_id: event.workflowId,
    run_id: event.runId,
    step: 'stepId' in event ? event.stepId : null,
    actor: event.type === 'approved' || event.type === 'denied' ? event.actor : actor,
    action: event.type,
    details,
  };
}

/** A JSON Lines audit log on disk; `listener` is handed to the runner, `close` ends the file. */
export interface AuditLog {
  readonly file: string;
  readonly listener: RunListener;
  close(): void;
}

/** Events written the moment they happen: after each, the run may wait on a person or a timer, or end. */
const flushAt = new Set<RunEvent['type']>(['run-started', 'waiting-for-approval', 'approved', 'denied', 'retry-scheduled', 'checkpoint-saved', 'rolled-back', 'step-failed', 'run-done']);

/** One value's JSON with secrets redacted: on the text (quick), or on the value when that broke the JSON. */
export function redactedJson(entry: unknown, secrets: readonly string[]): string {
  const text = JSON.stringify(entry);
  const out = replaceAll(text, secretForms(secrets));
  if (out === text) return text;
  try {
    JSON.parse(out);
    return out;
  } catch {
    // A secret with quotes can straddle two JSON strings; redacting the values themselves is always valid.
    return JSON.stringify(redact(entry, secrets));
  }
}

/** The open logs' flushes, run by one 'exit' listener (registered while a log is open): a process running many
 * workflows at once (the panel, a soak test: 20) would otherwise pass Node's limit of 10 listeners and warn. */
const flushesAtExit = new Set<() => void>();
const flushAllAtExit = (): void => {
  for (const flush of flushesAtExit) flush();
};

/**
 * Opens an audit log file, appending (a resumed run goes on in its own log), or with `exclusive` creating it and
 * failing with EEXIST when it exists, so two runs can never write one file.
 */
export function openAuditLog(file: string, options: { actor: string; secrets: () => readonly string[]; exclusive?: boolean }): AuditLog {
  mkdirSync(dirname(file), { recursive: true });
  let fd: number | undefined = openSync(file, options.exclusive ? 'wx' : 'a');
  let pending = '';
  let scheduled: NodeJS.Immediate | undefined;
  const flush = (): void => {
    if (scheduled) clearImmediate(scheduled);
    scheduled = undefined;
    if (fd === undefined || pending === '') return;
    const text = pending;
    pending = '';
    writeSync(fd, text);
  };
  // A process that exits on purpose (process.exit, an uncaught error) still writes what it has.
  if (flushesAtExit.size === 0) process.on('exit', flushAllAtExit);
  flushesAtExit.add(flush);
  return {
    file,
    listener: (event) => {
      if (fd === undefined) return;
      const entry = entryOf(event, options.actor);
      pending += `${redactedJson(entry, options.secrets())}\n`;
      if (flushAt.has(event.type)) flush();
      else scheduled ??= setImmediate(flush);
    },
    close() {
      flush();
      flushesAtExit.delete(flush);
      if (flushesAtExit.size === 0) process.removeListener('exit', flushAllAtExit);
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
    },
  };
}
