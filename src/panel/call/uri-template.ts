// A resource template's variables and their expansion (RFC 6570 levels 1-3, what MCP servers use:
// {id}, {+path}, {#frag}, {.ext}, {/seg}, {;p}, {?q,r}, {&s}).

const EXPRESSION = /\{([+#./;?&]?)([^}]*)\}/g;

export interface TemplateVariable {
  name: string;
  /** Query-style variables ({?q}, {&q}) may be left empty; path variables may not. */
  required: boolean;
}

export function templateVariables(template: string): TemplateVariable[] {
  const out: TemplateVariable[] = [];
  for (const m of template.matchAll(EXPRESSION)) {
    const op = m[1] ?? '';
    for (const raw of (m[2] ?? '').split(',')) {
      const name = raw.replace(/(:\d+|\*)$/, '').trim();
      if (name && !out.some((v) => v.name === name)) out.push({ name, required: op !== '?' && op !== '&' && op !== ';' });
    }
  }
  return out;
}

const encode = (value: string, reserved: boolean) =>
  reserved ? encodeURI(value).replace(/%25([0-9A-Fa-f]{2})/g, '%$1') : encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export function expandTemplate(template: string, values: Record<string, unknown>): string {
  return template.replace(EXPRESSION, (_all, op: string, list: string) => {
    const names = list.split(',').map((n) => n.replace(/(:\d+|\*)$/, '').trim()).filter(Boolean);
    const defined = names.filter((n) => values[n] !== undefined && values[n] !== '').map((n) => [n, String(values[n])] as const);
    if (defined.length === 0) return '';
    const reserved = op === '+' || op === '#';
    const parts = defined.map(([n, v]) => (op === '?' || op === '&' || op === ';' ? `${n}=${encode(v, false)}` : encode(v, reserved)));
    switch (op) {
      case '+': return parts.join(',');
      case '#': return `#${parts.join(',')}`;
      case '.': return `.${parts.join('.')}`;
      case '/': return `/${parts.join('/')}`;
      case ';': return `;${parts.join(';')}`;
      case '?': return `?${parts.join('&')}`;
      case '&': return `&${parts.join('&')}`;
      default: return parts.join(',');
    }
  });
}
