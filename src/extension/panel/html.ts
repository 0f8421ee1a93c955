// The HTML shell of a webview: a strict Content-Security-Policy (nothing but the extension's own files, and
// only the script carrying this page's nonce), the codicon font, the view's bundle and stylesheet.
import { randomBytes } from 'node:crypto';

/** Where the page's files are, as webview URIs (asWebviewUri), and the webview's CSP source. */
export interface PanelAssets {
  cspSource: string;
  script: string;
  style: string;
  codicons: string;
}

/** A fresh nonce for one page: 128 random bits, base64. */
export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

/** The Content-Security-Policy of every webview page. Images may be data: URLs (tool results carry them). */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
    "connect-src 'none'",
    "frame-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
}

/** The whole page. */
export function panelHtml(assets: PanelAssets, nonce: string, title: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(contentSecurityPolicy(assets.cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${text(title)}</title>
<link rel="stylesheet" id="vscode-codicon-stylesheet" href="${attr(assets.codicons)}" nonce="${nonce}">
<link rel="stylesheet" href="${attr(assets.style)}" nonce="${nonce}">
</head>
<body>
<div id="app" role="main"></div>
<script type="module" nonce="${nonce}" src="${attr(assets.script)}"></script>
</body>
</html>`;
}

function attr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function text(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
