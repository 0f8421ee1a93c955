// Identifiers that expire: a result that mints an ID may say until when it is good (`expires_at`, `ttl_seconds`
// beside it), and a later answer may say it has expired (an `EXPIRED` code, "expired" in an error's text, a result
// with `status: "expired"`). A call that passes the ID after either is a client ignoring the server's word.
import { unescapeSegment } from '../json/json-doc';
import type { ConformanceFinding } from './conformance';
import { leafValues } from './identifiers';
import { sameValue } from './plan';
import type { TraceFacts, TracedCall } from './trace-facts';

/** Where a value was minted: the call whose result carried it, at which pointer, and until when (when it said). */
interface Mint {
  call: TracedCall;
  pointer: string;
  expiresAtMs?: number;
  /** The field that said so (`/expires_at`), for the message. */
  expiryPointer?: string;
}

/** An answer saying a value had expired, and the tool it names for a new one. */
interface ExpiryStatement {
  call: TracedCall;
  value: string | number;
  renewWith?: string;
}

/** Absolute expiry fields: an ISO 8601 date, or a Unix time (seconds, or milliseconds when that large). */
const absoluteKeys = ['expires_at', 'expiresAt', 'expires', 'expiry', 'expiration', 'expiration_time', 'valid_until', 'validUntil'];
/** Relative expiry fields, counted from the answer: [key, milliseconds per unit]. */
const relativeKeys: [string, number][] = [['ttl_seconds', 1000], ['ttlSeconds', 1000], ['expires_in', 1000], ['expiresIn', 1000], ['ttl', 1000], ['ttl_ms', 1], ['ttlMs', 1]];

/** Calls passing an identifier after an answer said it had expired, or after the expiry its minting result gave. */
export function expiredIdFindings(facts: TraceFacts): ConformanceFinding[] {
  const mints = mintsOf(facts.calls);
  const tools = toolNames(facts);
  const statements = facts.calls.flatMap((c) => expiryStatements(c, mints, tools));
  const out: ConformanceFinding[] = [];
  for (const use of facts.calls) {
    for (const [name, arg] of Object.entries(use.arguments)) {
      for (const value of new Set(leafValues(arg))) {
        const f = expiredUse(use, name, value, mints.get(value) ?? [], statements);
        if (f) {
          out.push(f);
          break;
        }
      }
    }
  }
  return out;
}

function expiredUse(use: TracedCall, name: string, value: string | number, mints: readonly Mint[], statements: readonly ExpiryStatement[]): ConformanceFinding | undefined {
  const before = (line: number | undefined): boolean => line !== undefined && line < use.requestLine;
  const mint = mints.filter((m) => before(m.call.responseLine)).at(-1);
  const said = statements.filter((s) => sameValue(s.value, value) && before(s.call.responseLine)).at(-1);
  const where = `argument "${name}" of ${use.tool} at line ${use.requestLine} is ${JSON.stringify(value)}`;
  const minted = mint ? `; it was minted by ${mint.call.tool} (line ${mint.call.responseLine}, ${mint.pointer})` : '';
  // A value minted again after the answer that said it expired is good again (a refresh that kept the ID).
  if (said && !(mint && mint.call.responseLine! > said.call.responseLine!)) {
    const renew = said.renewWith ?? mint?.call.tool;
    const message = `${where}, which ${said.call.tool}'s answer at line ${said.call.responseLine} said had expired${minted}${renew ? `; get a new one from ${renew} and pass that` : ''}`;
    return expiredFinding(use, message, value, mint, renew);
  }
  if (mint?.expiresAtMs !== undefined && use.startMs >= mint.expiresAtMs) {
    const at = new Date(mint.expiresAtMs).toISOString();
    const message = `${where}, which ${mint.call.tool}'s result (line ${mint.call.responseLine}, ${mint.expiryPointer}) said expires at ${at}; the call came ${use.startMs - mint.expiresAtMs} ms after that${minted}; get a new one from ${mint.call.tool} and pass that`;
    return expiredFinding(use, message, value, mint, mint.call.tool);
  }
  return undefined;
}

function expiredFinding(use: TracedCall, message: string, value: string | number, mint: Mint | undefined, renew: string | undefined): ConformanceFinding {
  return {
    line: use.requestLine,
    severity: 'error',
    ruleId: 'trace-expired-id',
    message,
    value,
    ...(mint ? { mintedBy: mint.call.tool } : {}),
    ...(renew ? { renewWith: renew } : {}),
  };
}

/** Every identifier the answered, successful calls carried, by value, in trace order, with the expiry beside it. */
function mintsOf(calls: readonly TracedCall[]): Map<string | number, Mint[]> {
  const out = new Map<string | number, Mint[]>();
  for (const call of calls) {
    if (call.isError || call.responseLine === undefined) continue;
    // A value the call was given is only echoed back (the customer an export is for), not minted with its expiry.
    const given = leafValues(call.arguments);
    for (const id of call.identifiers.filter((i) => !given.some((g) => sameValue(g, i.value)))) {
      const mint: Mint = { call, pointer: id.pointer, ...expiryNear(call.value, id.pointer, call.endMs ?? call.startMs) };
      out.set(id.value, [...(out.get(id.value) ?? []), mint]);
    }
  }
  return out;
}

/** The expiry written in the object holding `pointer`, else in the nearest object above it. */
function expiryNear(root: unknown, pointer: string, answeredMs: number): { expiresAtMs?: number; expiryPointer?: string } {
  const segments = pointer.split('/').slice(1).map(unescapeSegment);
  const chain: { value: unknown; at: string }[] = [{ value: root, at: '' }];
  for (const segment of segments.slice(0, -1)) {
    const last = chain.at(-1)!;
    const next = last.value !== null && typeof last.value === 'object' ? (last.value as Record<string, unknown>)[segment] : undefined;
    chain.push({ value: next, at: `${last.at}/${segment}` });
  }
  for (const { value, at } of chain.reverse()) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) continue;
    const found = expiryIn(value as Record<string, unknown>, answeredMs);
    if (found) return { expiresAtMs: found.ms, expiryPointer: `${at}/${found.key}` };
  }
  return {};
}

function expiryIn(object: Record<string, unknown>, answeredMs: number): { ms: number; key: string } | undefined {
  for (const key of absoluteKeys) {
    const v = object[key];
    if (typeof v === 'string' && !Number.isNaN(Date.parse(v))) return { ms: Date.parse(v), key };
    if (typeof v === 'number' && Number.isFinite(v)) return { ms: v > 1e11 ? v : v * 1000, key };
  }
  for (const [key, unit] of relativeKeys) {
    const v = object[key];
    if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return { ms: answeredMs + v * unit, key };
  }
  return undefined;
}

/** The values an answer said had expired: the call's own arguments that earlier results minted or its text names. */
function expiryStatements(call: TracedCall, mints: Map<string | number, Mint[]>, tools: readonly string[]): ExpiryStatement[] {
  if (call.responseLine === undefined) return [];
  const text = answerText(call);
  if (!saysExpired(call, text)) return [];
  const renewWith = tools.find((t) => t !== call.tool && new RegExp(`(^|[^\\w-])${escapeRegExp(t)}($|[^\\w-])`).test(text));
  const values = [...new Set(leafValues(call.arguments))].filter((v) => mints.has(v) || (String(v).length > 2 && text.includes(String(v))));
  return values.map((value) => ({ call, value, ...(renewWith ? { renewWith } : {}) }));
}

function saysExpired(call: TracedCall, text: string): boolean {
  if (call.errorCode && /EXPIRED/i.test(call.errorCode)) return true;
  if (call.isError) return /\bexpired\b/i.test(text);
  const v = call.value as Record<string, unknown> | undefined;
  return v !== null && typeof v === 'object' && (v['expired'] === true || v['status'] === 'expired' || v['state'] === 'expired');
}

/** What an answer said, as text: an error's text, else its value's JSON. */
function answerText(call: TracedCall): string {
  const v = call.value as { text?: unknown } | undefined;
  if (v && typeof v === 'object' && typeof v.text === 'string') return v.text;
  return JSON.stringify(call.value ?? '');
}

/** The tools the trace knows: those listed, else those called. */
function toolNames(facts: TraceFacts): string[] {
  const names = new Set([...(facts.tools?.keys() ?? []), ...facts.calls.map((c) => c.tool)]);
  // Longest first, so `report_export_v2` is found before `report_export`.
  return [...names].sort((a, b) => b.length - a.length);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
