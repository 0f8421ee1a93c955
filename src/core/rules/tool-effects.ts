// What a tool does to the world, as its annotations say it and as its name and description word it: shared by the
// annotations/* rules. The words are read narrowly (a name's own words, a description's first verb), so prose that
// mentions deleting ("lists files, not deleted ones") is not read as a tool that deletes.
import type { ToolDef } from '../model';

/** Verbs of a tool that destroys, overwrites or acts outside the server in a way that cannot be taken back. */
const DESTRUCTIVE = ['delete', 'remove', 'drop', 'destroy', 'purge', 'wipe', 'erase', 'truncate', 'overwrite', 'send', 'pay', 'charge', 'transfer', 'refund', 'revoke', 'terminate', 'kill'];
/** Verbs of a tool that changes state (destructive or not). */
// Words that are as often nouns or read-only acts in tool names (`get_post`, `run_query`, a calculator's `add`) are
// left out.
const WRITES = [...DESTRUCTIVE, 'create', 'insert', 'update', 'edit', 'modify', 'write', 'save', 'patch', 'upload', 'move', 'rename', 'replace', 'publish', 'submit', 'cancel', 'restore', 'reset', 'deploy'];

/** The words of a tool name: `customer_delete`, `deleteCustomer`, `files.remove` → its lower-case parts. */
export function nameWords(name: string): string[] {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
}

/** The first verb of a description ("Permanently deletes …" → `delete`), its stem, if it opens with one of `verbs`. */
function leadingVerb(description: string | undefined, verbs: string[]): string | undefined {
  const first = /^\s*(?:permanently\s+|irreversibly\s+|immediately\s+)?([A-Za-z]+)/.exec(description ?? '')?.[1]?.toLowerCase();
  if (!first) return undefined;
  return verbs.find((v) => first === v || first === `${v}s` || first === `${v}es` || (v.endsWith('e') && first === `${v}s`));
}

/** The verb a tool's name or description says it does from `verbs`, with where it was read, if any. */
function effectWord(tool: ToolDef, verbs: string[]): { verb: string; where: 'name' | 'description' } | undefined {
  const inName = nameWords(tool.name).find((w) => verbs.includes(w));
  if (inName) return { verb: inName, where: 'name' };
  // "Sends" opens the descriptions of tools that send notifications or greetings back to the client; only a name
  // (`send_email`) says a tool sends something out.
  const inDescription = leadingVerb(tool.description?.value, verbs.filter((v) => v !== 'send'));
  return inDescription ? { verb: inDescription, where: 'description' } : undefined;
}

/** How a tool's name or description says it destroys or acts irreversibly ("deletes", "sends"), if it does. */
export const destructiveWord = (tool: ToolDef) => effectWord(tool, DESTRUCTIVE);

/** How a tool's name or description says it changes state, if it does. */
export const writeWord = (tool: ToolDef) => effectWord(tool, WRITES);

/** A tool's annotations as an object; `null` when it has none; undefined when that is unknown. */
export function annotationsOf(tool: ToolDef): Record<string, unknown> | null | undefined {
  if (tool.annotations === null) return null;
  const value = tool.annotations?.value;
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/**
 * Why a tool counts as destructive here, or undefined: its annotations say `destructiveHint: true` (and not
 * `readOnlyHint: true`), or it has none and its name or description says it deletes, overwrites, sends or pays.
 */
export function destructiveBecause(tool: ToolDef): string | undefined {
  const a = annotationsOf(tool);
  if (a) return a['destructiveHint'] === true && a['readOnlyHint'] !== true ? 'its annotations mark it destructive (destructiveHint: true)' : undefined;
  if (a === undefined) return undefined;
  const word = destructiveWord(tool);
  return word ? `it has no annotations, and its ${word.where} says "${word.verb}"` : undefined;
}
