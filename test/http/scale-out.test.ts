/**
 * Scale-out: two server processes (replicas) behind nginx, round robin, no session affinity, with Entra ID callers and
 * one shared Graph (the simulator), as a team would run it. One client's calls land on both replicas and still make
 * one consistent session (a change made through one is read back through the other); 500 concurrent calls from 20
 * users through the balancer all succeed, each reaching Graph with its own user's Graph token.
 *
 * Needs nginx (Debian: apt-get install -y nginx; .ci/run installs it). Without it the tests are skipped, saying so,
 * unless CI_REQUIRE_NGINX=1 (set by .ci/run), which makes a missing nginx a failure.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GraphSimulator, startGraphSimulator } from '../../src/simulator/graph-simulator.js';
import { decodeJwt } from '../helpers/entra-signing-keys.js';
import { type FakeEntra, startFakeEntra } from '../helpers/fake-entra.js';
import {
  connectHttpClient,
  entraModeEnv,
  type HttpServerProcess,
  startHttpServerProcess,
  type ToolCallLine,
} from './http-harness.js';
import { type Balancer, findNginx, freePort, startNginx } from './nginx-balancer.js';

const NGINX = findNginx();
const REQUIRED = process.env.CI_REQUIRE_NGINX === '1';
const API_CLIENT_ID = '5c0ffee0-1234-4abc-9def-0123456789ab';
const API_SECRET = 'Sc4le~Out.Secret-For_Tests~0123456789abcdef';
const KIOSK_ID = 'e6742553-2553-e674-5325-74e6532574e6';
const USERS = Array.from({ length: 20 }, (_, i) => `0000${String(i).padStart(4, '0')}-0000-4000-8000-00000000cafe`);

if (!NGINX && !REQUIRED) {
  console.warn('scale-out tests skipped: nginx is not installed (apt-get install -y nginx; .ci/run installs it).');
}

describe.skipIf(!NGINX && !REQUIRED)('two replicas behind nginx (skipped when nginx is not installed)', () => {
  let entra: FakeEntra;
  let sim: GraphSimulator;
  let replicas: HttpServerProcess[] = [];
  let balancer: Balancer;

  beforeAll(async () => {
    if (!NGINX) throw new Error('CI_REQUIRE_NGINX=1 but nginx is not installed.');
    entra = await startFakeEntra();
    entra.registerApp({ clientId: API_CLIENT_ID, secret: API_SECRET });
    sim = await startGraphSimulator({ acceptedTokens: entra.issuedTokens });
    const port = await freePort();
    const env = {
      ...entraModeEnv(entra, { clientId: API_CLIENT_ID, secret: API_SECRET }, sim.baseUrl),
      INTUNE_MCP_HTTP_PUBLIC_URL: `http://127.0.0.1:${port}`,
    };
    replicas = await Promise.all([startHttpServerProcess(env), startHttpServerProcess(env)]);
    balancer = await startNginx(
      NGINX,
      port,
      replicas.map((replica) => new URL(replica.baseUrl).host),
    );
  }, 60_000);
  afterAll(async () => {
    await balancer?.close();
    await Promise.all(replicas.map((replica) => replica.close()));
    await sim?.close();
    await entra?.close();
  });

  const token = (oid: string) => entra.issueUserToken({ oid, aud: API_CLIENT_ID });
  const linesOf = () => replicas.map((replica) => replica.toolCallLines());

  it('serves one client’s calls on both replicas, as one consistent session', async () => {
    const metadata = (await (await fetch(`${balancer.url}/.well-known/oauth-protected-resource/mcp`)).json()) as {
      resource: string;
    };
    expect(metadata.resource).toBe(`${balancer.url}/mcp`);

    const client = await connectHttpClient(`${balancer.url}/mcp`, token(USERS[0] ?? ''));
    expect((await client.client.listTools()).tools).toHaveLength(13);
    for (let i = 0; i < 6; i++) {
      expect((await client.call('get-enrollment-profile', { id: KIOSK_ID })).isError).toBeFalsy();
    }
    const description = `Changed through the balancer at ${new Date().toISOString()}`;
    const updated = await client.call('update-enrollment-profile', { id: KIOSK_ID, description });
    expect(updated.isError).toBeFalsy();
    for (let i = 0; i < 4; i++) {
      const read = await client.call('get-enrollment-profile', { id: KIOSK_ID });
      expect(read.structuredContent).toMatchObject({ id: KIOSK_ID, description });
    }
    await client.close();

    const [first = [], second = []] = linesOf();
    expect(first.length + second.length).toBe(11);
    expect(first.length).toBeGreaterThanOrEqual(3);
    expect(second.length).toBeGreaterThanOrEqual(3);
    const upstreams = new Set(await balancer.upstreams());
    for (const replica of replicas) expect(upstreams).toContain(new URL(replica.baseUrl).host);
  });

  it('500 concurrent calls from 20 users, each with that user’s own Graph token', async () => {
    const before = linesOf().map((lines) => lines.length);
    const clients = await Promise.all(USERS.map((oid) => connectHttpClient(`${balancer.url}/mcp`, token(oid))));
    const started = performance.now();
    const results = await Promise.all(
      clients.flatMap((client) =>
        Array.from({ length: 25 }, (_, i) =>
          i % 2 === 0
            ? client.call('get-enrollment-profile', { id: KIOSK_ID })
            : client.call('list-device-owner-enrollment-profiles', {}),
        ),
      ),
    );
    const elapsed = performance.now() - started;
    await Promise.all(clients.map((client) => client.close()));

    expect(results).toHaveLength(500);
    expect(results.filter((result) => result.isError)).toEqual([]);
    const added = linesOf().map((lines, i) => lines.slice(before[i]));
    const perReplica = added.map((lines) => lines.length);
    expect(perReplica.reduce((a, b) => a + b, 0)).toBe(500);
    for (const count of perReplica) expect(count).toBeGreaterThan(100);
    const lines = added.flat();
    for (const oid of USERS) expect(lines.filter((line) => line.user === oid)).toHaveLength(25);
    expectEachGraphRequestCarriesItsCallersToken(lines);

    // Each replica exchanges once per user it serves, so at most two exchanges per user, however many calls.
    const exchanges = USERS.map((oid) => entra.oboExchanges.filter((exchange) => exchange.oid === oid).length);
    for (const count of exchanges) {
      expect(count).toBeGreaterThanOrEqual(1);
      expect(count).toBeLessThanOrEqual(2);
    }
    console.info(
      `scale-out: 500 calls from 20 users in ${Math.round(elapsed)} ms; per replica ${perReplica.join(' + ')}; On-Behalf-Of exchanges ${entra.oboExchanges.length} in all (${exchanges.reduce((a, b) => a + b, 0)} for these users)`,
    );
  }, 120_000);

  /** The simulator's record of each Graph request, joined by client-request-id with the call that sent it. */
  function expectEachGraphRequestCarriesItsCallersToken(lines: readonly ToolCallLine[]): void {
    const byId = new Map(sim.requests.map((request) => [String(request.headers['client-request-id']), request]));
    const issuedTo = new Map(entra.oboExchanges.map((exchange) => [exchange.graphToken, exchange.oid]));
    for (const line of lines) {
      expect(line.outcome).toBe('ok');
      expect(line.clientRequestIds.length).toBeGreaterThan(0);
      for (const id of line.clientRequestIds) {
        const request = byId.get(id);
        const graphToken = String(request?.headers.authorization).replace(/^Bearer /, '');
        expect(issuedTo.get(graphToken)).toBe(line.user);
        expect(decodeJwt(graphToken).payload.oid).toBe(line.user);
      }
    }
  }
});
