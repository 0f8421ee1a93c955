// A state machine driven by hand in the call panel, written as a workflow file: one `stateMachine` step
// whose `inputs` are what the person sent in each state, so the runner replays the session unattended
// (`mcp-workflow run FILE --yes`) and a changed server shows up as a failed run.
import { escapeReferences } from './step-from-call';
import type { StateMachineStep, Workflow } from './types';

/** One state the session went through, with the input sent from it (none for the state it ended in). */
export interface MachineVisit {
  state: string;
  input?: Record<string, unknown>;
}

/** What the panel knows of a session begun with Start (a call without `state`). */
export interface MachineSession {
  /** The server's key in .vscode/mcp.json. */
  server: string;
  tool: string;
  /** The arguments sent with every call besides `state` and `input` (e.g. the workflow's name). */
  baseArgs: Record<string, unknown>;
  visits: MachineVisit[];
  completed: boolean;
}

/** The workflow, and what a person should know about it before running it. */
export interface MachineWorkflow {
  workflow: Workflow;
  warnings: string[];
}

const DEFAULT_MAX_TRANSITIONS = 50;

/** Builds the workflow that replays `session`; `id` defaults to one made from the tool and its arguments. */
export function workflowFromMachineSession(session: MachineSession, id = machineWorkflowId(session.tool, session.baseArgs)): MachineWorkflow {
  const { inputs, warnings } = inputsByState(session.visits);
  const last = session.visits.at(-1);
  if (!session.completed) {
    warnings.push(`the session stopped in state "${last?.state ?? '(start)'}" before completed: a run asks for that state's input there (and fails with --yes)`);
  }
  const base = { ...session.baseArgs };
  delete base['state'];
  delete base['input'];
  const transitions = session.visits.length;
  const step: StateMachineStep = {
    id: 'drive',
    title: `Drive ${session.tool}`,
    stateMachine: {
      tool: session.tool,
      arguments: escapeReferences(base) as Record<string, unknown>,
      inputs,
      ...(transitions >= DEFAULT_MAX_TRANSITIONS ? { maxTransitions: transitions + 10 } : {}),
    },
  };
  const path = session.visits.map((v) => v.state).join(' → ');
  const workflow: Workflow = {
    id,
    title: `${session.tool} ${describeArgs(base)}`.trim(),
    description: `Saved from a session driven in the call panel: ${path}.`,
    server: session.server,
    steps: [step],
  };
  return { workflow, warnings };
}

/** The file's text: the workflow as JSON, two-space indented, ending with a newline. */
export function formatWorkflowFile(workflow: Workflow): string {
  return `${JSON.stringify(workflow, null, 2)}\n`;
}

/** A file path as a workflow file's: the Workflows view and the schema see only `*.workflow.json`. */
export function withWorkflowSuffix(path: string): string {
  return path.endsWith('.workflow.json') ? path : `${path.replace(/\.json$/, '')}.workflow.json`;
}

/** A workflow id (and file name stem) for a tool and its base arguments: `workflow_execute-customer_onboarding`. */
export function machineWorkflowId(tool: string, baseArgs: Record<string, unknown>): string {
  const words = [tool, ...Object.entries(baseArgs).filter(([k, v]) => k !== 'state' && k !== 'input' && typeof v === 'string').map(([, v]) => v as string)];
  const id = words.join('-').replace(/[^A-Za-z0-9_.-]+/g, '_').slice(0, 100);
  return id || 'state-machine';
}

/** The input of every state, the last one when a state was given several (the runner sends one per state). */
function inputsByState(visits: MachineVisit[]): { inputs: Record<string, Record<string, unknown>>; warnings: string[] } {
  // A Map, then fromEntries: a state a server names "__proto__" becomes a key, not the object's prototype.
  const inputs = new Map<string, Record<string, unknown>>();
  const warnings: string[] = [];
  for (const visit of visits) {
    if (!visit.input) continue;
    const earlier = inputs.get(visit.state);
    if (earlier && JSON.stringify(earlier) !== JSON.stringify(escapeReferences(visit.input))) {
      warnings.push(`state "${visit.state}" was given different inputs; the file keeps the last, since a run sends one input per state`);
    }
    inputs.set(visit.state, escapeReferences(visit.input) as Record<string, unknown>);
  }
  return { inputs: Object.fromEntries(inputs), warnings };
}

function describeArgs(base: Record<string, unknown>): string {
  const shown = Object.entries(base).filter(([, v]) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean');
  return shown.length ? `(${shown.map(([k, v]) => `${k}: ${String(v)}`).join(', ')})` : '';
}
