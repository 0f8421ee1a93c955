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
  const annotationsOf = (t: ToolDef) => (t.annotations === null ? {} : (schema(t.annotations?.value) as ToolInfo['annotations']));
  // A workflow file names tools, not a server: where the workspace declares one name more than once with annotations
  // that differ (two projects, one annotated), which of them a run meets is unknown, so they are not judged.
  const seen = new Map<string, string>();
  const ambiguous = new Set<string>();
  for (const t of tools) {
    const key = JSON.stringify(annotationsOf(t) ?? null);
    if (seen.has(t.name) && seen.get(t.name) !== key) ambiguous.add(t.name);
    seen.set(t.name, key);
  }
  return tools.map((t) => {
    const inputSchema = schema(t.inputSchema?.value);
    const outputSchema = schema(t.outputSchema?.value);
    // Annotations as written (an object), none (null), or not read (undefined: not judged).
    const annotations = ambiguous.has(t.name) ? undefined : annotationsOf(t);
    const known = annotations ? { annotations } : {};
    return { name: t.name, ...(inputSchema ? { inputSchema } : {}), ...(outputSchema ? { outputSchema } : {}), ...known };
  });
}
