// The identifiers a result carries (a `customer_id`, an `order_id`, an `id`), each with its JSON pointer, so
// a trace says which result minted a value and the conformance checker can tell a carried ID from an invented one.
import { pointerSegment } from '../json/json-doc';

/** One identifier found in a value: where it stands (RFC 6901 pointer) and what it is. */
export interface FoundIdentifier {
  pointer: string;
  value: string | number;
}

/** Keys that name an identifier: `id`, `uuid`, `*_id`, `*Id`, `*_key`, `*_token`, and their plural lists. */
const identifierKey = /^(id|uuid|ids)$|[_-](id|uuid|key|token|ids|keys)$|[a-z](Id|ID|Uuid|Key|Token|Ids|IDs|Keys)$/;

/** The identifiers in `value` (found by key name), in document order; at most `limit` of them. */
export function findIdentifiers(value: unknown, limit = 200): FoundIdentifier[] {
  const out: FoundIdentifier[] = [];
  const visit = (v: unknown, pointer: string, named: boolean, depth: number): void => {
    if (out.length >= limit || depth > 64) return;
    if (named && (typeof v === 'string' || typeof v === 'number')) {
      out.push({ pointer, value: v });
      return;
    }
    if (Array.isArray(v)) v.forEach((x, i) => visit(x, `${pointer}/${i}`, named, depth + 1));
    else if (v !== null && typeof v === 'object') {
      for (const [key, x] of Object.entries(v)) visit(x, `${pointer}/${pointerSegment(key)}`, identifierKey.test(key), depth + 1);
    }
  };
  visit(value, '', false, 0);
  return out;
}

/** Every string and number leaf of a value: where an argument's value may have been copied from. */
export function leafValues(value: unknown): (string | number)[] {
  const out: (string | number)[] = [];
  const visit = (v: unknown, depth: number): void => {
    if (depth > 64) return;
    if (typeof v === 'string' || typeof v === 'number') out.push(v);
    else if (Array.isArray(v)) for (const x of v) visit(x, depth + 1);
    else if (v !== null && typeof v === 'object') for (const x of Object.values(v)) visit(x, depth + 1);
  };
  visit(value, 0);
  return out;
}
