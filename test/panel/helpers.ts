// Rendering the call panel to HTML without a DOM, and reading elements back out of that HTML.
import { h } from 'preact';
import { render } from 'preact-render-to-string';
import { CallView } from '../../src/panel/call/app';
import { initialState, reduce, type State } from '../../src/panel/call/state';
import type { HostMessage, PanelItem, ValidationProblem, WebviewMessage } from '../../src/shared/panel-protocol';
import { join } from 'node:path';

export const root = join(__dirname, '..', '..');
export const exampleServerBundle = join(root, 'dist', 'example-server.js');

export function renderState(state: State, sent: WebviewMessage[] = []): string {
  return render(h(CallView, { state, dispatch: () => undefined, send: (m: WebviewMessage) => sent.push(m) }));
}

/** The state after the host's init for this item (a running server unless told otherwise). */
export function initState(item: PanelItem, extra: Partial<Extract<HostMessage, { type: 'init' }>> = {}): State {
  return reduce(initialState, { type: 'host', message: { type: 'init', server: 'example', serverState: { state: 'running' }, item, ...extra } });
}

/** The state once the host answered a validate request for the current values with these problems. */
export function validated(state: State, problems: ValidationProblem[]): State {
  const sent = reduce(state, { type: 'validateSent', requestId: `v${state.revision}`, revision: state.revision });
  return reduce(sent, { type: 'host', message: { type: 'validation', requestId: `v${state.revision}`, problems } });
}

const VOID = new Set(['input', 'img', 'br', 'hr', 'meta', 'link', 'source', 'area', 'col', 'embed', 'wbr']);

function outerAt(html: string, start: number): string {
  const tag = /^<([a-zA-Z0-9-]+)/.exec(html.slice(start))?.[1];
  if (!tag) throw new Error(`no element at ${start}`);
  const re = new RegExp(`<(/?)${tag}(?=[\\s>/])[^>]*>`, 'g');
  re.lastIndex = start;
  let depth = 0;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    if (VOID.has(tag)) return m[0];
    depth += m[1] ? -1 : 1;
    if (depth === 0) return html.slice(start, re.lastIndex);
  }
  throw new Error(`unclosed <${tag}>`);
}

const escapeAttr = (v: string) => v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Every element (outer HTML) with attr="value". */
export function all(html: string, attr: string, value: string): string[] {
  const needle = ` ${attr}="${escapeAttr(value)}"`;
  const out: string[] = [];
  for (let i = html.indexOf(needle); i >= 0; i = html.indexOf(needle, i + needle.length)) out.push(outerAt(html, html.lastIndexOf('<', i)));
  return out;
}

/** The first element with attr="value", or undefined. */
export const find = (html: string, attr: string, value: string): string | undefined => all(html, attr, value)[0];

/** The opening tag of an element's outer HTML. */
export const openTag = (outer: string): string => /^<[^>]*>/.exec(outer)?.[0] ?? '';

/** Text without tags, entities decoded (the few preact-render-to-string writes). */
export const textOf = (html: string): string =>
  html.replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
