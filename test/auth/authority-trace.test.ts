/**
 * Sign-in that fails on the way to Entra ID, end to end: the built server over stdio, the real @azure/identity inside
 * it, and an authority that refuses the connection, has no DNS name, presents an untrusted certificate, drops the
 * connection or answers 5xx. @azure/identity reports most of these as a bare "endpoints_resolution_error: See
 * https://aka.ms/…"; the result must say what happened, where, and what to check.
 */
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GraphSimulator, startGraphSimulator } from '../../src/simulator/graph-simulator.js';
import { type ConnectProxy, startConnectProxy } from '../helpers/connect-proxy.js';
import { type FakeEntra, startFakeEntra, type TokenFault } from '../helpers/fake-entra.js';
import { startServer, textOf } from '../helpers/mcp-harness.js';
import { CLIENT_ID, CLIENT_SECRET, KIOSK_ID, signInEnv } from './sign-in-env.js';

let sim: GraphSimulator;
const fakes: FakeEntra[] = [];
beforeAll(async () => {
  sim = await startGraphSimulator({ acceptedTokens: [] });
});
afterAll(async () => {
  await sim.close();
  await Promise.all(fakes.map((fake) => fake.close()));
});

/** A fake Entra ID of the test's own (the tests run at once), failing its token requests as told. */
async function entraWith(fault?: TokenFault): Promise<FakeEntra> {
  const entra = await startFakeEntra();
  fakes.push(entra);
  entra.registerApp({ clientId: CLIENT_ID, secret: CLIENT_SECRET });
  entra.tokenFault = fault;
  return entra;
}

/** The text of one call's result, from a server with this environment; the call must fail. */
async function failedCall(env: Record<string, string>): Promise<string> {
  const server = await startServer(env);
  try {
    const result = await server.call('get-enrollment-profile', { id: KIOSK_ID });
    expect(result.isError).toBe(true);
    return textOf(result);
  } finally {
    await server.close();
  }
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const WHAT_TO_CHECK = /Fix: .*could not be reached.*HTTPS_PROXY.*DNS.*NODE_EXTRA_CA_CERTS/;

describe.concurrent('an authority that cannot be reached: what happened, where, and what to check', () => {
  it('connection refused', async () => {
    const entra = await entraWith();
    const authority = `https://127.0.0.1:${await closedPort()}`;
    const text = await failedCall(signInEnv(entra, sim, { AZURE_AUTHORITY_HOST: authority }));
    expect(text).toContain(`Last request to ${authority.slice('https://'.length)}: connection refused (ECONNREFUSED).`);
    expect(text).toMatch(WHAT_TO_CHECK);
    expect(text).toContain(`Entra ID (${authority})`);
    expect(text).not.toMatch(/configure a credential/);
  });

  it('a host name DNS does not know', async () => {
    const entra = await entraWith();
    const text = await failedCall(
      signInEnv(entra, sim, { AZURE_AUTHORITY_HOST: 'https://login.intune-mcp-test.invalid' }),
    );
    expect(text).toContain('Last request to login.intune-mcp-test.invalid: host name not found (DNS) (ENOTFOUND).');
    expect(text).toMatch(WHAT_TO_CHECK);
  });

  it('a TLS certificate this machine does not trust (as behind a TLS-inspecting proxy)', async () => {
    const entra = await entraWith();
    const { NODE_EXTRA_CA_CERTS: _trusted, ...env } = signInEnv(entra, sim);
    const text = await failedCall(env);
    expect(text).toMatch(/Last request to 127\.0\.0\.1:\d+: TLS certificate not trusted \([A-Z_]+\)\./);
    expect(text).toMatch(
      /Fix: Entra ID \(https:\/\/127\.0\.0\.1:\d+\) presented a TLS certificate .*NODE_EXTRA_CA_CERTS/,
    );
  });

  it('Entra ID dropping the connection', async () => {
    const entra = await entraWith('drop');
    const text = await failedCall(signInEnv(entra, sim));
    expect(text).toMatch(/Last request to 127\.0\.0\.1:\d+: connection dropped \(ECONNRESET\)\./);
    expect(text).toMatch(WHAT_TO_CHECK);
  });
});

const UNAVAILABLE: TokenFault = {
  status: 500,
  error: 'temporarily_unavailable',
  code: 50000,
  description: 'AADSTS50000: There was an error issuing a token or an issue with our sign-in service.',
};

describe.concurrent('Entra ID failing on its side (500 temporarily_unavailable)', () => {
  it('is a temporary failure to retry, not a credential to configure', async () => {
    const text = await failedCall(signInEnv(await entraWith(UNAVAILABLE), sim));
    expect(text).toContain('AADSTS50000');
    expect(text).toMatch(/^Fix: Entra ID had a temporary failure.*Try again in a few minutes/m);
    expect(text).not.toMatch(/configure a credential/);
  });

  it('…also when its retries outlast INTUNE_MCP_TIMEOUT_MS: the time-out names the 500 it was retrying', async () => {
    const text = await failedCall(signInEnv(await entraWith(UNAVAILABLE), sim, { INTUNE_MCP_TIMEOUT_MS: '3000' }));
    expect(text).toMatch(/Timed out: Entra ID .* gave no token within 3000 ms/);
    expect(text).toMatch(/Last request to 127\.0\.0\.1:\d+: HTTP 500 \(temporarily_unavailable\)\./);
    expect(text).toMatch(/^Fix: Entra ID had a temporary failure/m);
  });
});

describe.concurrent('China: MSAL reaches login.chinacloudapi.cn at login.partner.microsoftonline.cn', () => {
  // A proxy that filters, as a firewall would: it records the host MSAL really asked for and lets nothing through.
  async function chinaBehind(block: ConnectProxy['blockTunnels'], extra: Record<string, string> = {}) {
    const proxy = await startConnectProxy();
    proxy.blockTunnels = block;
    const entra = await entraWith();
    const {
      AZURE_AUTHORITY_HOST: _own,
      NODE_EXTRA_CA_CERTS: _ca,
      ...env
    } = signInEnv(entra, sim, {
      INTUNE_MCP_CLOUD: 'china',
      HTTPS_PROXY: proxy.url,
      ...extra,
    });
    try {
      return { text: await failedCall(env), tunnels: [...proxy.tunnels] };
    } finally {
      await proxy.close();
    }
  }

  it('a proxy that refuses the host: the fix names both hosts', async () => {
    const { text, tunnels } = await chinaBehind('forbidden');
    expect(tunnels).toEqual(['login.partner.microsoftonline.cn:443']);
    expect(text).toContain(
      'Entra ID (https://login.chinacloudapi.cn, which MSAL reaches at https://login.partner.microsoftonline.cn) could not be reached',
    );
    expect(text).toContain('Last request to login.partner.microsoftonline.cn: HTTP 403.');
  });

  it('a proxy that never answers: the time-out names both hosts', async () => {
    const { text, tunnels } = await chinaBehind('unanswered', { INTUNE_MCP_TIMEOUT_MS: '1500' });
    expect(tunnels).toContain('login.partner.microsoftonline.cn:443');
    expect(text).toContain(
      'Timed out: Entra ID (https://login.chinacloudapi.cn, which MSAL reaches at https://login.partner.microsoftonline.cn) gave no token within 1500 ms',
    );
  });
});
