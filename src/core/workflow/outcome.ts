// Reading a tool result the way the workflow needs it: the structured value later steps reference, the
// error code a retry policy keys on, and how long to wait before the next attempt.
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { ValidateFunction } from 'ajv';
import type { RetryRule } from './types';

/** A tool's own failure (isError: true) or a failure reaching it, with a code when one can be read. */
export interface StepError {
  code: string;
  message: string;
  retryAfterSeconds?: number;
}

/** The value `${steps.ID.result}` sees: structuredContent, else JSON text, else `{ text }`. */
export function resultValue(result: CallToolResult): unknown {
  if (result.structuredContent !== undefined) return result.structuredContent;
  const text = textOf(result);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return { text };
  }
}

/** Where a successful result breaks the tool's outputSchema (as MCP Inspector checks a single call); empty when it
 * matches. The runner fails the step on these; `mcp-workflow call` prints them. */
export function outputProblems(validate: ValidateFunction, result: CallToolResult): string[] {
  if (result.structuredContent === undefined) return ['the tool declares an outputSchema but returned no structuredContent'];
  if (validate(result.structuredContent)) return [];
  return (validate.errors ?? []).map((e) => `structuredContent${e.instancePath.replace(/\//g, '.')} ${e.message ?? 'is invalid'}`);
}

/**
 * Reads the code of a tool error: a JSON text block with `error_code` (and `retry_after_seconds`), else a
 * text starting `CODE:` (the convention of the example tools' CONTRACT), else TOOL_ERROR.
 */
export function readToolError(result: CallToolResult): StepError {
  const texts = result.content.flatMap((c) => (c.type === 'text' ? [c.text] : []));
  let code: string | undefined;
  let retryAfterSeconds: number | undefined;
  const structured = result.structuredContent as { error?: { code?: unknown; retry_after_seconds?: unknown } } | undefined;
  const details: Record<string, unknown>[] = structured?.error ? [{ error_code: structured.error.code, ...structured.error }] : [];
  for (const text of texts) {
    if (!text.trimStart().startsWith('{')) continue;
    try {
      details.push(JSON.parse(text) as Record<string, unknown>);
    } catch {
      // Not JSON after all; the CODE: prefix below still applies.
    }
  }
  for (const d of details) {
    if (typeof d['error_code'] === 'string') code ??= d['error_code'];
    if (typeof d['retry_after_seconds'] === 'number') retryAfterSeconds ??= d['retry_after_seconds'];
  }
  const first = texts[0] ?? '';
  code ??= /^([A-Z][A-Z0-9_]*):/.exec(first)?.[1];
  const message = first || 'the tool reported an error without a message';
  return { code: code ?? 'TOOL_ERROR', message, ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}) };
}

/** The delay before attempt `attempt + 1`, or undefined when the rule says stop. `attempt` counts from 1. */
export function retryDelayMs(rule: RetryRule | undefined, attempt: number, error: StepError): number | undefined {
  if (!rule || rule.strategy === 'never') return undefined;
  if (attempt >= (rule.maxAttempts ?? 3)) return undefined;
  if (rule.strategy === 'retry_after') return Math.round((error.retryAfterSeconds ?? rule.defaultSeconds ?? 1) * 1000);
  return (rule.baseDelayMs ?? 1000) * 2 ** (attempt - 1);
}

function textOf(result: CallToolResult): string {
  return result.content.flatMap((c) => (c.type === 'text' ? [c.text] : [])).join('\n');
}
