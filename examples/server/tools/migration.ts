// The seed's safe-data-migration tools on a small in-memory record store: validate, back up, transform in
// batches (with progress, and a batch that can be told to fail), verify, and restore from a backup or a
// workflow checkpoint. Snapshots are real copies, so a rollback really undoes a half-done batch.
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { reportProgress, settleProgress, waitOrAbort, type ToolExtra } from '../progress';
import { ok, toolError } from '../results';
import { copyRecords, countRecords, newId, type ExampleState, type MigratedRecord, type StoreRecord } from '../state';
import { registerCheckpointTools } from './checkpoints';

const counts = {
  record_count: z.number().int(),
  migrated_count: z.number().int(),
  pending_count: z.number().int(),
};

/** Registers validate_source, create_backup, restore_backup, transform_records, validate_target and the checkpoint tools. */
export function registerMigrationTools(server: McpServer, state: ExampleState): void {
  registerCheckpointTools(server, state);

  server.registerTool(
    'validate_source',
    {
      title: 'Validate source',
      description: 'Check the integrity of the records to migrate. If validation fails (VALIDATION_FAILED), stop and report the issues.',
      inputSchema: {},
      outputSchema: { valid: z.boolean(), ...counts, issues: z.array(z.string()) },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    () => {
      const issues = state.records.flatMap((r) => (r.email.includes('@') ? [] : [`${r.id}: email has no @`]));
      if (issues.length > 0) return toolError('VALIDATION_FAILED', `${issues.length} source record(s) are invalid`, { issues });
      return ok({ valid: true, ...countRecords(state.records), issues });
    },
  );

  server.registerTool(
    'create_backup',
    {
      title: 'Create backup',
      description: 'Back up every record before any modification. Record the backup_id: transform_records needs it, and restore_backup rolls back to it. Backups are kept as long as the server runs (a stdio server starts empty each time).',
      inputSchema: {},
      outputSchema: { backup_id: z.string().describe('Use with transform_records and restore_backup'), created_at: z.string(), ...counts },
      annotations: { readOnlyHint: false, destructiveHint: false, openWorldHint: false },
    },
    () => {
      const backup_id = newId(state, 'bk');
      const created_at = new Date().toISOString();
      state.backups.set(backup_id, { records: copyRecords(state.records), created_at, state: {} });
      return ok({ backup_id, created_at, ...countRecords(state.records) });
    },
  );

  server.registerTool(
    'restore_backup',
    {
      title: 'Restore backup',
      description: 'Roll every record back to a backup made by create_backup. Overwrites every record changed since the backup: outside a failed migration, ask the user first. Unknown backup_id: NOT_FOUND.',
      inputSchema: { backup_id: z.string().describe('ID from create_backup output') },
      outputSchema: { backup_id: z.string(), restored: z.boolean(), ...counts },
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
    },
    ({ backup_id }) => {
      const backup = state.backups.get(backup_id);
      if (!backup) return toolError('NOT_FOUND', `no backup "${backup_id}"; use the backup_id from create_backup output`);
      state.records = copyRecords(backup.records);
      return ok({ backup_id, restored: true, ...countRecords(state.records) });
    },
  );

  server.registerTool(
    'transform_records',
    {
      title: 'Transform records',
      description:
        'Migrate one batch of records (offset, size) to the new format, overwriting them in place; call again with next_offset until done. Needs the backup_id from create_backup. Sends progress notifications. If a batch fails (BATCH_FAILED), roll back with restore_backup or workflow_rollback.',
      inputSchema: {
        offset: z.number().int().min(0).default(0).describe('Index of the first record of the batch'),
        size: z.number().int().min(1).max(1000).default(100).describe('Records in the batch (default 100)'),
        backup_id: z.string().describe('ID from create_backup output'),
        fail_batch: z.number().int().min(0).optional().describe('Testing aid: the batch number (offset / size) that fails halfway with BATCH_FAILED'),
        record_delay_ms: z.number().int().min(0).max(100).default(1).describe('Testing aid: time spent per record'),
      },
      outputSchema: {
        offset: z.number().int(),
        size: z.number().int(),
        transformed: z.number().int(),
        skipped: z.number().int().describe('Records already in the new format'),
        next_offset: z.number().int(),
        done: z.boolean(),
        ...counts,
      },
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
    },
    (args, extra) => transformBatch(state, args, extra),
  );

  server.registerTool(
    'validate_target',
    {
      title: 'Validate target',
      description: 'Verify that every record is migrated and well formed. If validation fails (VALIDATION_FAILED), roll back using the backup_id.',
      inputSchema: {},
      outputSchema: { valid: z.boolean(), ...counts, issues: z.array(z.string()) },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    () => {
      const c = countRecords(state.records);
      const issues = state.records.flatMap((r) =>
        r.version === 2 && !/^\d{4}-\d{2}-\d{2}$/.test(r.signup_date) ? [`${r.id}: bad signup_date ${r.signup_date}`] : [],
      );
      if (c.pending_count > 0) issues.unshift(`${c.pending_count} record(s) are not migrated yet`);
      if (issues.length > 0) return toolError('VALIDATION_FAILED', issues.join('; '), { ...c, issues });
      return ok({ valid: true, ...c, issues });
    },
  );
}

interface TransformArgs {
  offset: number;
  size: number;
  backup_id: string;
  fail_batch?: number | undefined;
  record_delay_ms: number;
}

async function transformBatch(state: ExampleState, args: TransformArgs, extra: ToolExtra) {
  if (!state.backups.has(args.backup_id)) {
    return toolError('INVALID_INPUT', `no backup "${args.backup_id}"; call create_backup first and pass its backup_id`);
  }
  const batch = Math.floor(args.offset / args.size);
  const end = Math.min(args.offset + args.size, state.records.length);
  const failAt = args.fail_batch === batch ? args.offset + Math.floor((end - args.offset) / 2) : undefined;
  let transformed = 0;
  let skipped = 0;
  for (let i = args.offset; i < end; i++) {
    if (i === failAt) {
      return toolError('BATCH_FAILED', `batch ${batch} (records ${args.offset}..${end - 1}) failed at record ${i}; ${transformed} record(s) were changed, roll back`, {
        batch,
        offset: args.offset,
        failed_at: i,
        transformed_before_failure: transformed,
        backup_id: args.backup_id,
      });
    }
    const record = state.records[i];
    if (record && record.version === 1) {
      state.records[i] = migrate(record);
      transformed++;
    } else skipped++;
    const done = i - args.offset + 1;
    if (done % 10 === 0 || i === end - 1) {
      await reportProgress(extra, done, end - args.offset, `batch ${batch}: ${done}/${end - args.offset} records`);
      // The work of the next ten records; it also keeps the last notification apart from the response (see
      // settleProgress).
      if (args.record_delay_ms > 0) await waitOrAbort(args.record_delay_ms * 10, extra.signal).catch(() => undefined);
      else await settleProgress();
      if (extra.signal.aborted) return toolError('CANCELLED', `cancelled after ${done} record(s)`);
    }
  }
  return ok({
    offset: args.offset,
    size: args.size,
    transformed,
    skipped,
    next_offset: end,
    done: end >= state.records.length,
    ...countRecords(state.records),
  });
}

function migrate(r: StoreRecord): MigratedRecord {
  if (r.version === 2) return r;
  const [first = '', ...rest] = r.full_name.split(' ');
  const [month = '01', day = '01', year = '1970'] = r.signup.split('/');
  return { id: r.id, version: 2, first_name: first, last_name: rest.join(' '), email: r.email, signup_date: `${year}-${month}-${day}` };
}
