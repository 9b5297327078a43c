/**
 * A Graph URL or authority host of another Microsoft cloud than INTUNE_MCP_CLOUD is said at start-up, on stderr,
 * naming the setting and the fix; a proxy or test host is not, and neither is a matching pair. The ready line names
 * where the sign-in goes.
 */
import { afterEach, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../helpers/mcp-harness.js';

const APP_ONLY = {
  PATH: process.env.PATH ?? '',
  INTUNE_MCP_AUTH: 'client-secret',
  AZURE_TENANT_ID: '7c9d1e2f-3a4b-4c5d-8e6f-0a1b2c3d4e5f',
  AZURE_CLIENT_ID: '3f0a8c1e-5b7d-4e2a-9c6f-1d8e7b4a2c90',
  AZURE_CLIENT_SECRET: 'Qx8~mismatch.s3cr3t-Value_0123456789abcd',
};

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/**
 * The server's stderr once it is ready. The handshake is answered before the server itself has loaded (src/start.ts),
 * so the ready line, and the warnings written right after it, are waited for.
 */
async function startupLines(env: Record<string, string>): Promise<string> {
  server = await startServer({ ...APP_ONLY, ...env });
  await server.client.listTools();
  for (let waited = 0; !server.stderr().includes('ready') && waited < 10_000; waited += 20) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await new Promise((resolve) => setTimeout(resolve, 100));
  return server.stderr();
}

it('US Gov with the global Graph URL: a warning naming both settings and the fix', async () => {
  const stderr = await startupLines({
    INTUNE_MCP_CLOUD: 'usgov',
    INTUNE_MCP_GRAPH_URL: 'https://graph.microsoft.com/beta',
  });
  expect(stderr).toContain(
    'warning: INTUNE_MCP_GRAPH_URL is the Graph of the global cloud (graph.microsoft.com), but INTUNE_MCP_CLOUD is usgov',
  );
  expect(stderr).toContain('Set INTUNE_MCP_CLOUD=global, or remove INTUNE_MCP_GRAPH_URL.');
  expect(stderr).toContain('sign-in client-secret at https://login.microsoftonline.us');
  expect(stderr).not.toContain(APP_ONLY.AZURE_CLIENT_SECRET);
});

it("China with US Gov's authority: a warning naming AZURE_AUTHORITY_HOST", async () => {
  const stderr = await startupLines({
    INTUNE_MCP_CLOUD: 'china',
    AZURE_AUTHORITY_HOST: 'https://login.microsoftonline.us',
  });
  expect(stderr).toContain(
    'warning: AZURE_AUTHORITY_HOST is the Entra ID of the usgov/usgov-dod cloud (login.microsoftonline.us), but INTUNE_MCP_CLOUD is china',
  );
});

it('DoD with the shared US Gov authority, or a proxy and a private authority: no warning', async () => {
  const settings: Record<string, string>[] = [
    { INTUNE_MCP_CLOUD: 'usgov-dod', AZURE_AUTHORITY_HOST: 'https://login.microsoftonline.us' },
    { INTUNE_MCP_GRAPH_URL: 'https://graph-proxy.contoso.com/beta', AZURE_AUTHORITY_HOST: 'https://login.contoso.com' },
  ];
  for (const env of settings) {
    const stderr = await startupLines(env);
    expect(stderr).toContain('ready: Graph');
    expect(stderr).not.toContain('warning');
    await server?.close();
    server = undefined;
  }
});
