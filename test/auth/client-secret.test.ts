/**
 * Sign-in with an app registration's client secret, end to end: the built server over stdio, the real
 * @azure/identity credential inside it, the fake Entra ID over HTTPS and the Graph simulator, which accepts only
 * tokens the fake actually issued.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { type GraphSimulator, startGraphSimulator } from '../../src/simulator/graph-simulator.js';
import { type FakeEntra, startFakeEntra } from '../helpers/fake-entra.js';
import { type RunningServer, startServer, textOf } from '../helpers/mcp-harness.js';
import { CLIENT_ID, CLIENT_SECRET, KIOSK_ID, signInEnv } from './sign-in-env.js';

let entra: FakeEntra;
let sim: GraphSimulator;
const servers: RunningServer[] = [];

async function start(extra: Record<string, string> = {}): Promise<RunningServer> {
  const server = await startServer(signInEnv(entra, sim, extra));
  servers.push(server);
  return server;
}

beforeAll(async () => {
  entra = await startFakeEntra();
  entra.registerApp({ clientId: CLIENT_ID, secret: CLIENT_SECRET });
  sim = await startGraphSimulator({ acceptedTokens: entra.issuedTokens }); // the live list: only issued tokens pass
});
afterAll(async () => {
  await sim.close();
  await entra.close();
});
beforeEach(() => {
  entra.tokenRequests.length = 0;
  entra.tokenLifetimeSeconds = 3599;
  sim.requests.length = 0;
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

describe('client-secret: the token reaches Graph, with the scope of the chosen cloud', () => {
  // INTUNE_MCP_GRAPH_URL and AZURE_AUTHORITY_HOST point at loopback here, so this also shows that the scope follows
  // the cloud and not the overridden URLs.
  it.each([
    ['global', 'https://graph.microsoft.com/.default'],
    ['usgov', 'https://graph.microsoft.us/.default'],
    ['usgov-dod', 'https://dod-graph.microsoft.us/.default'],
    ['china', 'https://microsoftgraph.chinacloudapi.cn/.default'],
  ])('%s: %s', async (cloud, scope) => {
    const server = await start({ INTUNE_MCP_CLOUD: cloud });
    const result = await server.call('get-enrollment-profile', { id: KIOSK_ID });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ id: KIOSK_ID });

    expect(entra.tokenRequests).toHaveLength(1);
    const [tokenRequest] = entra.tokenRequests;
    expect(tokenRequest).toMatchObject({
      grantType: 'client_credentials',
      clientId: CLIENT_ID,
      tenant: entra.tenantId,
    });
    expect(tokenRequest?.scope).toBe(scope);
    const issued = entra.issuedTokens.at(-1);
    expect(issued).toMatch(/^eyJ/);
    expect(sim.requests.map((r) => r.headers.authorization)).toEqual([`Bearer ${issued}`]);
  });
});

it('default mode (DefaultAzureCredential) signs in through the same AZURE_* variables', async () => {
  const server = await start({ INTUNE_MCP_AUTH: 'default' });
  const result = await server.call('list-enrollment-profiles', {});
  expect(result.isError).toBeFalsy();
  expect(entra.tokenRequests).toHaveLength(1);
  expect(entra.tokenRequests[0]).toMatchObject({
    grantType: 'client_credentials',
    scope: 'https://graph.microsoft.com/.default',
  });
  expect(sim.requests[0]?.headers.authorization).toBe(`Bearer ${entra.issuedTokens.at(-1)}`);
});

describe('sign-in failures are readable isError results and nothing reaches Graph', () => {
  it('a wrong secret: names the credential, AADSTS7000215 and the fix, never the secret', async () => {
    const wrongSecret = 'Wr0ng~secret.value-9876543210zyxwvuts';
    const server = await start({ AZURE_CLIENT_SECRET: wrongSecret });
    const result = await server.call('update-enrollment-profile', { id: KIOSK_ID, displayName: 'never sent' });
    const text = textOf(result);
    expect(result.isError).toBe(true);
    expect(text).toContain('client-secret (ClientSecretCredential)');
    expect(text).toContain('AADSTS7000215');
    expect(text).toMatch(/Fix: .*AZURE_CLIENT_SECRET/);
    expect(text).toContain('nothing was sent to Graph');
    expect(text).not.toContain(wrongSecret);
    expect(server.stderr()).not.toContain(wrongSecret);
    expect(entra.tokenRequests.map((r) => 'error' in r.outcome && r.outcome.error)).toContain('invalid_client');
    expect(sim.requests).toHaveLength(0);
  });

  it('an unknown app: AADSTS700016 with the fix', async () => {
    const server = await start({ AZURE_CLIENT_ID: '99999999-8888-7777-6666-555555555555' });
    const result = await server.call('get-enrollment-profile', { id: KIOSK_ID });
    const text = textOf(result);
    expect(result.isError).toBe(true);
    expect(text).toContain('AADSTS700016');
    expect(text).toMatch(/Fix: .*AZURE_CLIENT_ID/);
    expect(text).not.toContain(CLIENT_SECRET);
    expect(sim.requests).toHaveLength(0);
  });

  it('a token endpoint that never answers times out after INTUNE_MCP_TIMEOUT_MS instead of hanging the call', async () => {
    entra.hangTokenRequests = true;
    try {
      const server = await start({ INTUNE_MCP_TIMEOUT_MS: '1500' });
      const started = performance.now();
      const result = await server.call('get-enrollment-profile', { id: KIOSK_ID });
      const ms = performance.now() - started;
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/Timed out: Entra ID \(https:\/\/127\.0\.0\.1:\d+\) gave no token within 1500 ms/);
      expect(ms).toBeGreaterThanOrEqual(1400);
      expect(ms).toBeLessThan(10_000);
      expect(sim.requests).toHaveLength(0);
    } finally {
      entra.hangTokenRequests = false;
    }
  });
});

describe('the token is shared and refreshed', () => {
  it('20 concurrent first calls make exactly one token request', async () => {
    const server = await start();
    const results = await Promise.all(
      Array.from({ length: 20 }, () => server.call('get-enrollment-profile', { id: KIOSK_ID })),
    );
    expect(results.filter((r) => r.isError)).toEqual([]);
    expect(entra.tokenRequests).toHaveLength(1);
    expect(new Set(sim.requests.map((r) => r.headers.authorization))).toEqual(
      new Set([`Bearer ${entra.issuedTokens.at(-1)}`]),
    );
    expect(sim.requests).toHaveLength(20);
  });

  it('a short-lived token is refreshed in the background before it expires', async () => {
    entra.tokenLifetimeSeconds = 6; // refreshed after half its lifetime: 3 s, loose enough for a busy machine
    const server = await start();
    const get = async () => expect((await server.call('get-enrollment-profile', { id: KIOSK_ID })).isError).toBeFalsy();
    await get();
    await get();
    expect(entra.tokenRequests).toHaveLength(1); // still fresh: reused
    await new Promise((resolve) => setTimeout(resolve, 3_500));
    await get(); // in the refresh window: served at once with the current token, a refresh starts behind it
    await vi.waitFor(() => expect(entra.tokenRequests).toHaveLength(2), { timeout: 5_000 });
    await get();
    const [first, second] = entra.issuedTokens.slice(-2);
    expect(first).not.toBe(second);
    expect(sim.requests.map((r) => r.headers.authorization)).toEqual([
      `Bearer ${first}`,
      `Bearer ${first}`,
      `Bearer ${first}`,
      `Bearer ${second}`,
    ]);
  });

  const graph401 = JSON.stringify({
    error: { code: 'InvalidAuthenticationToken', message: 'Lifetime validation failed, the token is expired.' },
  });

  it('Graph refusing a token (401) gets one new token and one retry', async () => {
    const server = await start();
    sim.addFaults({ status: 401, body: graph401 });
    const result = await server.call('get-enrollment-profile', { id: KIOSK_ID });
    expect(result.isError).toBeFalsy();
    expect(entra.tokenRequests).toHaveLength(2);
    const [first, second] = entra.issuedTokens.slice(-2);
    expect(sim.requests.map((r) => r.headers.authorization)).toEqual([`Bearer ${first}`, `Bearer ${second}`]);
  });

  it('…and never loops when Graph keeps refusing', async () => {
    const server = await start();
    sim.addFaults({ status: 401, body: graph401 }, { status: 401, body: graph401 }); // a third request would succeed
    const result = await server.call('get-enrollment-profile', { id: KIOSK_ID });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('401');
    expect(textOf(result)).toContain('InvalidAuthenticationToken');
    expect(entra.tokenRequests).toHaveLength(2);
    expect(sim.requests).toHaveLength(2);
  });

  /** Entra refusing every token request from now on, as it does once the app's secret has expired. */
  const EXPIRED_SECRET = {
    status: 401,
    error: 'invalid_client',
    code: 7000222,
    description: `AADSTS7000222: The provided client secret keys for app '${CLIENT_ID}' are expired.`,
  };

  it('…and when Entra then refuses a new token, says Graph refused the request (not that nothing was sent)', async () => {
    const server = await start();
    expect((await server.call('get-enrollment-profile', { id: KIOSK_ID })).isError).toBeFalsy(); // a token in hand
    sim.addFaults({ status: 401, body: graph401 });
    entra.tokenFault = EXPIRED_SECRET;
    try {
      const result = await server.call('update-enrollment-profile', { id: KIOSK_ID, displayName: 'never applied' });
      const text = textOf(result);
      expect(result.isError).toBe(true);
      expect(text).toContain(
        'Graph refused the access token (HTTP 401) and a new one could not be obtained; the refused request was not applied',
      );
      expect(text).toContain('AADSTS7000222');
      expect(text).not.toContain('nothing was sent to Graph');
      expect(text).toContain('Nothing was changed.');
    } finally {
      entra.tokenFault = undefined;
    }
    expect(sim.requests).toHaveLength(2); // the first call's, and the one Graph refused
  });

  it('…and after an earlier attempt got a 504, says the write may have been applied, not that nothing changed', async () => {
    const server = await start();
    expect((await server.call('get-enrollment-profile', { id: KIOSK_ID })).isError).toBeFalsy(); // a token in hand
    // The first PATCH is carried out but its answer lost (504); the retry meets a 401, and the refresh is refused.
    sim.addFaults({ method: 'PATCH', processThen: { status: 504 } }, { method: 'PATCH', status: 401, body: graph401 });
    entra.tokenFault = EXPIRED_SECRET;
    try {
      const result = await server.call('update-enrollment-profile', { id: KIOSK_ID, displayName: 'landed early' });
      const text = textOf(result);
      expect(result.isError).toBe(true);
      expect(text).toContain('An earlier attempt (an HTTP 5xx or a dropped connection) may have been applied.');
      expect(text).toContain('The change may or may not have been applied');
      expect(text).not.toContain('Nothing was changed.');
      expect(sim.profiles.get(KIOSK_ID)?.displayName).toBe('landed early'); // it had, in fact
    } finally {
      entra.tokenFault = undefined;
    }
  });
});
