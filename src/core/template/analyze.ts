// Turns a message text into TemplateInfo according to how it is rendered at run time.
import type { TemplateInfo, TemplateSyntax, TextValue } from '../model';
import type { SourceContext } from '../source-context';
import { analyzeHandlebars } from './handlebars';
import { findToolMentions } from './mentions';
import { findFormatDoubleBraces, findFormatPlaceholders, findGuidancePlaceholders, findLiteralBraces } from './placeholders';

/**
 * Analyses a message text. `formatArgs` names the expressions of a `format!` call's positional arguments, so
 * `{}` maps to the argument it prints.
 */
export function analyzeTemplate(text: TextValue, syntax: TemplateSyntax, ctx: SourceContext, formatArgs: string[] = []): TemplateInfo {
  const info: TemplateInfo = { syntax, variables: [], blocks: [], errors: [], mentions: findToolMentions(text, ctx), literalBraces: [] };
  if (syntax === 'handlebars') {
    const hb = analyzeHandlebars(text, ctx);
    info.variables = hb.variables;
    info.blocks = hb.blocks;
    info.errors = hb.errors;
  } else if (syntax === 'format') {
    info.variables = findFormatPlaceholders(text, ctx).map((p) => {
      const name = p.positional ? lastIdentifier(formatArgs[Number(p.name)] ?? '') || `#${p.name}` : p.name;
      return { name, path: name, span: p.span, blocks: [], asBlockParam: false };
    });
    info.literalBraces = findFormatDoubleBraces(text, ctx);
  } else if (syntax === 'guidance') {
    const { single, double } = findGuidancePlaceholders(text, ctx);
    info.variables = single.map((p) => ({ name: p.name, path: p.name, span: p.span, blocks: [], asBlockParam: false }));
    info.literalBraces = double.map((p) => ({ name: p.name, span: p.span }));
  } else {
    info.literalBraces = findLiteralBraces(text, ctx);
  }
  return info;
}

/** `args.customer_id`, `&customer_id` or `args["customer_id"]` -> `customer_id`; no plain name gives ''. */
function lastIdentifier(expression: string): string {
  // `args["customer_id"]` and `args.get("customer_id")…` name the argument in a string.
  const keyed = /(?:\[\s*"(\w+)"\s*\]|\.get\(\s*"(\w+)"\s*\))/.exec(expression);
  if (keyed) return keyed[1] ?? keyed[2] ?? '';
  const m = /([A-Za-z_]\w*)\s*(?:\.(?:clone|to_string|as_str)\(\))?\s*$/.exec(expression.trim());
  return m?.[1] ?? '';
}
