// How a state-machine tool (the seed's Pattern 3: `state` in; `state`, `completed`, `next_actions` out) is
// recognised and read, for the call panel that drives one by hand. Plain data in, plain data out: the
// webview imports this as the runner's own reading of an answer is in state-machine.ts.

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);

/** One answer of a state-machine tool, read from its structured result. */
export interface MachineAnswer {
  state: string;
  completed: boolean;
  nextActions: string[];
  result: unknown;
  /** A JSON Schema for the next state's `input`, when the tool sends one (`input_schema` or `inputSchema`). */
  inputSchema?: Rec;
}

/** The answer in a tool's structured result, or undefined when the value is not one (no string `state`, etc.). */
export function readMachineAnswer(value: unknown): MachineAnswer | undefined {
  if (!isRec(value) || typeof value.state !== 'string' || typeof value.completed !== 'boolean' || !Array.isArray(value.next_actions)) return undefined;
  const schema = isRec(value.input_schema) ? value.input_schema : isRec(value.inputSchema) ? value.inputSchema : undefined;
  return {
    state: value.state,
    completed: value.completed,
    nextActions: value.next_actions.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))),
    result: value.result,
    ...(schema ? { inputSchema: schema } : {}),
  };
}

/** True when a tool's outputSchema declares the three properties of a state machine's answer. */
export function hasMachineOutput(outputSchema: unknown): boolean {
  const props = isRec(outputSchema) && isRec(outputSchema.properties) ? outputSchema.properties : undefined;
  return props !== undefined && ['state', 'completed', 'next_actions'].every((k) => k in props);
}

/** One key a next_actions text asks for, with the choices it lists (`plan: "starter" | "growth"`). */
export interface InputHint {
  key: string;
  options?: string[];
}

const KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The input keys a next_actions text names between braces, as tools written after the seed do
 * ("Provide input {name, email, segment}", "{severity: "low" | "high"}"); several brace groups add up.
 */
export function inputHints(text: string): InputHint[] {
  const hints: InputHint[] = [];
  for (const group of text.matchAll(/\{([^{}]*)\}/g)) {
    for (const part of splitOutsideQuotes(group[1] ?? '')) {
      const hint = readHint(part);
      if (hint && !hints.some((h) => h.key === hint.key)) hints.push(hint);
    }
  }
  return hints;
}

function splitOutsideQuotes(text: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let current = '';
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    if (ch === ',' && !quoted) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

function readHint(part: string): InputHint | undefined {
  const colon = part.indexOf(':');
  const key = (colon < 0 ? part : part.slice(0, colon)).trim();
  if (!KEY.test(key)) return undefined;
  const options = colon < 0 ? [] : [...part.slice(colon + 1).matchAll(/"([^"]*)"/g)].map((m) => m[1] ?? '');
  return options.length > 0 ? { key, options } : { key };
}
