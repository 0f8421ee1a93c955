// `mcp-workflow draft --prompt NAME [--server S] [--out FILE] [paths…]`: writes the workflow file a guided
// prompt describes (core/workflow/draft.ts), the same draft the editor's "Draft workflow file" writes.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { PromptDef } from '../../core/model';
import { placeDraft } from '../../core/workflow/draft-target';
import { parseCommand, type CliCommand } from '../command';
import { loadWorkspace } from '../workspace';

const HELP = `Usage: mcp-workflow draft --prompt NAME [--in FILE] [--server S] [--out FILE|-] [--include-tests] [paths…]

Drafts a *.workflow.json from a guided prompt of the Rust and TypeScript sources under the paths (default: .):
its tools in the order the text names them, the section it says may run in parallel as a parallel group, IDs
bound from earlier steps' outputs, its arguments as inputs, approval, checkpoint, rollback and retry where the
text asks for them. What a person must decide is a "TODO: …" value, listed here and reported by check and run.
--in FILE: the source file declaring the prompt, when several declare one of that name. --server: the key of
.vscode/mcp.json "servers" (default: from the nearest mcp.json above the prompt's source). --out: the file to
write (default: NAME.workflow.json beside that mcp.json's folder, else beside the source, never over an existing
file); "-" prints it. Exit code: 0 written, 2 bad usage (no such prompt, --out exists).`;

export const runDraft: CliCommand = async (argv) => {
  const parsed = parseCommand('draft', HELP, argv, { prompt: { type: 'string' }, in: { type: 'string' }, server: { type: 'string' }, out: { type: 'string' }, 'include-tests': { type: 'boolean' } });
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  const fail = (message: string): number => (process.stderr.write(`mcp-workflow draft: ${message}\n`), 2);
  if (!values.prompt) return fail(`--prompt NAME is required\n\n${HELP}`);
  const loaded = await loadWorkspace(parsed.positionals, { includeTests: values['include-tests'] === true });
  if ('error' in loaded) return fail(loaded.error);
  const prompt = choosePrompt(loaded.index.models().flatMap((m) => m.prompts), values.prompt, values.in, loaded.relative);
  if (typeof prompt === 'string') return fail(prompt);
  const out = values.out && values.out !== '-' ? resolve(values.out) : undefined;
  if (out && existsSync(out)) return fail(`--out ${values.out}: the file exists; choose another name (a draft never overwrites)`);
  const placed = placeDraft(prompt, loaded.index.models().flatMap((m) => m.tools), { exists: existsSync, readText }, {
    kitSchema: join(__dirname, '..', 'schemas', 'workflow.schema.json'),
    ...(values.server ? { server: values.server } : {}),
    ...(out ? { out } : {}),
  });
  if (values.out === '-') process.stdout.write(placed.draft.text);
  else {
    writeFileSync(placed.file, placed.draft.text, { flag: 'wx' });
    process.stdout.write(`wrote ${loaded.relative(placed.file)}: ${placed.draft.workflow.steps.length} steps, ${placed.draft.todos.length} to decide\n`);
  }
  for (const todo of placed.draft.todos) process.stderr.write(`todo ${todo.pointer}: ${todo.why}\n`);
  return 0;
};

/** The one prompt of that name (in `file` when given), or why there is none. */
function choosePrompt(prompts: PromptDef[], name: string, file: string | undefined, rel: (f: string) => string): PromptDef | string {
  const named = prompts.filter((p) => p.name === name && (!file || relative(resolve(file), p.file) === ''));
  if (named.length === 1) return named[0]!;
  if (named.length > 1) return `${named.length} files declare a prompt "${name}": ${named.map((p) => rel(p.file)).join(', ')}; name one with --in FILE`;
  const known = [...new Set(prompts.map((p) => p.name))].sort();
  return `no prompt "${name}"${file ? ` in ${file}` : ''}; prompts found: ${known.join(', ') || 'none'}`;
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
