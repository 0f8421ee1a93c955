// Workflow files checked against the tools declared in the workspace's sources (language server and
// `mcp-workflow check`), instead of a live server's tools/list.
import type { ToolDef } from '../model';
import type { ToolInfo } from './check';

/** Whether a path names a workflow file. */
export function isWorkflowFile(file: string): boolean {
  return file.endsWith('.workflow.json');
}

/** The tools as the workflow checks read them: name and the JSON Schemas' values. */
export function toToolInfos(tools: readonly ToolDef[]): ToolInfo[] {
  const schema = (value: unknown): object | undefined => (value !== null && typeof value === 'object' && !Array.isArray(value) ? value : undefined);
  return tools.map((t) => {
    const inputSchema = schema(t.inputSchema?.value);
    const outputSchema = schema(t.outputSchema?.value);
    // Annotations as written (an object), none (null), or not read (undefined: not judged).
    const annotations = schema(t.annotations?.value) as ToolInfo['annotations'];
    const known = t.annotations === null ? { annotations: {} } : annotations ? { annotations } : {};
    return { name: t.name, ...(inputSchema ? { inputSchema } : {}), ...(outputSchema ? { outputSchema } : {}), ...known };
  });
}
