// What a finished request gave back, in the form the call panel renders: the host reads the result (the
// tool's error code, the outputSchema check with the runner's validator) and the webview only draws it.
import type { CallToolResult, GetPromptResult, ReadResourceResult } from '@modelcontextprotocol/sdk/types.js';
import type { ValidateFunction } from 'ajv';
import { McpConnectionError } from '../../core/mcp/client';
import { problemsOf } from '../../core/json/validate-arguments';
import { readToolError } from '../../core/workflow/outcome';
import type { CallOutcome } from '../../shared/panel-protocol';

/**
 * A tool result with its error code (isError) or its outputSchema check (success), made with the connection's
 * validator of that schema as the runner's is (none when the tool declares no schema, or ajv cannot compile it).
 */
export function toolOutcome(result: CallToolResult, validate: ValidateFunction | undefined): CallOutcome {
  const isError = result.isError === true;
  let outputCheck: Extract<CallOutcome, { kind: 'tool' }>['outputCheck'] = { status: 'none', problems: [] };
  if (validate && !isError) {
    const problems =
      result.structuredContent === undefined
        ? [{ pointer: '', message: 'the tool declares an outputSchema but returned no structuredContent' }]
        : validate(result.structuredContent)
          ? []
          : problemsOf(validate.errors ?? []);
    outputCheck = { status: problems.length ? 'fail' : 'pass', problems };
  }
  return {
    kind: 'tool',
    content: result.content as unknown[],
    ...(result.structuredContent !== undefined ? { structuredContent: result.structuredContent } : {}),
    isError,
    ...(isError ? { errorCode: readToolError(result).code } : {}),
    outputCheck,
  };
}

export function promptOutcome(result: GetPromptResult): CallOutcome {
  return {
    kind: 'prompt',
    ...(result.description !== undefined ? { description: result.description } : {}),
    messages: result.messages.map((m) => ({ role: m.role, content: m.content as unknown })),
  };
}

export function resourceOutcome(result: ReadResourceResult): CallOutcome {
  return { kind: 'resource', contents: result.contents as unknown[] };
}

/** A request that did not complete, with the client's code (CANCELLED, TIMEOUT, SERVER_EXITED, …). */
export function failureOutcome(error: unknown): CallOutcome {
  if (error instanceof McpConnectionError) return { kind: 'failure', message: error.message, code: error.code };
  return { kind: 'failure', message: error instanceof Error ? error.message : String(error), code: 'ERROR' };
}
