// Messages between the extension and the language server beyond LSP itself, typed in one place.
// Each namespace names its method and says which way it goes.
import type { Range } from '../core/diagnostic';
import type { ListReport } from '../core/report/list';

/** Extension -> server: the prompts and tools of the workspace, as `mcp-workflow list --json` gives them. */
export namespace ListWorkspaceRequest {
  export const method = 'mcpWorkflow/listWorkspace';
  export type Result = ListReport;
}

/** Server -> extension: indexing progress, shown in the status bar. */
export namespace IndexStatusNotification {
  export const method = 'mcpWorkflow/indexStatus';
  export interface Params {
    files: number;
    prompts: number;
    tools: number;
    problems: number;
  }
}

/**
 * Extension -> server: where a source file declares tools and prompts, for the "Call tool" / "Get prompt"
 * code lenses. The server gives positions; the extension attaches the commands.
 */
export namespace DeclarationsRequest {
  export const method = 'mcpWorkflow/declarations';
  export interface Params {
    uri: string;
  }
  export interface Declaration {
    kind: 'tool' | 'prompt';
    name: string;
    /** The whole declaration (the lens goes above its first line). */
    range: Range;
  }
  export type Result = Declaration[];
}

/** Extension -> server, as the LSP `initializationOptions` and then as `workspace/didChangeConfiguration`'s
 * `settings.mcpWorkflow`: the `mcpWorkflow.*` settings the checks depend on. Validated by `readServerSettings`. */
export interface ServerSettings {
  /** `mcpWorkflow.includeTests`: also check test code (left out by default). */
  includeTests?: boolean;
  /** `mcpWorkflow.protocolRevision`: the MCP revision the servers target, e.g. `2026-07-28` (default: from their SDK). */
  protocolRevision?: string;
}

/** The settings in an `initializationOptions` (or didChangeConfiguration) value, dropping anything malformed. */
export function readServerSettings(value: unknown): ServerSettings {
  const v = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  const revision = v['protocolRevision'];
  return {
    ...(v['includeTests'] === true ? { includeTests: true } : {}),
    ...(typeof revision === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(revision) ? { protocolRevision: revision } : {}),
  };
}
