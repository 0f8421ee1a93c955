// Every editor-tab webview of the extension is made here, the same way: scripts on, command links off,
// resources only from dist/panel, and the page of one webview app (`view`: call, run) with its CSP and nonce.
import * as vscode from 'vscode';
import { createNonce, panelHtml } from './html';

/** Opens a webview tab showing the app `view` (dist/panel/VIEW.js and .css). */
export function createAppPanel(extensionUri: vscode.Uri, viewType: string, title: string, view: string): vscode.WebviewPanel {
  const media = vscode.Uri.joinPath(extensionUri, 'dist', 'panel');
  const panel = vscode.window.createWebviewPanel(viewType, title, vscode.ViewColumn.Active, {
    enableScripts: true,
    enableCommandUris: false,
    retainContextWhenHidden: true,
    localResourceRoots: [media],
  });
  panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'mcp-workflows.svg');
  const webview = panel.webview;
  const asset = (file: string): string => webview.asWebviewUri(vscode.Uri.joinPath(media, file)).toString();
  webview.html = panelHtml({ cspSource: webview.cspSource, script: asset(`${view}.js`), style: asset(`${view}.css`), codicons: asset('codicon.css') }, createNonce(), title);
  return panel;
}
