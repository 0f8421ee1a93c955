// The command a watched mcp.json entry runs must outlive an extension update, which moves the extension to a new
// folder (publisher.name-VERSION) and deletes the old one. So the entry names a launcher the extension keeps in its
// global storage (a path that stays the same across versions): the launcher runs the CLI of the install that wrote
// it, and when that folder is gone (updated, not yet activated to rewrite it), the newest install beside it.

/** The launcher's file name in the extension's global storage. */
export const LAUNCHER_FILE = 'mcp-workflow.cjs';

/**
 * The launcher's source: runs `cliPath` (an install's bin/mcp-workflow.js) with the arguments it was given, or, when
 * that file is gone, bin/mcp-workflow.js of the newest `EXTENSION_ID-VERSION` folder in the same extensions folder.
 */
export function launcherSource(cliPath: string, extensionId: string): string {
  return `#!/usr/bin/env node
// Written by ${extensionId} (MCP Workflow Kit) each time it activates; a watched .vscode/mcp.json entry runs this file,
// so the entry keeps working when the extension is updated to a new folder. Do not edit: it is rewritten.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const recorded = ${JSON.stringify(cliPath)};
const prefix = ${JSON.stringify(`${extensionId.toLowerCase()}-`)};

/** The version parts of an install folder's name, for ordering (1.10.0 after 1.9.0). */
function versionOf(name) {
  return name.slice(prefix.length).split(/[.-]/).map((p) => (/^\\d+$/.test(p) ? Number(p) : -1));
}

function newer(a, b) {
  const x = versionOf(a), y = versionOf(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] ?? -1) !== (y[i] ?? -1)) return (x[i] ?? -1) > (y[i] ?? -1);
  return false;
}

/** bin/mcp-workflow.js of the newest install beside the recorded one. */
function newestInstall() {
  const extensions = path.dirname(path.dirname(path.dirname(recorded)));
  let names = [];
  try {
    names = fs.readdirSync(extensions).filter((n) => n.toLowerCase().startsWith(prefix) && fs.existsSync(path.join(extensions, n, 'bin', 'mcp-workflow.js')));
  } catch {
    return undefined;
  }
  const best = names.reduce((a, b) => (a === undefined || newer(b, a) ? b : a), undefined);
  return best === undefined ? undefined : path.join(extensions, best, 'bin', 'mcp-workflow.js');
}

const cli = fs.existsSync(recorded) ? recorded : newestInstall();
if (!cli) {
  process.stderr.write('mcp-workflow launcher: the MCP Workflow Kit extension is not installed any more (' + recorded + ' is gone); remove this watched entry from mcp.json or watch the server again\\n');
  process.exit(2);
}
require(cli);
`;
}
