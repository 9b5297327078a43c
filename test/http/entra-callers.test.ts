/**
 * A shared server with Entra ID, end to end: the built server in HTTP mode (a process of its own), the SDK's Streamable
 * HTTP client, a fake Entra ID over HTTPS (OpenID configuration, a key set that rolls over, the On-Behalf-Of token
 * endpoint) and the Graph simulator, which accepts only Graph tokens the fake issued in an exchange.
 *
 * What it shows: every refused caller (no token, a bad one, one without the scope) gets 401 or 403 and nothing reaches
 * Entra's token endpoint or Graph; each user's calls reach Graph with that user's own Graph token, one exchange per
 * user; a rolled-over signing key is taken up, and the key set is not fetched more than once per 30 s.
 */
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GraphSimulator, startGraphSimulator } from '../../src/simulator/graph-simulator.js';
import { decodeJwt } from '../helpers/entra-signing-keys.js';
import { type FakeEntra, startFakeEntra, type UserTokenOptions } from '../helpers/fake-entra.js';
import {
  CLOCK_SKEW,
  connectHttpClient,
  entraModeEnv,
  type HttpServerProcess,
  postMcp,
  startHttpServerProcess,
  toolCall,
} from './http-harness.js';

const API_CLIENT_ID = '9d4f1c7e-2b3a-4e5f-8a6b-7c8d9e0f1a2b';
const API_SECRET = 'Zr8~api.Secret-For_Tests~0123456789abcdef';
const KIOSK_ID = 'e6742553-2553-e674-5325-74e6532574e6';
const ALICE = 'a11ce000-0000-4000-8000-00000000a11c';
const BOB = 'b0b00000-0000-4000-8000-000000000b0b';

let entra: FakeEntra;
let sim: GraphSimulator;
let server: HttpServerProcess;

beforeAll(async () => {
  entra = await startFakeEntra();
  entra.registerApp({ clientId: API_CLIENT_ID, secret: API_SECRET });
  sim = await startGraphSimulator({ acceptedTokens: entra.issuedTokens }); // the live list of issued Graph tokens
  server = await startHttpServerProcess(
    {
      ...entraModeEnv(entra, { clientId: API_CLIENT_ID, secret: API_SECRET }, sim.baseUrl),
    },
    [],
    { nodeArgs: ['--import', CLOCK_SKEW] },
  );
});
afterAll(async () => {
  await server?.close();
  await sim?.close();
  await entra?.close();
});

function userToken(oid: string, options: Partial<UserTokenOptions> = {}): string {
  return entra.issueUserToken({ oid, aud: API_CLIENT_ID, ...options });
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('the protected resource metadata (RFC 9728)', () => {
  it.each(['/.well-known/oauth-protected-resource', '/.well-known/oauth-protected-resource/mcp'])(
    '%s names the resource, Entra ID and the scope',
    async (path) => {
      const response = await fetch(`${server.baseUrl}${path}`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        resource: server.endpoint,
        authorization_servers: [`${entra.authorityHost}/${entra.tenantId}/v2.0`],
        scopes_supported: [`api://${API_CLIENT_ID}/access_as_user`],
        bearer_methods_supported: ['header'],
        resource_name: 'Intune enrollment profiles (MCP)',
      });
    },
  );
});

describe('refused callers: 401 or 403, and nothing reaches Entra ID or Graph', () => {
  const metadata = () => `resource_metadata="${server.baseUrl}/.well-known/oauth-protected-resource/mcp"`;
  const scope = `scope="api://${API_CLIENT_ID}/access_as_user"`;

  it('a call without a token gets 401 pointing at the metadata, with no error', async () => {
    const response = await postMcp(server.endpoint, toolCall(1, 'get-enrollment-profile', { id: KIOSK_ID }));
    expect(response.status).toBe(401);
    const challenge = response.headers.get('www-authenticate') ?? '';
    expect(challenge).toMatch(/^Bearer /);
    expect(challenge).toContain(metadata());
    expect(challenge).toContain(scope);
    expect(challenge).not.toContain('error=');
    // RFC 6750 §3.1: no credentials, no error information in the challenge; the body says what to send.
    expect(challenge).not.toContain('error_description');
    expect(response.json).toMatchObject({
      error_description: 'This server needs an Entra ID access token (Authorization: Bearer …).',
    });
  });

  const invalid: [string, () => string, RegExp][] = [
    ['an expired token', () => userToken(ALICE, { expiresIn: -600 }), /expired/],
    ['a token for another audience', () => userToken(ALICE, { aud: 'api://someone-else' }), /audience/],
    ['a token from another issuer', () => userToken(ALICE, { iss: 'https://sts.windows.net/x/' }), /issuer/],
    [
      'a v1 token (sts.windows.net issuer)',
      () => userToken(ALICE, { iss: `https://sts.windows.net/${entra.tenantId}/` }),
      /requestedAccessTokenVersion 2/,
    ],
    ['a forged signature under a published key id', () => userToken(ALICE, { signedWith: 'forged' }), /signature/],
    ['a key nobody publishes', () => userToken(ALICE, { signedWith: 'stranger' }), /key/],
    ['alg: none', () => userToken(ALICE, { signedWith: 'none' }), /RS256|well-formed/],
    ['not a JWT', () => 'not-a-jwt', /well-formed/],
  ];
  it.each(invalid)('%s gets 401 invalid_token', async (_what, token, why) => {
    const response = await postMcp(
      server.endpoint,
      toolCall(1, 'get-enrollment-profile', { id: KIOSK_ID }),
      bearer(token()),
    );
    expect(response.status).toBe(401);
    const challenge = response.headers.get('www-authenticate') ?? '';
    expect(challenge).toContain('error="invalid_token"');
    expect(challenge).toContain(metadata());
    expect(challenge).toMatch(why);
  });

  it.each([
    ['no scope at all', ''],
    ['another scope only', 'User.Read'],
  ])('a token with %s gets 403 insufficient_scope', async (_what, scp) => {
    const response = await postMcp(
      server.endpoint,
      toolCall(1, 'get-enrollment-profile', { id: KIOSK_ID }),
      bearer(userToken(ALICE, { scp })),
    );
    expect(response.status).toBe(403);
    const challenge = response.headers.get('www-authenticate') ?? '';
    expect(challenge).toContain('error="insufficient_scope"');
    expect(challenge).toContain(scope);
    expect(challenge).toContain(metadata());
  });

  it('the SDK client with an expired token cannot even initialize', async () => {
    await expect(connectHttpClient(server.endpoint, userToken(ALICE, { expiresIn: -600 }))).rejects.toThrow();
  });

  it('none of them reached the token endpoint or Graph', () => {
    expect(entra.oboExchanges).toEqual([]);
    expect(entra.tokenRequests).toEqual([]);
    expect(sim.requests).toEqual([]);
    expect(server.toolCallLines()).toEqual([]);
  });
});

describe('each user reaches Graph as themselves (On-Behalf-Of)', () => {
  const aliceToken = () => userToken(ALICE);
  const bobToken = () => userToken(BOB);
  let aliceFirst = '';
  let bobFirst = '';

  it('two users: two exchanges, and each call carries its own user’s Graph token', async () => {
    aliceFirst = aliceToken();
    bobFirst = bobToken();
    const alice = await connectHttpClient(server.endpoint, aliceFirst);
    const bob = await connectHttpClient(server.endpoint, bobFirst);
    const results = await Promise.all([
      alice.call('get-enrollment-profile', { id: KIOSK_ID }),
      bob.call('get-enrollment-profile', { id: KIOSK_ID }),
      alice.call('list-enrollment-profiles', {}),
      bob.call('list-device-owner-enrollment-profiles', {}),
      alice.call('get-enrollment-profile', { id: KIOSK_ID }),
    ]);
    for (const result of results) expect(result.isError).toBeFalsy();
    await Promise.all([alice.close(), bob.close()]);

    expect(entra.oboExchanges.map((exchange) => exchange.oid).sort()).toEqual([ALICE, BOB].sort());
    expect(entra.oboExchanges.every((exchange) => exchange.clientId === API_CLIENT_ID)).toBe(true);
    expect(entra.oboExchanges.find((exchange) => exchange.oid === ALICE)?.assertion).toBe(aliceFirst);
    expect(entra.oboExchanges.find((exchange) => exchange.oid === BOB)?.assertion).toBe(bobFirst);
    expectGraphRequestsCarryTheirCallersTokens(5);
  });

  it('the same users again, with new tokens and new connections: no new exchange', async () => {
    const alice = await connectHttpClient(server.endpoint, aliceToken());
    const bob = await connectHttpClient(server.endpoint, bobToken());
    expect((await alice.call('get-enrollment-profile', { id: KIOSK_ID })).isError).toBeFalsy();
    expect((await bob.call('get-enrollment-profile', { id: KIOSK_ID })).isError).toBeFalsy();
    await Promise.all([alice.close(), bob.close()]);
    expect(entra.oboExchanges).toHaveLength(2);
    expectGraphRequestsCarryTheirCallersTokens(7);
  });

  it('no user token reaches Graph, and no token of any kind reaches the log', () => {
    const userTokens = new Set(entra.oboExchanges.map((exchange) => exchange.assertion));
    for (const request of sim.requests) {
      const token = String(request.headers.authorization).replace(/^Bearer /, '');
      expect(userTokens.has(token)).toBe(false);
    }
    const log = server.stderr();
    for (const token of [...userTokens, ...entra.issuedTokens]) expect(log).not.toContain(token);
    expect(log).not.toMatch(/eyJ[\w-]{10,}\.eyJ/);
  });

  it('writes one line per tool call: user, tool, profile, outcome, client-request-id', () => {
    const lines = server.toolCallLines();
    expect(lines).toHaveLength(7);
    expect(lines.filter((line) => line.user === ALICE)).toHaveLength(4);
    expect(lines.find((line) => line.tool === 'get-enrollment-profile')).toMatchObject({
      profile: KIOSK_ID,
      outcome: 'ok',
    });
    expect(lines.find((line) => line.tool === 'list-enrollment-profiles')).toMatchObject({ profile: '-' });
  });

  it('a call whose exchange Entra refuses is logged with no client-request-id: nothing went to Graph', async () => {
    const carol = 'ca501000-0000-4000-8000-00000000ca50';
    const graphRequests = sim.requests.length;
    entra.tokenFault = {
      status: 400,
      error: 'invalid_grant',
      code: 50013,
      description: 'AADSTS50013: Assertion failed signature validation.',
    };
    try {
      const client = await connectHttpClient(server.endpoint, userToken(carol));
      const result = await client.call('get-enrollment-profile', { id: KIOSK_ID });
      await client.close();
      expect(result.isError).toBe(true);
    } finally {
      entra.tokenFault = undefined;
    }
    expect(sim.requests).toHaveLength(graphRequests);
    expect(server.toolCallLines().at(-1)).toMatchObject({ user: carol, outcome: 'error', clientRequestIds: [] });
  });
});

/**
 * Joins the server's log lines (caller, client-request-id) with what the simulator received (client-request-id,
 * Authorization): every Graph request must carry a Graph token issued to the very user whose call sent it.
 */
function expectGraphRequestsCarryTheirCallersTokens(calls: number): void {
  const lines = server.toolCallLines();
  expect(lines).toHaveLength(calls);
  const callerOf = new Map(lines.flatMap((line) => line.clientRequestIds.map((id) => [id, line.user] as const)));
  const issuedTo = new Map(entra.oboExchanges.map((exchange) => [exchange.graphToken, exchange.oid]));
  expect(sim.requests.length).toBeGreaterThanOrEqual(calls);
  for (const request of sim.requests) {
    const caller = callerOf.get(String(request.headers['client-request-id']));
    const token = String(request.headers.authorization).replace(/^Bearer /, '');
    expect(caller).toBeDefined();
    expect(issuedTo.get(token)).toBe(caller);
    expect(decodeJwt(token).payload.oid).toBe(caller);
  }
}

describe('signing key rollover', () => {
  async function skewClock(): Promise<void> {
    const before = (server.stderr().match(/clock-skew:/g) ?? []).length;
    server.child.kill('SIGUSR2');
    while ((server.stderr().match(/clock-skew:/g) ?? []).length === before) {
      await once(server.child.stderr ?? server.child, 'data');
    }
  }
  const call = (token: string) =>
    postMcp(server.endpoint, toolCall(9, 'get-enrollment-profile', { id: KIOSK_ID }), bearer(token));

  it('a token signed with a new key is accepted once the key set is fetched again', async () => {
    await skewClock(); // more than 30 s since the key set was last fetched
    const fetched = entra.keySetRequests;
    entra.rotateSigningKey();
    expect((await call(userToken(ALICE))).status).toBe(200);
    expect(entra.keySetRequests).toBe(fetched + 1);
  });

  it('an unknown key id does not fetch the key set again within 30 s; after that it does', async () => {
    const fetched = entra.keySetRequests;
    expect((await call(userToken(ALICE, { signedWith: 'stranger' }))).status).toBe(401);
    entra.rotateSigningKey({ retireOld: true });
    const rotated = userToken(BOB);
    expect((await call(rotated)).status).toBe(401); // the new key is not known yet: the last fetch was just now
    expect(entra.keySetRequests).toBe(fetched);
    await skewClock();
    expect((await call(rotated)).status).toBe(200);
    expect(entra.keySetRequests).toBe(fetched + 1);
    expect(entra.oboExchanges).toHaveLength(2); // the same two users: still no new exchange
  });

  it('while the key set endpoint fails, a flood of unknown key ids fetches it once per 5 s, not once per call', async () => {
    await skewClock(); // past the 30 s cooldown: an unknown kid may fetch
    const fetched = entra.keySetRequests;
    entra.keySetFault = 500;
    try {
      for (let i = 0; i < 10; i++) {
        const response = await call(userToken(ALICE, { signedWith: 'stranger' }));
        expect(response.status).toBe(503);
        expect(response.headers.get('retry-after')).toBe('1');
        expect(response.json).toMatchObject({ error: 'temporarily_unavailable' });
      }
      expect(entra.keySetRequests).toBe(fetched + 1);
      // Tokens signed with a key in hand are still checked, and accepted, without a fetch.
      expect((await call(userToken(ALICE))).status).toBe(200);
      expect(entra.keySetRequests).toBe(fetched + 1);
    } finally {
      entra.keySetFault = undefined;
    }
    await skewClock(); // past the 5 s: the next unknown key fetches again, and now the endpoint answers
    expect((await call(userToken(ALICE, { signedWith: 'stranger' }))).status).toBe(401);
    expect(entra.keySetRequests).toBe(fetched + 2);
  });
});
