// The call webview's entry: mounts the app into the host's #app with the one acquireVsCodeApi() a page may call.
import { render } from 'preact';
import { App, type VsCodeApi } from './app';
import './call.css';

declare function acquireVsCodeApi(): VsCodeApi;

const root = document.getElementById('app');
if (root) render(<App vscode={acquireVsCodeApi()} />, root);
