// The in-memory backend the stateful example tools share: a record store being migrated, its backups
// and checkpoints, the audit log, and counters for simulated failures and slow tasks. One per process.
import { allCustomers, type Customer } from './data';

/** A record before migration: one name field and a US date. */
export interface LegacyRecord {
  id: string;
  version: 1;
  full_name: string;
  email: string;
  signup: string;
}

/** A record after transform_records: split name and an ISO date. */
export interface MigratedRecord {
  id: string;
  version: 2;
  first_name: string;
  last_name: string;
  email: string;
  signup_date: string;
}

export type StoreRecord = LegacyRecord | MigratedRecord;

/** A saved copy of the record store, made by create_backup or workflow_checkpoint. */
export interface Snapshot {
  records: StoreRecord[];
  created_at: string;
  state: Record<string, unknown>;
}

/** The audit entries workflow_log keeps. */
export interface LogEntry {
  log_id: string;
  workflow_id: string;
  action: string;
  actor: string;
  details: Record<string, unknown>;
  timestamp: string;
}

/** Where a slow_task run got to, for task_status. */
export interface TaskRecord {
  task_id: string;
  status: 'running' | 'completed' | 'cancelled';
  steps_done: number;
  steps_total: number;
}

/** Everything stateful the example tools share. */
export interface ExampleState {
  records: StoreRecord[];
  backups: Map<string, Snapshot>;
  /** Checkpoints by `${workflow_id}/${checkpoint_name}`. */
  checkpoints: Map<string, Snapshot>;
  log: LogEntry[];
  /** Calls seen per external_api_call request_key, for `simulate`. */
  apiAttempts: Map<string, number>;
  tasks: Map<string, TaskRecord>;
  /** The customer CRUD tools' own copy of the data set's customers, by customer_id. */
  customers: Map<string, Customer>;
  nextId: number;
}

/** The number of records the migration store starts with. */
export const RECORD_COUNT = 250;

/** A fresh backend: RECORD_COUNT legacy records, nothing else. */
export function createExampleState(): ExampleState {
  return {
    records: seedRecords(),
    backups: new Map(),
    checkpoints: new Map(),
    log: [],
    apiAttempts: new Map(),
    tasks: new Map(),
    customers: new Map(allCustomers().map((c) => [c.customer_id, { ...c }])),
    nextId: 1,
  };
}

/** A short unique id with a readable prefix, e.g. `bk-3`. */
export function newId(state: ExampleState, prefix: string): string {
  return `${prefix}-${state.nextId++}`;
}

/** A deep copy of the records, so a snapshot never changes after it is taken. */
export function copyRecords(records: StoreRecord[]): StoreRecord[] {
  return records.map((r) => ({ ...r }));
}

/** Counts for the outputs: all records, migrated ones and those still to do. */
export function countRecords(records: StoreRecord[]): { record_count: number; migrated_count: number; pending_count: number } {
  const migrated_count = records.filter((r) => r.version === 2).length;
  return { record_count: records.length, migrated_count, pending_count: records.length - migrated_count };
}

const firstNames = ['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Donald', 'Frances', 'Ken', 'Radia', 'Tim'];
const lastNames = ['Lovelace', 'Hopper', 'Turing', 'Dijkstra', 'Liskov', 'Knuth', 'Allen', 'Thompson', 'Perlman', 'Berners-Lee'];

function seedRecords(): LegacyRecord[] {
  const out: LegacyRecord[] = [];
  for (let i = 0; i < RECORD_COUNT; i++) {
    const first = firstNames[i % firstNames.length] ?? 'Ada';
    const last = lastNames[Math.floor(i / firstNames.length) % lastNames.length] ?? 'Lovelace';
    const month = String((i % 12) + 1).padStart(2, '0');
    const day = String((i % 28) + 1).padStart(2, '0');
    out.push({
      id: `R-${String(i + 1).padStart(4, '0')}`,
      version: 1,
      full_name: `${first} ${last}`,
      email: `${first}.${last}.${i + 1}@example.com`.toLowerCase(),
      signup: `${month}/${day}/2025`,
    });
  }
  return out;
}
