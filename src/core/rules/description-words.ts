// Words of names and descriptions, compared loosely (case, plural -s), for the rules that judge whether a
// description says anything a name does not, and whether two tools are the same tool twice.
import { nameWords } from './tool-effects';

/** Words that carry no meaning of their own in a description. */
export const STOPWORDS = new Set(['a', 'an', 'the', 'of', 'for', 'to', 'in', 'on', 'by', 'with', 'and', 'or', 'from', 'this', 'that', 'it', 'its', 'is', 'are', 'be', 'all', 'any', 'some', 'given', 'specified', 'provided']);

/** Words that fit any tool: a description made only of these (and stopwords) says nothing about this one. */
export const GENERIC = new Set(['get', 'gets', 'fetch', 'fetches', 'do', 'does', 'handle', 'handles', 'process', 'processes', 'perform', 'performs', 'manage', 'manages', 'run', 'runs', 'execute', 'executes', 'call', 'calls', 'use', 'uses', 'data', 'info', 'information', 'stuff', 'things', 'thing', 'item', 'items', 'tool', 'tools', 'helper', 'utility', 'function', 'method', 'request', 'requests', 'operation', 'operations', 'action', 'actions', 'task', 'tasks', 'something', 'various', 'general', 'generic', 'misc', 'miscellaneous', 'stuff.', 'api', 'service', 'results', 'result', 'work']);

/** A word's comparable form: lower case, a plural or third-person -s dropped. */
export const stem = (word: string): string => word.toLowerCase().replace(/(?:ies)$/, 'y').replace(/(?<=[a-z]{3})(?:es|s)$/, '');

/** The words of a description, lower case, without punctuation. */
export function descriptionWords(text: string): string[] {
  return text.toLowerCase().match(/[a-z0-9]+(?:'[a-z]+)?/g) ?? [];
}

/** The stems of a name's words (`get_customerOrders` → get, customer, order). */
export const nameStems = (name: string): string[] => nameWords(name).map(stem);
