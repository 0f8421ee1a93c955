// Builds one McpServer with every example tool and prompt. Over Streamable HTTP each session gets its own
// McpServer, but all of them share one ExampleState, the way real sessions share one backend.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { registerPrompts } from './prompts';
import { registerResources } from './resources';
import type { ExampleState } from './state';
import { registerCandidateTools } from './tools/candidates';
import { registerCustomerTools } from './tools/customers';
import { registerEntityTools } from './tools/entities';
import { registerExportTools } from './tools/exports';
import { registerExternalTools } from './tools/external';
import { registerMigrationTools } from './tools/migration';
import { registerWorkflowTools } from './tools/workflow';

/** The example server's name and version, as clients see them in initialize. */
export const serverInfo = { name: 'mcp-workflow-kit-example', version: '0.1.0' };

/** Creates a server with all tools and prompts registered; connect it to one transport. */
export function createExampleServer(state: ExampleState): McpServer {
  const server = new McpServer(serverInfo, { capabilities: { logging: {} } });
  registerCustomerTools(server);
  registerWorkflowTools(server, state);
  registerCandidateTools(server);
  registerEntityTools(server, state);
  registerMigrationTools(server, state);
  registerExternalTools(server, state);
  registerExportTools(server, state);
  registerPrompts(server);
  registerResources(server);
  return server;
}
