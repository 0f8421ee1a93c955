// security/secret-in-text: an API key, token, private key or password written into text the server sends every
// client (a description, prompt text, a schema default or example). Whoever lists the tools reads it; the model may
// repeat it. A placeholder ("sk-...", "<your key>", "xxxx") is not a secret.
import type { SourceSpan } from '../model';
import type { Rule } from './rule';
import { checkableSchemas, subSchemas } from './schema-walk';
import { spanAtPointer } from './spans';
import { modelTexts } from './text-values';

/** Credential shapes with a fixed prefix or structure, and what each is. */
const SECRETS: { pattern: RegExp; what: string }[] = [
  { pattern: /-----BEGIN (?:RSA |EC |DSA |OPENSSH |PGP )?PRIVATE KEY-----/, what: 'a private key' },
  { pattern: /\bAKIA[0-9A-Z]{16}\b/, what: 'an AWS access key ID' },
  { pattern: /\bgh[pousr]_[A-Za-z0-9]{36,}\b|\bgithub_pat_[A-Za-z0-9_]{40,}\b/, what: 'a GitHub token' },
  { pattern: /\bxox[baprs]-[A-Za-z0-9-]{20,}\b/, what: 'a Slack token' },
  { pattern: /\bAIza[0-9A-Za-z_-]{35}\b/, what: 'a Google API key' },
  { pattern: /\b(?:sk|rk)_live_[A-Za-z0-9]{16,}\b/, what: 'a live Stripe key' },
  { pattern: /\bsk-(?:proj-|ant-)?[A-Za-z0-9_-]{32,}\b/, what: 'an OpenAI or Anthropic API key' },
  { pattern: /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/, what: 'a JSON Web Token' },
  { pattern: /\b(?:password|passwd|pwd|api[_-]?key|secret|token)\s*[:=]\s*["']?(?=[^\s"']*\d)(?=[^\s"']*[A-Za-z])[^\s"'<>{}]{8,}/i, what: 'a credential assignment' },
];

/** True for text that stands for a secret rather than being one. */
const isPlaceholder = (s: string): boolean => /x{4,}|\.\.\.|…|<[^>]*>|\{\{|\$\{|your[_-]?|example|placeholder|dummy|redacted|changeme|\*{3,}|(.)\1{7,}/i.test(s);

/** The first secret in a text, with where it starts and what it is. */
function findSecret(text: string): { index: number; length: number; what: string } | undefined {
  for (const { pattern, what } of SECRETS) {
    const match = pattern.exec(text);
    if (match && !isPlaceholder(match[0])) return { index: match.index, length: match[0].length, what };
  }
  return undefined;
}

const message = (where: string, what: string) =>
  `${where} holds what looks like ${what}: every client that lists this server reads it, and the model may repeat it. Remove it, read it from the environment at run time, and rotate it if it was ever real.`;

export const securitySecretInText: Rule = {
  id: 'security/secret-in-text',
  severity: 'warning',
  scope: 'file',
  description: 'An API key, token, private key or password in a description, prompt text, or schema default or example.',
  check(ctx, report) {
    for (const text of modelTexts(ctx)) {
      const found = findSecret(text.value);
      if (!found) continue;
      const span: SourceSpan = text.spanOf(found.index, found.index + found.length) ?? text.whole;
      report({ file: text.file, span, message: message(`${text.what.charAt(0).toUpperCase()}${text.what.slice(1)}`, found.what) });
    }
    for (const { tool, doc, which } of checkableSchemas(ctx)) {
      for (const { schema, pointer } of subSchemas(doc)) {
        const values = [['default', schema['default']], ...(Array.isArray(schema['examples']) ? (schema['examples'] as unknown[]).map((v, i) => [`examples/${i}`, v] as const) : [])] as const;
        for (const [key, value] of values) {
          const found = typeof value === 'string' ? findSecret(value) : undefined;
          if (found) report({ file: tool.file, span: spanAtPointer(doc, `${pointer}/${key}`), message: message(`The ${key.startsWith('examples') ? 'example' : 'default'} at ${pointer || '/'} of the ${which} schema of tool \`${tool.name}\``, found.what) });
        }
      }
    }
  },
};
