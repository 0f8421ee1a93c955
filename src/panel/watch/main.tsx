// The watch webview's entry: mounts the app into the host's #app with the one acquireVsCodeApi() a page may call.
// It shares the call panel's stylesheet and the run view's chips, and adds its own.
import { render } from 'preact';
import { App, type VsCodeApi } from './app';
import '../call/call.css';
import '../run/run.css';
import './watch.css';

declare function acquireVsCodeApi(): VsCodeApi;

const root = document.getElementById('app');
if (root) render(<App vscode={acquireVsCodeApi()} />, root);
