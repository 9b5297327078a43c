/**
 * Delegated sign-in with a device code, end to end: the real DeviceCodeCredential in the spawned server asks the fake
 * Entra ID for a code, the prompt reaches the person on stderr and as an MCP logging notification (never as stray
 * stdout, which would corrupt JSON-RPC), and the credential polls until the "user" has signed in.
 */
import { LoggingMessageNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { type GraphSimulator, startGraphSimulator } from '../../src/simulator/graph-simulator.js';
import { type FakeEntra, startFakeEntra } from '../helpers/fake-entra.js';
import { type RunningServer, startServer } from '../helpers/mcp-harness.js';
import { KIOSK_ID } from './sign-in-env.js';

const PUBLIC_CLIENT_ID = '04b07795-8ddb-461a-bbee-02f9e1bf7b46';
const PROMPT =
  /Sign-in required: To sign in, use a web browser to open the page https:\/\/microsoft\.com\/devicelogin and enter the code [0-9A-F]{10}/;

/** Short, so the second test sees a refresh; long enough that the first test's two calls share one token. */
const TOKEN_LIFETIME_SECONDS = 6;

let entra: FakeEntra;
let sim: GraphSimulator;
let server: RunningServer;

beforeAll(async () => {
  entra = await startFakeEntra();
  entra.registerApp({ clientId: PUBLIC_CLIENT_ID });
  entra.pendingPolls = 1; // the first poll finds the user has not signed in yet
  entra.tokenLifetimeSeconds = TOKEN_LIFETIME_SECONDS;
  sim = await startGraphSimulator({ acceptedTokens: entra.issuedTokens });
  server = await startServer({
    NODE_EXTRA_CA_CERTS: entra.caCertPath,
    AZURE_AUTHORITY_HOST: entra.authorityHost,
    AZURE_TENANT_ID: entra.tenantId,
    AZURE_CLIENT_ID: PUBLIC_CLIENT_ID,
    INTUNE_MCP_AUTH: 'device-code',
    INTUNE_MCP_GRAPH_URL: sim.baseUrl,
  });
});
afterAll(async () => {
  await server.close();
  await sim.close();
  await entra.close();
});

it("shows the prompt on stderr and as a logging notification, then uses the signed-in user's token", async () => {
  const notifications: string[] = [];
  const protocolErrors: Error[] = [];
  server.client.setNotificationHandler(LoggingMessageNotificationSchema, (notification) => {
    notifications.push(String(notification.params.data));
  });
  server.client.onerror = (error) => protocolErrors.push(error); // any non-JSON-RPC line on stdout lands here

  const result = await server.call('get-enrollment-profile', { id: KIOSK_ID });
  expect(result.isError).toBeFalsy();

  expect(protocolErrors).toEqual([]);
  expect(notifications.some((text) => PROMPT.test(text))).toBe(true);
  expect(server.stderr()).toMatch(PROMPT);

  const grants = entra.tokenRequests.map((r) => [r.grantType, 'error' in r.outcome ? r.outcome.error : 'token']);
  expect(grants).toEqual([
    ['device_code', 'authorization_pending'],
    ['device_code', 'token'],
  ]);
  expect(entra.tokenRequests[1]?.scope.split(' ')).toContain('https://graph.microsoft.com/.default');
  expect(sim.requests[0]?.headers.authorization).toBe(`Bearer ${entra.issuedTokens.at(-1)}`);

  // The person signs in once: the next call reuses the token without another prompt.
  expect((await server.call('get-enrollment-profile', { id: KIOSK_ID })).isError).toBeFalsy();
  expect(entra.tokenRequests).toHaveLength(2);
  expect(notifications.filter((text) => PROMPT.test(text))).toHaveLength(1);
});

it('refreshes the expiring delegated token with the refresh token, without prompting again', async () => {
  const notifications: string[] = [];
  server.client.setNotificationHandler(LoggingMessageNotificationSchema, (notification) => {
    notifications.push(String(notification.params.data));
  });
  entra.tokenRequests.length = 0;
  await new Promise((resolve) => setTimeout(resolve, (TOKEN_LIFETIME_SECONDS / 2) * 1000 + 500)); // past refresh time
  expect((await server.call('get-enrollment-profile', { id: KIOSK_ID })).isError).toBeFalsy(); // starts the refresh
  await vi.waitFor(() => expect(entra.tokenRequests.map((r) => r.grantType)).toEqual(['refresh_token']), {
    timeout: 10_000,
  });
  expect((await server.call('get-enrollment-profile', { id: KIOSK_ID })).isError).toBeFalsy();
  expect(notifications.filter((text) => PROMPT.test(text))).toEqual([]);
  expect(sim.requests.at(-1)?.headers.authorization).toBe(`Bearer ${entra.issuedTokens.at(-1)}`);
});
