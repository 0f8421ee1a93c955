// Where the Go fixture servers scripts/test-go.sh builds are: $MCPWK_GO_SERVER (the go-sdk customer-analysis server)
// $MCPWK_GO_MCPGO_SERVER (the mcp-go notes server), $MCPWK_GO_PACKAGE_SERVER (the go-sdk notes server of several
// files) and $MCPWK_GO_RESOURCES_MCPGO / $MCPWK_GO_RESOURCES_GOSDK (the library resources servers), else where that
// script puts them.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const goFixtureDir = resolve(__dirname, '../fixtures/go');
const binDir = join(homedir(), '.cache', 'mcp-workflow-kit', 'go-bin');

function built(variable: string, name: string): string {
  const path = process.env[variable] ?? join(binDir, name);
  if (!existsSync(path)) throw new Error(`no Go server at ${path}: run \`npm run test:go\`, which builds it first`);
  return path;
}

/** The go-sdk customer-analysis server binary. */
export const goSdkServer = (): string => built('MCPWK_GO_SERVER', 'gosdk-customer-server');
/** The mcp-go notes server binary. */
export const mcpGoServer = (): string => built('MCPWK_GO_MCPGO_SERVER', 'mcpgo-notes-server');
/** The go-sdk notes server whose tools are declared across its package's files. */
export const goPackageServer = (): string => built('MCPWK_GO_PACKAGE_SERVER', 'gosdk-package-server');
/** The mcp-go library server of resources and templates. */
export const mcpGoResourcesServer = (): string => built('MCPWK_GO_RESOURCES_MCPGO', 'resources-mcpgo-server');
/** The go-sdk library server of resources and templates. */
export const goSdkResourcesServer = (): string => built('MCPWK_GO_RESOURCES_GOSDK', 'resources-gosdk-server');
