// The watch page's state: the session the host posted last (validated against the watch protocol; an invalid
// message leaves the state as it was, with the reason) and the outcome of the last save. Pure, for tests.
import { parseMessage } from '../../shared/panel-protocol';
import { WatchHostMessage } from '../../shared/watch-protocol';

export type WatchSession = Extract<WatchHostMessage, { type: 'state' }>;

export interface WatchState {
  session?: WatchSession;
  saved?: Extract<WatchHostMessage, { type: 'saved' }>;
}

/** Parses what arrived from the host and folds it in. */
export function receiveWatch(state: WatchState, raw: unknown): { state: WatchState; dropped?: string } {
  const parsed = parseMessage(WatchHostMessage, raw);
  if (!parsed.ok) return { state, dropped: parsed.why };
  const m = parsed.message;
  return { state: m.type === 'state' ? { ...state, session: m } : { ...state, saved: m } };
}
