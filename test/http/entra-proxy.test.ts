/**
 * HTTP mode behind a corporate proxy: reading Entra ID's OpenID configuration and key set, the On-Behalf-Of exchange
 * and Graph all follow HTTPS_PROXY, as the server's own sign-in and Graph do in stdio mode (test/graph/proxy-e2e.test.ts).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type GraphSimulator, startGraphSimulator } from '../../src/simulator/graph-simulator.js';
import { type ConnectProxy, startConnectProxy } from '../helpers/connect-proxy.js';
import { type FakeEntra, startFakeEntra } from '../helpers/fake-entra.js';
import { connectHttpClient, entraModeEnv, type HttpServerProcess, startHttpServerProcess } from './http-harness.js';

const API_CLIENT_ID = '7e57c0de-0000-4000-8000-00000000beef';
const API_SECRET = 'Pr0xy~Secret-For_Tests~0123456789abcdef';
const KIOSK_ID = 'e6742553-2553-e674-5325-74e6532574e6';

let entra: FakeEntra;
let sim: GraphSimulator;
let proxy: ConnectProxy;
let server: HttpServerProcess;

beforeAll(async () => {
  entra = await startFakeEntra();
  entra.registerApp({ clientId: API_CLIENT_ID, secret: API_SECRET });
  sim = await startGraphSimulator({ acceptedTokens: entra.issuedTokens });
  proxy = await startConnectProxy();
  server = await startHttpServerProcess({
    ...entraModeEnv(entra, { clientId: API_CLIENT_ID, secret: API_SECRET }, sim.baseUrl),
    HTTPS_PROXY: proxy.url,
  });
});
afterAll(async () => {
  await server?.close();
  await proxy?.close();
  await sim?.close();
  await entra?.close();
});

it('the key set, the On-Behalf-Of exchange and Graph all go through HTTPS_PROXY', async () => {
  const entraHost = new URL(entra.authorityHost).host;
  // At start-up the server reads the OpenID configuration and the key set: through the proxy, before any exchange.
  const deadline = Date.now() + 10_000;
  while (entra.keySetRequests === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  expect(entra.keySetRequests).toBe(1);
  expect(entra.tokenRequests).toEqual([]);
  const keyTunnels = proxy.tunnels.filter((target) => target === entraHost).length;
  expect(keyTunnels).toBeGreaterThanOrEqual(1);

  const client = await connectHttpClient(
    server.endpoint,
    entra.issueUserToken({ oid: 'proxy-user', aud: API_CLIENT_ID }),
  );
  expect((await client.call('get-enrollment-profile', { id: KIOSK_ID })).isError).toBeFalsy();
  await client.close();

  expect(entra.oboExchanges).toHaveLength(1);
  // The exchange is @azure/identity's own HTTP client: a tunnel of its own to Entra ID, through the same proxy.
  expect(proxy.tunnels.filter((target) => target === entraHost).length).toBeGreaterThan(keyTunnels);
  expect(proxy.forwarded.some((url) => url.startsWith(sim.baseUrl))).toBe(true);
});
