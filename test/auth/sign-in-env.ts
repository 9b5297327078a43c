/**
 * The environment of a server that signs in against the fake Entra ID and talks to the Graph simulator.
 */
import type { GraphSimulator } from '../../src/simulator/graph-simulator.js';
import type { FakeEntra } from '../helpers/fake-entra.js';

export const CLIENT_ID = '3f0a8c1e-5b7d-4e2a-9c6f-1d8e7b4a2c90';
export const CLIENT_SECRET = 'Qx8~s3cr3t.Value-For_Tests~0123456789abcd';
export const KIOSK_ID = 'e6742553-2553-e674-5325-74e6532574e6';

export function signInEnv(
  entra: FakeEntra,
  sim: GraphSimulator,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    NODE_EXTRA_CA_CERTS: entra.caCertPath,
    AZURE_AUTHORITY_HOST: entra.authorityHost,
    AZURE_TENANT_ID: entra.tenantId,
    AZURE_CLIENT_ID: CLIENT_ID,
    AZURE_CLIENT_SECRET: CLIENT_SECRET,
    INTUNE_MCP_AUTH: 'client-secret',
    INTUNE_MCP_GRAPH_URL: sim.baseUrl,
    ...extra,
  };
}
