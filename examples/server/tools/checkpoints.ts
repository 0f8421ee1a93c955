// workflow_checkpoint / workflow_rollback: named snapshots of the migration store (plus any state object
// the caller wants back), so a workflow can return to a known point after a failed step.
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { ok, toolError } from '../results';
import { copyRecords, countRecords, type ExampleState } from '../state';

/** Registers workflow_checkpoint and workflow_rollback. */
export function registerCheckpointTools(server: McpServer, state: ExampleState): void {
  server.registerTool(
    'workflow_checkpoint',
    {
      title: 'Save checkpoint',
      description: 'Save workflow state (and the current records) for potential rollback with workflow_rollback.',
      inputSchema: {
        workflow_id: z.string().describe('The workflow run the checkpoint belongs to (any stable name, e.g. migration-2026-01)'),
        checkpoint_name: z.string().describe('A name to roll back to later with workflow_rollback'),
        state: z.record(z.string(), z.unknown()).optional().describe('Anything the workflow wants back on rollback'),
      },
      outputSchema: { workflow_id: z.string(), checkpoint_name: z.string(), saved_at: z.string(), record_count: z.number().int(), migrated_count: z.number().int() },
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    ({ workflow_id, checkpoint_name, state: saved }) => {
      const saved_at = new Date().toISOString();
      state.checkpoints.set(`${workflow_id}/${checkpoint_name}`, { records: copyRecords(state.records), created_at: saved_at, state: saved ?? {} });
      const { record_count, migrated_count } = countRecords(state.records);
      return ok({ workflow_id, checkpoint_name, saved_at, record_count, migrated_count });
    },
  );

  server.registerTool(
    'workflow_rollback',
    {
      title: 'Roll back to checkpoint',
      description: 'Rollback workflow to a checkpoint saved by workflow_checkpoint: the records return to that point and the saved state is returned. Overwrites every record changed since the checkpoint: outside a failed step, ask the user first.',
      inputSchema: {
        workflow_id: z.string().describe('The workflow_id given to workflow_checkpoint'),
        checkpoint_name: z.string().describe('The checkpoint_name given to workflow_checkpoint'),
      },
      outputSchema: {
        workflow_id: z.string(),
        checkpoint_name: z.string(),
        restored: z.boolean(),
        saved_at: z.string(),
        state: z.record(z.string(), z.unknown()),
        record_count: z.number().int(),
        migrated_count: z.number().int(),
      },
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
    },
    ({ workflow_id, checkpoint_name }) => {
      const checkpoint = state.checkpoints.get(`${workflow_id}/${checkpoint_name}`);
      if (!checkpoint) return toolError('NOT_FOUND', `no checkpoint "${checkpoint_name}" for workflow "${workflow_id}"; save one with workflow_checkpoint`);
      state.records = copyRecords(checkpoint.records);
      const { record_count, migrated_count } = countRecords(state.records);
      return ok({ workflow_id, checkpoint_name, restored: true, saved_at: checkpoint.created_at, state: checkpoint.state, record_count, migrated_count });
    },
  );
}
