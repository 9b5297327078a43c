/**
 * Behind a corporate proxy, end to end: the built server signs in (client secret, the real @azure/identity) at the fake
 * Entra ID and calls a Graph over HTTPS, both on loopback, with HTTPS_PROXY pointing at a CONNECT proxy that counts the
 * tunnels to each target. Sign-in and Graph follow the same variables and the same NO_PROXY rules; loopback is not
 * exempt for either; the simulator is never proxied; a proxy password is never shown.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type GraphSimulator, startGraphSimulator } from '../../src/simulator/graph-simulator.js';
import { CLIENT_ID, CLIENT_SECRET, KIOSK_ID } from '../auth/sign-in-env.js';
import { type ConnectProxy, startConnectProxy } from '../helpers/connect-proxy.js';
import { type FakeEntra, startFakeEntra } from '../helpers/fake-entra.js';
import { type HttpsFront, startHttpsFront } from '../helpers/https-front.js';
import { type RunningServer, startServer, textOf } from '../helpers/mcp-harness.js';

const PROXY_USER = 'svc-intune';
const PROXY_PASSWORD = 'Pr0xy-Pa55w0rd-do-not-show';

let dir: string;
let entra: FakeEntra;
let sim: GraphSimulator;
let graph: HttpsFront;
let caBundle: string;
let proxy: ConnectProxy;
let server: RunningServer | undefined;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'intune-mcp-proxy-'));
  entra = await startFakeEntra();
  entra.registerApp({ clientId: CLIENT_ID, secret: CLIENT_SECRET });
  sim = await startGraphSimulator({ acceptedTokens: entra.issuedTokens });
  graph = await startHttpsFront(sim.baseUrl, dir);
  // NODE_EXTRA_CA_CERTS takes one file: both self-signed certificates in it.
  caBundle = join(dir, 'ca-bundle.pem');
  const certificates = await Promise.all([readFile(entra.caCertPath, 'utf8'), readFile(graph.caCertPath, 'utf8')]);
  await writeFile(caBundle, certificates.join('\n'));
});
afterAll(async () => {
  await graph.close();
  await sim.close();
  await entra.close();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(() => {
  sim.requests.length = 0;
  entra.tokenRequests.length = 0;
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  await proxy?.close();
});

const hostOf = (origin: string) => new URL(origin).host;

function signInEnv(extra: Record<string, string>): Record<string, string> {
  return {
    NODE_EXTRA_CA_CERTS: caBundle,
    AZURE_AUTHORITY_HOST: entra.authorityHost,
    AZURE_TENANT_ID: entra.tenantId,
    AZURE_CLIENT_ID: CLIENT_ID,
    AZURE_CLIENT_SECRET: CLIENT_SECRET,
    INTUNE_MCP_AUTH: 'client-secret',
    INTUNE_MCP_GRAPH_URL: graph.baseUrl,
    ...extra,
  };
}

describe('HTTPS_PROXY', () => {
  it('carries both the sign-in and the Graph call, loopback targets included', async () => {
    proxy = await startConnectProxy();
    server = await startServer(signInEnv({ HTTPS_PROXY: proxy.url }));
    const result = await server.call('get-enrollment-profile', { id: KIOSK_ID });
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ id: KIOSK_ID });

    const count = (target: string) => proxy.tunnels.filter((tunnel) => tunnel === target).length;
    expect(count(hostOf(entra.authorityHost))).toBeGreaterThanOrEqual(1); // @azure/identity: no loopback exemption…
    expect(count(hostOf(graph.origin))).toBe(1); // …and Graph the same, over one kept-alive connection
    expect(proxy.tunnels.length).toBe(count(hostOf(entra.authorityHost)) + 1);
    expect(entra.tokenRequests).toHaveLength(1);
    expect(sim.requests).toHaveLength(1);

    await server.call('get-enrollment-profile', { id: KIOSK_ID });
    expect(count(hostOf(graph.origin))).toBe(1); // the tunnel is reused
  });

  it('keeps Graph within its 16 connections through the proxy', async () => {
    proxy = await startConnectProxy();
    server = await startServer(signInEnv({ HTTPS_PROXY: proxy.url }));
    // Slow answers, so that concurrent calls need connections of their own.
    sim.addFaults(...Array.from({ length: 40 }, () => ({ method: 'GET', delayMs: 150, passThrough: true })));
    const calls = Array.from({ length: 40 }, () => server?.call('get-enrollment-profile', { id: KIOSK_ID }));
    const results = await Promise.all(calls);
    expect(results.every((result) => !result?.isError)).toBe(true);
    const toGraph = proxy.tunnels.filter((tunnel) => tunnel === hostOf(graph.origin)).length;
    expect(toGraph).toBeGreaterThan(1);
    expect(toGraph).toBeLessThanOrEqual(16);
  });

  it('NO_PROXY naming the loopback host: nothing goes through the proxy', async () => {
    proxy = await startConnectProxy();
    server = await startServer(signInEnv({ HTTPS_PROXY: proxy.url, NO_PROXY: 'login.example, 127.0.0.1' }));
    const result = await server.call('get-enrollment-profile', { id: KIOSK_ID });
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(proxy.tunnels).toEqual([]);
    expect(proxy.forwarded).toEqual([]);
    expect(sim.requests).toHaveLength(1);
  });

  it('NO_PROXY entries with a port or a wildcard match nothing, for sign-in and Graph alike', async () => {
    proxy = await startConnectProxy();
    const noProxy = `${hostOf(graph.origin)},${hostOf(entra.authorityHost)},*`;
    server = await startServer(signInEnv({ HTTPS_PROXY: proxy.url, NO_PROXY: noProxy }));
    const result = await server.call('get-enrollment-profile', { id: KIOSK_ID });
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(proxy.tunnels).toContain(hostOf(graph.origin));
    expect(proxy.tunnels).toContain(hostOf(entra.authorityHost));
  });

  it('lower-case https_proxy with a user and password: both authenticate, and the password is never shown', async () => {
    proxy = await startConnectProxy({ user: PROXY_USER, password: PROXY_PASSWORD });
    const proxyUrl = proxy.url.replace('http://', `http://${PROXY_USER}:${encodeURIComponent(PROXY_PASSWORD)}@`);
    server = await startServer(signInEnv({ https_proxy: proxyUrl }));
    const result = await server.call('get-enrollment-profile', { id: KIOSK_ID });
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(proxy.refused).toBe(0);
    expect(proxy.tunnels).toContain(hostOf(graph.origin));
    expect(proxy.tunnels).toContain(hostOf(entra.authorityHost));
    expect(`${JSON.stringify(result)}\n${server.stderr()}`).not.toContain(PROXY_PASSWORD);
  });

  it('a proxy that refuses the sign-in: an isError result, never the proxy password', async () => {
    proxy = await startConnectProxy({ user: PROXY_USER, password: 'the-right-one' });
    const proxyUrl = proxy.url.replace('http://', `http://${PROXY_USER}:${PROXY_PASSWORD}@`);
    server = await startServer(signInEnv({ HTTPS_PROXY: proxyUrl, INTUNE_MCP_MAX_RETRIES: '0' }));
    const result = await server.call('get-enrollment-profile', { id: KIOSK_ID });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('client-secret (ClientSecretCredential)');
    expect(proxy.refused).toBeGreaterThan(0);
    expect(`${JSON.stringify(result)}\n${server.stderr()}`).not.toContain(PROXY_PASSWORD);
    expect(sim.requests).toHaveLength(0);
  });

  it('a proxy that refuses the credentials: an isError result naming the proxy, never its password', async () => {
    proxy = await startConnectProxy({ user: PROXY_USER, password: 'the-right-one' });
    const proxyUrl = proxy.url.replace('http://', `http://${PROXY_USER}:${PROXY_PASSWORD}@`);
    server = await startServer({
      NODE_EXTRA_CA_CERTS: caBundle,
      INTUNE_MCP_GRAPH_URL: graph.baseUrl,
      INTUNE_MCP_ACCESS_TOKEN: 'static-token-0123456789',
      INTUNE_MCP_MAX_RETRIES: '0',
      HTTPS_PROXY: proxyUrl,
    });
    const result = await server.call('get-enrollment-profile', { id: KIOSK_ID });
    expect(result.isError).toBe(true);
    const text = textOf(result);
    expect(text).toMatch(/407/);
    expect(text).toContain(`through the proxy ${proxy.url} from HTTPS_PROXY`);
    expect(text).toContain('check the user name and password in HTTPS_PROXY');
    expect(`${JSON.stringify(result)}\n${server.stderr()}`).not.toContain(PROXY_PASSWORD);
    expect(sim.requests).toHaveLength(0);
  });
});

it('--simulate never goes through the proxy', async () => {
  proxy = await startConnectProxy();
  server = await startServer({ HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url }, ['--simulate']);
  const result = await server.call('get-enrollment-profile', { id: KIOSK_ID });
  expect(result.isError, textOf(result)).toBeFalsy();
  expect(proxy.tunnels).toEqual([]);
  expect(proxy.forwarded).toEqual([]);
});
