/**
 * Sign-in with an app registration's certificate, end to end: the real ClientCertificateCredential in the spawned
 * server signs a client assertion with an openssl-generated key; the fake Entra ID verifies its signature against the
 * registered certificate and its aud/iss/sub claims before issuing a token.
 */
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { type GraphSimulator, startGraphSimulator } from '../../src/simulator/graph-simulator.js';
import { type FakeEntra, startFakeEntra } from '../helpers/fake-entra.js';
import { type RunningServer, startServer, textOf } from '../helpers/mcp-harness.js';
import { CLIENT_ID, KIOSK_ID, signInEnv } from './sign-in-env.js';

let entra: FakeEntra;
let sim: GraphSimulator;
let registered: { pemPath: string; certificatePem: string };
let server: RunningServer | undefined;

function certificateEnv(pemPath: string): Record<string, string> {
  const { AZURE_CLIENT_SECRET: _noSecret, ...env } = signInEnv(entra, sim, {
    INTUNE_MCP_AUTH: 'client-certificate',
    AZURE_CLIENT_CERTIFICATE_PATH: pemPath,
  });
  return env;
}

beforeAll(async () => {
  entra = await startFakeEntra();
  registered = await entra.createClientCertificate('intune-mcp-app');
  entra.registerApp({ clientId: CLIENT_ID, certificatePem: registered.certificatePem });
  sim = await startGraphSimulator({ acceptedTokens: entra.issuedTokens });
});
afterAll(async () => {
  await sim.close();
  await entra.close();
});
beforeEach(() => {
  entra.tokenRequests.length = 0;
  sim.requests.length = 0;
});
afterEach(async () => {
  await server?.close();
  server = undefined;
});

it('signs in with a client assertion signed by the certificate and the token reaches Graph', async () => {
  server = await startServer(certificateEnv(registered.pemPath));
  const result = await server.call('get-enrollment-profile', { id: KIOSK_ID });
  expect(result.isError).toBeFalsy();
  expect(entra.tokenRequests).toHaveLength(1);
  const [request] = entra.tokenRequests;
  expect(request?.form).toMatchObject({
    grant_type: 'client_credentials',
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    scope: 'https://graph.microsoft.com/.default',
  });
  expect(request?.form).not.toHaveProperty('client_secret');
  expect(request?.outcome).toEqual({ accessToken: entra.issuedTokens.at(-1) });
  expect(sim.requests[0]?.headers.authorization).toBe(`Bearer ${entra.issuedTokens.at(-1)}`);
});

it('a certificate the app does not know is refused (AADSTS700027) and nothing reaches Graph', async () => {
  const stranger = await entra.createClientCertificate('not-uploaded');
  server = await startServer(certificateEnv(stranger.pemPath));
  const result = await server.call('get-enrollment-profile', { id: KIOSK_ID });
  const text = textOf(result);
  expect(result.isError).toBe(true);
  expect(text).toContain('client-certificate (ClientCertificateCredential)');
  expect(text).toContain('AADSTS700027');
  expect(text).toMatch(/Fix: .*certificate/);
  expect(text).not.toMatch(/PRIVATE KEY/);
  expect(sim.requests).toHaveLength(0);
});

it('an unreadable certificate path is reported naming the credential, not as a crash', async () => {
  server = await startServer(certificateEnv('/nonexistent/intune-mcp-cert.pem'));
  const result = await server.call('get-enrollment-profile', { id: KIOSK_ID });
  expect(result.isError).toBe(true);
  expect(textOf(result)).toContain('client-certificate (ClientCertificateCredential)');
  expect(entra.tokenRequests).toHaveLength(0);
  expect(sim.requests).toHaveLength(0);
});
