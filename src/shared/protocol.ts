// Messages between the extension and the language server beyond LSP itself, typed in one place.
// Each namespace names its method and says which way it goes.
import type { Range } from '../core/diagnostic';
import type { ListReport } from '../core/report/list';
import type { Settings } from '../core/settings';

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
    /** On the first status after the workspace was read: how long reading and checking it took, in ms. */
    indexedInMs?: number;
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
    /** The whole declaration, from its first attribute or doc comment (the lens goes above its first line). */
    range: Range;
  }
  export type Result = Declaration[];
}

/**
 * Extension -> server, as the LSP `initializationOptions`: the `mcpWorkflow` section (see core/settings.ts), with
 * `files.exclude`'s globs set to true as `filesExclude`. When the client answers `workspace/configuration`, the
 * server pulls both sections per workspace folder instead, and again on every `workspace/didChangeConfiguration`;
 * otherwise later changes come as that notification's `settings.mcpWorkflow` (and `settings.files.exclude`).
 */
export interface ServerSettings extends Settings {
  /** `files.exclude`'s globs whose value is true: never read, as VS Code hides them. */
  filesExclude?: string[];
}
