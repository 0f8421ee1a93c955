// How every example tool answers: a success carries structuredContent (valid for the tool's outputSchema)
// plus the same JSON as text for clients that ignore structured output; a failure is a tool result with
// isError: true, never a protocol error, so an AI (or the workflow runner) can read the code and react.
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

/** The error codes the example tools answer with; README.md says what a caller should do with each. */
export type ErrorCode =
  | 'NOT_FOUND'
  | 'INVALID_INPUT'
  | 'RATE_LIMITED'
  | 'TIMEOUT'
  | 'PERMISSION_DENIED'
  | 'BATCH_FAILED'
  | 'VALIDATION_FAILED'
  | 'CANCELLED'
  | 'EXPIRED';

/** The machine-readable part of a tool error (the second text block of the result, as JSON). */
export interface ToolErrorDetails {
  error_code: ErrorCode;
  message: string;
  retryable: boolean;
  retry_after_seconds?: number;
  [key: string]: unknown;
}

/** A successful result whose structuredContent is `value`. */
export function ok(value: Record<string, unknown>): CallToolResult {
  return { content: [{ type: 'text', text: JSON.stringify(value) }], structuredContent: value };
}

/**
 * A tool error. The first text block reads `CODE: message` (the CONTRACT's `NOT_FOUND:` convention); the
 * second is the JSON of ToolErrorDetails. There is no structuredContent: the SDK client validates
 * structuredContent against the tool's outputSchema even on errors, and an error is not a valid output.
 */
export function toolError(
  code: ErrorCode,
  message: string,
  extra: Omit<Partial<ToolErrorDetails>, 'error_code' | 'message'> = {},
): CallToolResult {
  const details: ToolErrorDetails = {
    error_code: code,
    message,
    retryable: code === 'RATE_LIMITED' || code === 'TIMEOUT',
    ...extra,
  };
  return {
    isError: true,
    content: [
      { type: 'text', text: `${code}: ${message}` },
      { type: 'text', text: JSON.stringify(details) },
    ],
  };
}
