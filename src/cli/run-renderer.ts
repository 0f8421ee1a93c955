// Live progress of a run in the terminal. Finished things (a step done, a retry, an approval, a
// checkpoint) print as permanent lines; on a TTY the steps still running sit below them with a spinner
// and a progress bar, redrawn in place. Without a TTY only the permanent lines are written.
import { relative } from 'node:path';
import type { RunEvent, RunListener } from '../core/workflow/events';
import { redact } from '../core/workflow/audit';
import { style } from './terminal';

interface Active {
  label: string;
  started: number;
  progress?: { progress: number; total?: number; message?: string };
}

/** A renderer: give `listener` to the runner; `pause` clears the live area before a prompt. */
export interface RunRenderer {
  listener: RunListener;
  pause(): void;
  resume(): void;
  stop(): void;
}

const frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** Creates a renderer writing to `out`; `live` turns on spinners and redraws (a TTY). */
export function createRunRenderer(out: NodeJS.WritableStream, live: boolean, secrets: () => readonly string[]): RunRenderer {
  const active = new Map<string, Active>();
  const args = new Map<string, unknown>();
  const parents = new Map<string, string>();
  const kinds = new Map<string, string>();
  const tools = new Map<string, string>();
  const plainBuckets = new Map<string, number>();
  let drawn = 0;
  let frame = 0;
  let paused = false;
  const clear = (): void => {
    if (drawn > 0) out.write(`\x1b[${drawn}A\x1b[0J`);
    drawn = 0;
  };
  const draw = (): void => {
    if (!live || paused) return;
    clear();
    const lines = [...active.values()].map((a) => `  ${style.cyan(frames[frame % frames.length]!)} ${a.label}${bar(a.progress)} ${style.dim(`${((Date.now() - a.started) / 1000).toFixed(1)}s`)}`);
    if (lines.length) out.write(`${lines.join('\n')}\n`);
    drawn = lines.length;
  };
  const timer = live ? setInterval(() => ((frame += 1), draw()), 80) : undefined;
  timer?.unref();
  const print = (line: string): void => {
    if (live) clear();
    out.write(`${redact(line, secrets())}\n`);
    draw();
  };
  const indent = (stepId: string): string => (parents.has(stepId) ? `  ${style.dim('│')} ` : '  ');

  const listener: RunListener = (event: RunEvent) => {
    switch (event.type) {
      case 'run-started':
        print(`${style.bold('▶')} ${style.bold(event.workflowId)} ${style.dim(`run ${event.runId} · server ${event.server}`)}`);
        if (event.resumedFrom) print(`  ${style.magenta('↻')} resumed from checkpoint "${event.resumedFrom}"`);
        break;
      case 'step-started':
        if (event.parent) parents.set(event.stepId, event.parent);
        kinds.set(event.stepId, event.kind);
        if (event.kind === 'parallel') {
          print(`  ${style.dim('┌')} ${style.bold(event.stepId)} ${style.dim('— running in parallel:')}`);
          break;
        }
        if (event.arguments !== undefined) args.set(event.stepId, event.arguments);
        if (event.tool) tools.set(event.stepId, event.tool);
        plainBuckets.delete(event.stepId);
        if (event.kind === 'tool' && !event.stepId.includes('#')) {
          const batch = event.batch ? ` batch ${event.batch.index + 1}/${event.batch.count}` : '';
          active.set(event.stepId, { label: `${event.stepId} ${style.dim(`${event.tool ?? ''}${batch}`)}`, started: active.get(event.stepId)?.started ?? Date.now() });
          draw();
        }
        break;
      case 'progress': {
        const a = active.get(event.stepId);
        if (a) a.progress = event;
        if (!live && event.total) {
          const bucket = Math.floor((event.progress / event.total) * 4);
          if (bucket > (plainBuckets.get(event.stepId) ?? 0)) {
            plainBuckets.set(event.stepId, bucket);
            print(`${indent(event.stepId)}${style.dim('…')} ${event.stepId} ${event.progress}/${event.total}${event.message ? ` ${event.message}` : ''}`);
          }
        }
        break;
      }
      case 'retry-scheduled':
        print(`${indent(event.stepId)}${style.yellow('↻')} ${event.stepId} ${event.code} — retry ${event.attempt + 1}/${event.maxAttempts} in ${event.delayMs} ms`);
        break;
      case 'waiting-for-approval':
        print(`  ${style.yellow('?')} ${style.bold(event.stepId)} needs approval: ${event.summary}`);
        print(`    affected: ${summarize(event.affected)} · ${event.reversible ? 'reversible' : style.red('NOT reversible')}`);
        break;
      case 'approved':
        print(`  ${style.green('✓')} ${event.stepId} approved by ${event.actor}`);
        break;
      case 'denied':
        print(`  ${style.red('✗')} ${event.stepId} denied by ${event.actor}${event.reason ? `: ${event.reason}` : ''}`);
        break;
      case 'checkpoint-saved':
        print(`  ${style.magenta('⚑')} checkpoint "${event.name}" saved ${style.dim(relative(process.cwd(), event.file))}`);
        break;
      case 'rollback-started':
        print(`  ${style.magenta('↺')} rolling back to ${event.checkpoint ? `checkpoint "${event.checkpoint}"` : 'the start'} after ${event.stepId} failed`);
        break;
      case 'rolled-back':
        print(`  ${event.ok ? style.magenta('↺') : style.red('↺')} ${event.message}`);
        break;
      case 'state-transition':
        print(`  ${style.dim('·')} ${event.stepId} state ${style.bold(event.state)}${event.completed ? ' (completed)' : ` → ${event.nextActions.join('; ')}`}`);
        break;
      case 'step-done': {
        active.delete(event.stepId);
        const kind = kinds.get(event.stepId);
        if (event.stepId.includes('#') || kind === 'approval' || kind === 'checkpoint') break;
        if (kind === 'parallel') {
          const count = Object.keys((event.result ?? {}) as object).length;
          print(`  ${style.dim('└')} ${event.stepId} ${style.dim(`${count} steps gathered in parallel, ${event.durationMs} ms wall time`)}`);
          break;
        }
        const skipped = event.outcome === 'skipped';
        print(`${indent(event.stepId)}${skipped ? style.dim('–') : style.green('✓')} ${style.bold(event.stepId)} ${tools.get(event.stepId) ?? ''}${callText(args.get(event.stepId))}${skipped ? style.dim(' skipped (when)') : ''} ${style.dim(`${event.durationMs} ms`)}${ids(event.result)}`);
        break;
      }
      case 'step-failed':
        active.delete(event.stepId);
        if (event.stepId.includes('#') || kinds.get(event.stepId) === 'approval') break;
        print(`${indent(event.stepId)}${style.red('✗')} ${style.bold(event.stepId)} ${style.red(`${event.code ?? 'FAILED'}: ${event.message}`)}`);
        break;
      case 'run-done':
        active.clear();
        draw();
        break;
    }
  };
  return {
    listener,
    pause() {
      clear();
      paused = true;
    },
    resume() {
      paused = false;
      draw();
    },
    stop() {
      if (timer) clearInterval(timer);
      clear();
    },
  };
}

function bar(progress: Active['progress']): string {
  if (!progress) return '';
  if (!progress.total) return ` ${progress.progress}${progress.message ? ` ${progress.message}` : ''}`;
  const width = 20;
  const filled = Math.max(0, Math.min(width, Math.round((progress.progress / progress.total) * width)));
  return ` [${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${progress.progress}/${progress.total}${progress.message ? ` ${style.dim(progress.message)}` : ''}`;
}

/** `{customer_id: "C-1001"}` in one short line. */
export function callText(args: unknown): string {
  if (args === undefined) return '';
  const text = args !== null && typeof args === 'object' && !Array.isArray(args)
    ? Object.entries(args).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ')
    : JSON.stringify(args);
  return style.dim(`(${text.length > 90 ? `${text.slice(0, 87)}...` : text})`);
}

/** The first few `*_id` values in a result: the IDs the next steps will carry. */
export function ids(result: unknown): string {
  const found: string[] = [];
  const walk = (value: unknown, path: string, depth: number): void => {
    if (found.length >= 3 || depth > 3 || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) return walk(value[0], `${path}[0]`, depth + 1);
    for (const [k, v] of Object.entries(value)) {
      if (/(^|_)id$/.test(k) && typeof v === 'string') found.push(`${path ? `${path}.` : ''}${k}=${v}`);
      else walk(v, path ? `${path}.${k}` : k, depth + 1);
    }
  };
  walk(result, '', 0);
  return found.length ? ` ${style.cyan(`→ ${found.slice(0, 3).join(', ')}`)}` : '';
}

function summarize(value: unknown): string {
  if (Array.isArray(value)) {
    const names = value.slice(0, 5).map((v) => (v && typeof v === 'object' ? String((v as Record<string, unknown>)['name'] ?? (v as Record<string, unknown>)['id'] ?? JSON.stringify(v)) : String(v)));
    return `${value.length} — ${names.join(', ')}${value.length > 5 ? ', …' : ''}`;
  }
  return JSON.stringify(value) ?? 'none';
}
