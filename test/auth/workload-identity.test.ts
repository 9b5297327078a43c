/**
 * Workload identity (AKS and other federated credentials), end to end: the real WorkloadIdentityCredential reads the
 * projected token file and presents it as the client assertion; the fake Entra ID trusts that exact assertion.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type GraphSimulator, startGraphSimulator } from '../../src/simulator/graph-simulator.js';
import { type FakeEntra, startFakeEntra } from '../helpers/fake-entra.js';
import { startServer } from '../helpers/mcp-harness.js';
import { CLIENT_ID, KIOSK_ID, signInEnv } from './sign-in-env.js';

const encode = (part: unknown) => Buffer.from(JSON.stringify(part)).toString('base64url');
/** What the Kubernetes API server projects into the pod: a service account token for the Entra audience. */
const FEDERATED_TOKEN = `${encode({ alg: 'RS256', kid: 'k8s' })}.${encode({
  aud: ['api://AzureADTokenExchange'],
  iss: 'https://oidc.prod-aks.azure.com/00000000-0000-0000-0000-000000000000/',
  sub: 'system:serviceaccount:intune:intune-enrollment-mcp',
})}.c2lnbmF0dXJl`;

let entra: FakeEntra;
let sim: GraphSimulator;
let dir: string;

beforeAll(async () => {
  entra = await startFakeEntra();
  entra.registerApp({ clientId: CLIENT_ID, federatedAssertion: FEDERATED_TOKEN });
  sim = await startGraphSimulator({ acceptedTokens: entra.issuedTokens });
  dir = await mkdtemp(join(tmpdir(), 'workload-identity-'));
});
afterAll(async () => {
  await sim.close();
  await entra.close();
  await rm(dir, { recursive: true, force: true });
});

it('presents the projected token file as the client assertion and the issued token reaches Graph', async () => {
  const tokenFile = join(dir, 'azure-identity-token');
  await writeFile(tokenFile, FEDERATED_TOKEN);
  const { AZURE_CLIENT_SECRET: _noSecret, ...env } = signInEnv(entra, sim, {
    INTUNE_MCP_AUTH: 'workload-identity',
    AZURE_FEDERATED_TOKEN_FILE: tokenFile,
  });
  const server = await startServer(env);
  try {
    const result = await server.call('get-enrollment-profile', { id: KIOSK_ID });
    expect(result.isError).toBeFalsy();
    expect(entra.tokenRequests).toHaveLength(1);
    expect(entra.tokenRequests[0]?.form).toMatchObject({
      grant_type: 'client_credentials',
      client_assertion: FEDERATED_TOKEN,
      scope: 'https://graph.microsoft.com/.default',
    });
    expect(sim.requests[0]?.headers.authorization).toBe(`Bearer ${entra.issuedTokens.at(-1)}`);
  } finally {
    await server.close();
  }
});
