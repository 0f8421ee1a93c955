// Tools that fail or take time on purpose, so a runner's retry, timeout, progress and cancellation paths
// can be tested against a real server: external_api_call (simulated RATE_LIMITED / TIMEOUT /
// PERMISSION_DENIED), slow_task (progress, honours cancellation) and task_status (where a slow_task got to).
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { reportProgress, settleProgress, waitOrAbort, type ToolExtra } from '../progress';
import { ok, toolError } from '../results';
import { newId, type ExampleState, type TaskRecord } from '../state';

/** Registers external_api_call, slow_task and task_status. */
export function registerExternalTools(server: McpServer, state: ExampleState): void {
  const finished = new Map<string, Promise<void>>();

  server.registerTool(
    'external_api_call',
    {
      title: 'Call external API',
      description:
        'Call external API. If rate limited (error code RATE_LIMITED), wait retry_after_seconds and retry. If timeout (error code TIMEOUT), retry up to 3 times with exponential backoff. If permission denied (error code PERMISSION_DENIED), do not retry.',
      inputSchema: {
        endpoint: z.string().describe('API path, e.g. /crm/accounts'),
        payload: z.record(z.string(), z.unknown()).optional().describe('JSON body sent to the endpoint (default: none)'),
        request_key: z.string().optional().describe('Identifies one logical request across retries (default: the endpoint)'),
        simulate: z
          .object({
            error: z.enum(['RATE_LIMITED', 'TIMEOUT', 'PERMISSION_DENIED']),
            times: z.number().int().min(1).max(100).default(1).describe('Fail this many calls in a row, then succeed'),
            retry_after_seconds: z.number().min(0).max(60).default(1).describe('For RATE_LIMITED'),
          })
          .optional()
          .describe('Testing aid: fail the first `times` calls for this request_key with `error`'),
      },
      outputSchema: {
        endpoint: z.string(),
        request_key: z.string(),
        status: z.number().int(),
        attempt: z.number().int().describe('Calls made for this request_key, this one included'),
        data: z.record(z.string(), z.unknown()),
      },
      annotations: { readOnlyHint: false, idempotentHint: true, openWorldHint: true },
    },
    ({ endpoint, payload, request_key, simulate }) => {
      const key = request_key ?? endpoint;
      const attempt = (state.apiAttempts.get(key) ?? 0) + 1;
      state.apiAttempts.set(key, attempt);
      if (simulate && attempt <= simulate.times) {
        const details = { request_key: key, attempt };
        if (simulate.error === 'RATE_LIMITED') {
          const after = simulate.retry_after_seconds;
          return toolError('RATE_LIMITED', `rate limit exceeded for ${endpoint}; retry after ${after} s`, { ...details, retry_after_seconds: after });
        }
        if (simulate.error === 'TIMEOUT') return toolError('TIMEOUT', `${endpoint} did not answer in time; retry with backoff`, details);
        return toolError('PERMISSION_DENIED', `not allowed to call ${endpoint}; do not retry`, details);
      }
      // A success ends the logical request: the next call with this key starts counting from one again.
      state.apiAttempts.delete(key);
      return ok({ endpoint, request_key: key, status: 200, attempt, data: { ok: true, echo: payload ?? {} } });
    },
  );

  server.registerTool(
    'slow_task',
    {
      title: 'Slow task',
      description: 'Work for duration_ms, sending a progress notification after each step. Stops when the request is cancelled.',
      inputSchema: {
        duration_ms: z.number().int().min(0).max(600_000).describe('Total running time'),
        steps: z.number().int().min(1).max(1000).default(10).describe('Progress notifications to send over the run (default 10)'),
        task_id: z.string().optional().describe('Name for task_status (default: generated)'),
      },
      outputSchema: { task_id: z.string().describe('Pass to task_status to see where the run got to'), status: z.literal('completed'), steps_done: z.number().int(), duration_ms: z.number().int() },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async ({ duration_ms, steps, task_id }, extra) => {
      const task: TaskRecord = { task_id: task_id ?? newId(state, 'task'), status: 'running', steps_done: 0, steps_total: steps };
      state.tasks.set(task.task_id, task);
      let markFinished = (): void => undefined;
      finished.set(task.task_id, new Promise((resolve) => (markFinished = resolve)));
      try {
        return await runSlowTask(server, task, duration_ms, extra);
      } finally {
        markFinished();
      }
    },
  );

  server.registerTool(
    'task_status',
    {
      title: 'Task status',
      description: 'Where a slow_task run got to. With wait_ms, answers as soon as the task stops running (or when wait_ms passes).',
      inputSchema: {
        task_id: z.string().describe('task_id given to or returned by slow_task'),
        wait_ms: z.number().int().min(0).max(60_000).default(0).describe('Wait up to this long for the task to stop running (default 0: answer at once)'),
      },
      outputSchema: {
        task_id: z.string(),
        status: z.enum(['running', 'completed', 'cancelled']),
        steps_done: z.number().int(),
        steps_total: z.number().int(),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async ({ task_id, wait_ms }, extra) => {
      const task = state.tasks.get(task_id);
      if (!task) return toolError('NOT_FOUND', `no task "${task_id}"`);
      const done = finished.get(task_id);
      if (task.status === 'running' && done && wait_ms > 0) {
        await Promise.race([done, waitOrAbort(wait_ms, extra.signal).catch(() => undefined)]);
      }
      return ok({ ...task });
    },
  );
}

async function runSlowTask(server: McpServer, task: TaskRecord, durationMs: number, extra: ToolExtra) {
  const stepMs = durationMs / task.steps_total;
  try {
    for (let i = 1; i <= task.steps_total; i++) {
      await waitOrAbort(stepMs, extra.signal);
      task.steps_done = i;
      await reportProgress(extra, i, task.steps_total, `step ${i}/${task.steps_total}`);
    }
  } catch {
    task.status = 'cancelled';
    const message = `slow_task ${task.task_id} cancelled after ${task.steps_done}/${task.steps_total} steps`;
    process.stderr.write(`example-server: ${message}\n`);
    await server.sendLoggingMessage({ level: 'info', logger: 'slow_task', data: message }).catch(() => undefined);
    return toolError('CANCELLED', message);
  }
  task.status = 'completed';
  await settleProgress();
  return ok({ task_id: task.task_id, status: 'completed', steps_done: task.steps_done, duration_ms: durationMs });
}
