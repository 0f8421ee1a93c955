// From a name in the source (the "Call tool" code lens) to the panel of the running server that exposes it:
// one running server with it opens at once, several ask which, none offers to start a configured server and
// looks again, and a name no server exposes says so.
import * as vscode from 'vscode';
import type { HubServer } from '../../core/mcp/server-hub';
import type { ItemRef } from '../panel/call-panel';
import type { ServerController } from './controller';
import { offerTrust } from './controller';

export async function openByName(controller: ServerController, kind: 'tool' | 'prompt', name: string | undefined, open: (ref: ItemRef) => void): Promise<void> {
  if (!name) {
    name = await vscode.window.showInputBox({ title: kind === 'tool' ? 'Call tool' : 'Get prompt', prompt: `The ${kind}'s name` });
    if (!name) return;
  }
  if (!vscode.workspace.isTrusted) {
    await offerTrust();
    return;
  }
  const exposes = (s: HubServer): boolean => (kind === 'tool' ? s.lists?.tools : s.lists?.prompts)?.some((x) => x.name === name) ?? false;
  const running = controller.hub.all().filter(exposes);
  if (running.length > 0) {
    const server = running.length === 1 ? running[0] : await pickServer(running, `Which server's ${kind} ${name}?`);
    if (server) open({ serverId: server.id, kind, name });
    return;
  }
  const idle = controller.hub.all().filter((s) => s.status.state !== 'running' && s.status.state !== 'starting');
  const all = controller.hub.all();
  if (idle.length === 0) {
    void vscode.window.showInformationMessage(
      all.length === 0
        ? `No server is configured: add one to .vscode/mcp.json to call ${kind} ${name}.`
        : `No configured server exposes ${kind} "${name}" (running: ${all.map((s) => s.name).join(', ')}).`,
    );
    return;
  }
  const server = await pickServer(idle, `No running server exposes ${kind} "${name}". Start one and look for it there:`, 'Start ');
  if (!server) return;
  if (!(await controller.start(server.id))) return;
  const started = controller.hub.get(server.id);
  if (started && exposes(started)) open({ serverId: server.id, kind, name });
  else void vscode.window.showWarningMessage(`The server "${server.name}" is running but does not expose ${kind} "${name}".`);
}

async function pickServer(servers: HubServer[], title: string, verb = ''): Promise<HubServer | undefined> {
  const picked = await vscode.window.showQuickPick(
    servers.map((s) => ({ label: `${verb}${s.name}`, description: s.status.state, detail: vscode.workspace.asRelativePath(s.configFile), server: s })),
    { title, placeHolder: title },
  );
  return picked?.server;
}
