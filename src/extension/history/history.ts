// Every call made from the call panels, per server, with its arguments and outcome, kept in the workspace
// state so a reload keeps it. The History view lists it; an entry can be run again, edited and run, or
// copied as a workflow step.
import * as vscode from 'vscode';
import type { CallOutcome } from '../../shared/panel-protocol';

/** One call as remembered. */
export interface HistoryEntry {
  id: string;
  serverId: string;
  serverName: string;
  kind: 'tool' | 'prompt' | 'resource';
  name: string;
  args: Record<string, unknown>;
  /** ok, a tool's own error (with its code), or a failure to complete (cancelled, server gone). */
  outcome: 'ok' | 'tool-error' | 'failed';
  /** A few words: the error code, the failure's code, or the output check. */
  summary: string;
  durationMs: number;
  time: number;
}

const KEY = 'mcpWorkflow.history';
/** Oldest entries beyond this are dropped. */
const MAX_ENTRIES = 200;

export class CallHistory {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;

  constructor(private readonly state: vscode.Memento) {}

  entries(): HistoryEntry[] {
    const stored = this.state.get<unknown>(KEY);
    return Array.isArray(stored) ? (stored.filter(isEntry) as HistoryEntry[]) : [];
  }

  get(id: string): HistoryEntry | undefined {
    return this.entries().find((e) => e.id === id);
  }

  async add(entry: Omit<HistoryEntry, 'id' | 'time' | 'outcome' | 'summary'>, outcome: CallOutcome): Promise<HistoryEntry> {
    const full: HistoryEntry = { ...entry, id: `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`, time: Date.now(), ...judge(outcome) };
    await this.state.update(KEY, [full, ...this.entries()].slice(0, MAX_ENTRIES));
    this.emitter.fire();
    return full;
  }

  async clear(): Promise<void> {
    await this.state.update(KEY, []);
    this.emitter.fire();
  }

  dispose(): void {
    this.emitter.dispose();
  }
}

function judge(outcome: CallOutcome): Pick<HistoryEntry, 'outcome' | 'summary'> {
  switch (outcome.kind) {
    case 'failure':
      return { outcome: 'failed', summary: outcome.code };
    case 'tool':
      if (outcome.isError) return { outcome: 'tool-error', summary: outcome.errorCode ?? 'isError' };
      return { outcome: 'ok', summary: outcome.outputCheck.status === 'fail' ? 'output does not match outputSchema' : outcome.outputCheck.status === 'pass' ? 'output matches outputSchema' : 'ok' };
    case 'prompt':
      return { outcome: 'ok', summary: `${outcome.messages.length} message${outcome.messages.length === 1 ? '' : 's'}` };
    case 'resource':
      return { outcome: 'ok', summary: `${outcome.contents.length} content${outcome.contents.length === 1 ? '' : 's'}` };
  }
}

function isEntry(value: unknown): boolean {
  const v = value as Partial<HistoryEntry> | null;
  return !!v && typeof v.id === 'string' && typeof v.serverId === 'string' && typeof v.name === 'string' && typeof v.args === 'object' && v.args !== null;
}
