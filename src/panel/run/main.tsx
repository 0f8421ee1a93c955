// The run webview's entry: mounts the app into the host's #app with the one acquireVsCodeApi() a page may call.
// It shares the call panel's stylesheet (theme variables, buttons, focus, JSON tree) and adds its own.
import { render } from 'preact';
import { App, type VsCodeApi } from './app';
import '../call/call.css';
import './run.css';

declare function acquireVsCodeApi(): VsCodeApi;

const root = document.getElementById('app');
if (root) render(<App vscode={acquireVsCodeApi()} />, root);
