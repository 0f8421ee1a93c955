// workflow_execute (the state machine), workflow_log (the audit trail) and workflow_progress (progress a
// caller reports to the user), as the seed describes them.
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { reportProgress, settleProgress } from '../progress';
import { ok, toolError } from '../results';
import { newId, type ExampleState } from '../state';
import { machines } from './machines';

/** Registers workflow_execute, workflow_log and workflow_progress. */
export function registerWorkflowTools(server: McpServer, state: ExampleState): void {
  server.registerTool(
    'workflow_execute',
    {
      title: 'Execute workflow',
      description:
        'Execute a defined workflow step by step. Omit state to start; then pass back the returned state with the input that next_actions asks for, until completed is true.',
      inputSchema: {
        workflow: z.enum(['customer_onboarding', 'order_fulfillment', 'issue_escalation']).describe('Which state machine to drive'),
        state: z.string().optional().describe('Current workflow state (omit to start)'),
        input: z.record(z.string(), z.unknown()).optional().describe('Input for current state'),
      },
      outputSchema: {
        state: z.string(),
        completed: z.boolean(),
        next_actions: z.array(z.string()),
        result: z.record(z.string(), z.unknown()),
      },
      annotations: { readOnlyHint: false, idempotentHint: true, openWorldHint: false },
    },
    ({ workflow, state: current, input }) => {
      const machine = machines[workflow];
      if (current === undefined) {
        const first = machine.states[machine.start];
        return ok({ state: machine.start, completed: false, next_actions: first?.next_actions ?? [], result: {} });
      }
      if (current === 'completed') return ok({ state: 'completed', completed: true, next_actions: [], result: {} });
      const here = machine.states[current];
      if (!here) {
        return toolError('INVALID_INPUT', `workflow ${workflow} has no state "${current}"; states: ${Object.keys(machine.states).join(', ')}, completed`);
      }
      const step = here.step(input ?? {});
      if ('error' in step) return toolError('INVALID_INPUT', step.error, { state: current, next_actions: here.next_actions });
      const next = machine.states[step.next];
      return ok({ state: step.next, completed: step.next === 'completed', next_actions: next?.next_actions ?? [], result: step.result });
    },
  );

  server.registerTool(
    'workflow_log',
    {
      title: 'Log workflow action',
      description: 'Log workflow action for audit trail.',
      inputSchema: {
        workflow_id: z.string().describe('The workflow run the entry belongs to'),
        action: z.string().describe('What was done, e.g. approved or record_migrated'),
        actor: z.string().describe('Who did it: a user name, or the AI client'),
        details: z.record(z.string(), z.unknown()).optional().describe('Anything else worth keeping with the entry'),
        timestamp: z.string().optional().describe('ISO 8601 date-time (default: now)'),
      },
      outputSchema: { log_id: z.string(), recorded_at: z.string(), entry_count: z.number().int().describe('Entries logged for this workflow_id') },
      annotations: { readOnlyHint: false, destructiveHint: false, openWorldHint: false },
    },
    ({ workflow_id, action, actor, details, timestamp }) => {
      if (timestamp !== undefined && Number.isNaN(Date.parse(timestamp))) {
        return toolError('INVALID_INPUT', `timestamp "${timestamp}" is not an ISO 8601 date-time`);
      }
      const entry = { log_id: newId(state, 'log'), workflow_id, action, actor, details: details ?? {}, timestamp: timestamp ?? new Date().toISOString() };
      state.log.push(entry);
      const entry_count = state.log.filter((e) => e.workflow_id === workflow_id).length;
      return ok({ log_id: entry.log_id, recorded_at: entry.timestamp, entry_count });
    },
  );

  server.registerTool(
    'workflow_progress',
    {
      title: 'Report workflow progress',
      description: 'Report workflow progress to user. Also sent as a progress notification when the call carries a progressToken.',
      inputSchema: {
        workflow: z.string().describe('The workflow being reported on'),
        step: z.string().describe('The step it is at'),
        progress_percent: z.number().int().min(0).max(100).describe('How far along, 0-100'),
        message: z.string().optional().describe('Shown to the user (default: workflow: step)'),
      },
      outputSchema: { acknowledged: z.boolean(), workflow: z.string(), step: z.string(), progress_percent: z.number().int() },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async ({ workflow, step, progress_percent, message }, extra) => {
      await reportProgress(extra, progress_percent, 100, message ?? `${workflow}: ${step}`);
      await settleProgress();
      return ok({ acknowledged: true, workflow, step, progress_percent });
    },
  );
}
