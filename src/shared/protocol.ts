// Messages between the extension and the language server beyond LSP itself, typed in one place.
// Each namespace names its method and says which way it goes.
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
