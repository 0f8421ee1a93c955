// resources/uri-invalid: a resource URI or URI template its SDK refuses: a template it cannot parse (the TS SDK, the
// go-sdk and mcp 2.x parse it when it is registered), a static URI with no scheme where pydantic's AnyUrl takes it
// (Python's FastMCPs raise at registration) or where every read is looked up through `new URL()` (the TS SDK). The
// readers record each fault as their framework words it; this rule reports them.
import type { Rule } from './rule';

export const resourcesUriInvalid: Rule = {
  id: 'resources/uri-invalid',
  severity: 'error',
  scope: 'file',
  description: 'A resource URI or URI template the SDK refuses when it is registered (an unclosed `{`, no scheme where a URL is parsed), or never serves.',
  check(ctx, report) {
    for (const model of ctx.files) {
      for (const def of model.resources ?? []) {
        for (const e of def.uriErrors ?? []) report({ file: def.uri?.file ?? def.file, span: e.span, message: e.message });
      }
    }
  },
};
