// Expands a VS Code snippet body the way the editor does when the user accepts every default: a placeholder
// becomes its default text (nested placeholders included), a choice its first option, a mirror (`$1`, `${1}`)
// the value of its tab stop, a transform (`${1/regex/format/flags}`) that value rewritten, `$0` nothing.
// Escapes follow the snippet grammar: `\$`, `\}` and `\\` stand for the character; any other `\x` stays as is.
// A variable (`$NAME`) is reported as an error, because our snippets use none and a stray `$X` in prompt text
// would silently turn into a variable in the editor.

type Node =
  | { kind: 'text'; value: string }
  | { kind: 'tabstop'; index: number; children: Node[] | undefined }
  | { kind: 'choice'; index: number; options: string[] }
  | { kind: 'transform'; index: number; regex: string; format: string; flags: string };

/** A snippet the editor would not read the way its author meant. */
export class SnippetSyntaxError extends Error {}

class Parser {
  private pos = 0;
  constructor(private readonly src: string) {}

  parse(): Node[] {
    const nodes = this.parseUntil(false);
    if (this.pos < this.src.length) throw this.fail('unexpected "}"');
    return nodes;
  }

  private fail(message: string): SnippetSyntaxError {
    return new SnippetSyntaxError(`${message} at offset ${this.pos}: …${this.src.slice(this.pos, this.pos + 30)}`);
  }

  // Reads nodes until the end of the text, or (inside a placeholder) until its unescaped closing brace.
  private parseUntil(inPlaceholder: boolean): Node[] {
    const nodes: Node[] = [];
    let text = '';
    const flush = (): void => {
      if (text) nodes.push({ kind: 'text', value: text });
      text = '';
    };
    while (this.pos < this.src.length) {
      const ch = this.src[this.pos]!;
      if (ch === '\\') {
        const next = this.src[this.pos + 1];
        if (next === '$' || next === '}' || next === '\\') {
          text += next;
          this.pos += 2;
        } else {
          text += ch;
          this.pos += 1;
        }
      } else if (ch === '}' && inPlaceholder) {
        break;
      } else if (ch === '$') {
        const node = this.parseDollar();
        if (node) {
          flush();
          nodes.push(node);
        } else {
          text += '$';
          this.pos += 1;
        }
      } else {
        text += ch;
        this.pos += 1;
      }
    }
    flush();
    return nodes;
  }

  // Parses what follows a `$`; returns undefined when the `$` is plain text.
  private parseDollar(): Node | undefined {
    const rest = this.src.slice(this.pos);
    const simple = /^\$(\d+)/.exec(rest);
    if (simple) {
      this.pos += simple[0].length;
      return { kind: 'tabstop', index: Number(simple[1]), children: undefined };
    }
    if (/^\$[_a-zA-Z]/.test(rest) || /^\$\{[_a-zA-Z]/.test(rest)) {
      throw this.fail('snippet variable (write \\$ for a literal dollar)');
    }
    const braced = /^\$\{(\d+)/.exec(rest);
    if (!braced) return undefined;
    const index = Number(braced[1]);
    this.pos += braced[0].length;
    const next = this.src[this.pos];
    if (next === '}') {
      this.pos += 1;
      return { kind: 'tabstop', index, children: undefined };
    }
    if (next === ':') {
      this.pos += 1;
      const children = this.parseUntil(true);
      this.expect('}');
      return { kind: 'tabstop', index, children };
    }
    if (next === '|') {
      this.pos += 1;
      return { kind: 'choice', index, options: this.parseChoice() };
    }
    if (next === '/') {
      this.pos += 1;
      const regex = this.readUntilSlash(false);
      const format = this.readUntilSlash(true);
      const end = this.src.indexOf('}', this.pos);
      if (end < 0) throw this.fail('unterminated transform');
      const flags = this.src.slice(this.pos, end);
      this.pos = end + 1;
      return { kind: 'transform', index, regex, format, flags };
    }
    throw this.fail('malformed tab stop');
  }

  private parseChoice(): string[] {
    const options: string[] = [];
    let current = '';
    while (this.pos < this.src.length) {
      const ch = this.src[this.pos]!;
      const next = this.src[this.pos + 1];
      if (ch === '\\' && (next === ',' || next === '|' || next === '\\' || next === '$' || next === '}')) {
        current += next;
        this.pos += 2;
      } else if (ch === ',') {
        options.push(current);
        current = '';
        this.pos += 1;
      } else if (ch === '|' && next === '}') {
        options.push(current);
        this.pos += 2;
        return options;
      } else {
        current += ch;
        this.pos += 1;
      }
    }
    throw this.fail('unterminated choice');
  }

  // Reads a transform's regex or format up to its unescaped `/`; a format's `${1:/upcase}` is read whole.
  private readUntilSlash(isFormat: boolean): string {
    let out = '';
    while (this.pos < this.src.length) {
      const ch = this.src[this.pos]!;
      if (isFormat && ch === '$' && this.src[this.pos + 1] === '{') {
        const end = this.src.indexOf('}', this.pos);
        if (end < 0) break;
        out += this.src.slice(this.pos, end + 1);
        this.pos = end + 1;
      } else if (ch === '\\' && this.src[this.pos + 1] === '/') {
        out += '/';
        this.pos += 2;
      } else if (ch === '/') {
        this.pos += 1;
        return out;
      } else {
        out += ch;
        this.pos += 1;
      }
    }
    throw this.fail('unterminated transform');
  }

  private expect(ch: string): void {
    if (this.src[this.pos] !== ch) throw this.fail(`expected "${ch}"`);
    this.pos += 1;
  }
}

// VS Code's case changes for a transform's `${n:/upcase}` and friends.
function changeCase(value: string, how: string): string {
  switch (how) {
    case 'upcase':
      return value.toUpperCase();
    case 'downcase':
      return value.toLowerCase();
    case 'capitalize':
      return value.charAt(0).toUpperCase() + value.slice(1);
    case 'pascalcase':
      return (value.match(/[a-z0-9]+/gi) ?? []).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
    case 'camelcase': {
      const pascal = changeCase(value, 'pascalcase');
      return pascal.charAt(0).toLowerCase() + pascal.slice(1);
    }
    default:
      throw new SnippetSyntaxError(`unknown case change "/${how}"`);
  }
}

// Applies a transform's format string to one regex match.
function formatMatch(format: string, groups: (string | undefined)[]): string {
  return format.replace(
    /\$(\d+)|\$\{(\d+)(?::(\/\w+|\+[^}]*|-[^}]*|\?[^:}]*:[^}]*|[^}]*))?\}/g,
    (_all: string, bare: string | undefined, index: string | undefined, op: string | undefined) => {
      const value = groups[Number(bare ?? index)];
      if (op === undefined) return value ?? '';
      if (op.startsWith('/')) return changeCase(value ?? '', op.slice(1));
      if (op.startsWith('+')) return value ? op.slice(1) : '';
      if (op.startsWith('?')) {
        const [ifText, elseText] = op.slice(1).split(':');
        return value ? (ifText ?? '') : (elseText ?? '');
      }
      const elseText = op.startsWith('-') ? op.slice(1) : op;
      return value || elseText;
    },
  );
}

function applyTransform(value: string, regex: string, format: string, flags: string): string {
  const re = new RegExp(regex, flags);
  return value.replace(re, (...args: unknown[]) => {
    const matchEnd = args.findIndex((a) => typeof a === 'number');
    const groups = args.slice(0, matchEnd) as (string | undefined)[];
    return formatMatch(format, groups);
  });
}

/** Parses a snippet body; throws SnippetSyntaxError where the editor would read it differently. */
export function parseSnippet(body: string): Node[] {
  return new Parser(body).parse();
}

/** Expands a snippet body with every default accepted, as described at the top of this file. */
export function expandSnippet(body: string | string[]): string {
  const nodes = parseSnippet(Array.isArray(body) ? body.join('\n') : body);
  const values = new Map<number, string>();
  // The first placeholder or choice with text defines a tab stop's value; mirrors and transforms reuse it.
  const collect = (list: Node[]): void => {
    for (const node of list) {
      if (node.kind === 'tabstop' && node.children) {
        collect(node.children);
        if (!values.has(node.index)) values.set(node.index, render(node.children));
      } else if (node.kind === 'choice' && !values.has(node.index)) {
        values.set(node.index, node.options[0] ?? '');
      }
    }
  };
  const render = (list: Node[]): string =>
    list
      .map((node) => {
        switch (node.kind) {
          case 'text':
            return node.value;
          case 'tabstop':
            if (node.index === 0) return node.children ? render(node.children) : '';
            return values.get(node.index) ?? (node.children ? render(node.children) : '');
          case 'choice':
            return values.get(node.index) ?? node.options[0] ?? '';
          case 'transform':
            return applyTransform(values.get(node.index) ?? '', node.regex, node.format, node.flags);
        }
      })
      .join('');
  collect(nodes);
  return render(nodes);
}
