// A docstring read as FastMCP 4 reads it: the description is the text before the first section (Google `Args:`,
// Sphinx `:param x:`, NumPy `Parameters` over a `----` rule), and the parameters' descriptions come from those
// sections. Every part keeps its offset map, so a finding in a parameter's description lands on the docstring.
import { emptyDecoded, joinDecoded, type DecodedText } from '../../text/decoded-text';

export interface DocstringParts {
  summary: DecodedText;
  params: Map<string, DecodedText>;
}

const GOOGLE = /^(Args|Arguments|Parameters|Params|Keyword Args|Keyword Arguments|Kwargs|Other Parameters|Returns?|Yields?|Raises|Examples?|Notes?|Attributes|Warnings?|See Also|References|Todo):\s*$/;
const GOOGLE_PARAMS = /^(?:Args|Arguments|Parameters|Params|Keyword Args|Keyword Arguments|Kwargs|Other Parameters)$/;
const NUMPY_PARAMS = /^(?:Parameters|Other Parameters|Keyword Arguments)$/;

function slice(d: DecodedText, from: number, to: number): DecodedText {
  return { text: d.text.slice(from, to), starts: d.starts.slice(from, to), ends: d.ends.slice(from, to) };
}

interface Line {
  text: string;
  start: number;
  indent: number;
}

function linesOf(d: DecodedText): Line[] {
  const out: Line[] = [];
  let at = 0;
  for (const text of d.text.split('\n')) {
    out.push({ text, start: at, indent: text.length - text.trimStart().length });
    at += text.length + 1;
  }
  return out;
}

/** The trimmed text of a line from a column on, as decoded units. */
function rest(d: DecodedText, line: Line, column: number): DecodedText {
  const from = line.start + column;
  const raw = line.text.slice(column);
  const lead = raw.length - raw.trimStart().length;
  return slice(d, from + lead, from + raw.trimEnd().length);
}

/** Splits a cleaned docstring into its description and its parameters' descriptions. */
export function readDocstring(d: DecodedText): DocstringParts {
  const lines = linesOf(d);
  const params = new Map<string, DecodedText>();
  const sectionAt = lines.findIndex((l, i) => GOOGLE.test(l.text.trim()) && l.indent === 0 || /^:(?:param|parameter|arg|argument|key|keyword|type|returns?|rtype|raises?)\b/.test(l.text.trim()) || (l.indent === 0 && /^-{3,}\s*$/.test(lines[i + 1]?.text ?? '') && l.text.trim() !== ''));
  if (sectionAt < 0) return { summary: d, params };
  const before = lines[sectionAt]!.start;
  const summaryText = d.text.slice(0, before).trimEnd();
  readGoogle(d, lines, params);
  readSphinx(d, lines, params);
  readNumpy(d, lines, params);
  return { summary: slice(d, 0, summaryText.length), params };
}

function readGoogle(d: DecodedText, lines: Line[], params: Map<string, DecodedText>): void {
  for (let i = 0; i < lines.length; i++) {
    const header = lines[i]!;
    const m = /^(.+):\s*$/.exec(header.text.trim());
    if (!m || !GOOGLE_PARAMS.test(m[1]!)) continue;
    let itemIndent = -1;
    let current: { name: string; parts: DecodedText[] } | undefined;
    const flush = () => {
      if (current && !params.has(current.name)) params.set(current.name, joinDecoded(current.parts, '\n'));
    };
    for (let j = i + 1; j < lines.length; j++) {
      const line = lines[j]!;
      if (!line.text.trim()) continue;
      if (line.indent <= header.indent) break;
      if (itemIndent < 0) itemIndent = line.indent;
      const item = line.indent === itemIndent ? /^(\*{0,2}[A-Za-z_]\w*)\s*(?:\([^)]*\))?\s*:\s?/.exec(line.text.slice(line.indent)) : null;
      if (item) {
        flush();
        current = { name: item[1]!.replace(/^\*+/, ''), parts: [rest(d, line, line.indent + item[0].length)] };
      } else if (current && line.indent > itemIndent) current.parts.push(rest(d, line, line.indent));
    }
    flush();
  }
}

function readSphinx(d: DecodedText, lines: Line[], params: Map<string, DecodedText>): void {
  for (const line of lines) {
    const m = /^:(?:param|parameter|arg|argument|key|keyword)\s+(?:[^:\s]+\s+)?([A-Za-z_]\w*)\s*:\s?/.exec(line.text.slice(line.indent));
    if (m && !params.has(m[1]!)) params.set(m[1]!, rest(d, line, line.indent + m[0].length));
  }
}

function readNumpy(d: DecodedText, lines: Line[], params: Map<string, DecodedText>): void {
  for (let i = 0; i + 1 < lines.length; i++) {
    if (!NUMPY_PARAMS.test(lines[i]!.text.trim()) || !/^-{3,}\s*$/.test(lines[i + 1]!.text.trim())) continue;
    let current: { name: string; parts: DecodedText[] } | undefined;
    const flush = () => {
      if (current && !params.has(current.name) && current.parts.length) params.set(current.name, joinDecoded(current.parts, '\n'));
    };
    for (let j = i + 2; j < lines.length; j++) {
      const line = lines[j]!;
      if (!line.text.trim()) continue;
      if (line.indent === 0 && /^-{3,}\s*$/.test(lines[j + 1]?.text.trim() ?? '')) break;
      const item = line.indent === 0 ? /^([A-Za-z_]\w*)\s*(?::.*)?$/.exec(line.text) : null;
      if (item) {
        flush();
        current = { name: item[1]!, parts: [] };
      } else if (current) current.parts.push(rest(d, line, line.indent));
    }
    flush();
  }
}

export const noDocstring = (): DocstringParts => ({ summary: emptyDecoded(), params: new Map() });
