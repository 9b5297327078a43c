/**
 * Managed identity, end to end, the way App Service, Functions and Container Apps provide it: the platform sets
 * IDENTITY_ENDPOINT (a local HTTP endpoint) and IDENTITY_HEADER, and the real ManagedIdentityCredential asks that
 * endpoint for a token for Graph's resource. The endpoint here is a loopback fake; IMDS (169.254.169.254) is never
 * involved, because MSAL picks the App Service source whenever both variables are set.
 * Protocol: https://learn.microsoft.com/azure/app-service/overview-managed-identity#rest-endpoint-reference
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type GraphSimulator, startGraphSimulator } from '../../src/simulator/graph-simulator.js';
import { startServer } from '../helpers/mcp-harness.js';
import { KIOSK_ID } from './sign-in-env.js';

const IDENTITY_HEADER = randomUUID();
const USER_ASSIGNED_CLIENT_ID = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';

interface IdentityRequest {
  readonly url: URL;
  readonly identityHeader: string | undefined;
}

let endpoint: Server;
let endpointUrl: string;
const identityRequests: IdentityRequest[] = [];
const issued: string[] = [];
let sim: GraphSimulator;

beforeAll(async () => {
  endpoint = createServer((req, res) => {
    const url = new URL(req.url ?? '', 'http://127.0.0.1');
    const identityHeader = req.headers['x-identity-header'] as string | undefined;
    identityRequests.push({ url, identityHeader });
    if (identityHeader !== IDENTITY_HEADER) {
      res
        .writeHead(401, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: 'invalid X-IDENTITY-HEADER' }));
      return;
    }
    const token = `eyJ0eXAiOiJKV1QifQ.${Buffer.from(JSON.stringify({ aud: url.searchParams.get('resource') })).toString('base64url')}.${randomBytes(32).toString('base64url')}`;
    issued.push(token);
    res.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        access_token: token,
        expires_on: String(Math.floor(Date.now() / 1000) + 3600),
        resource: url.searchParams.get('resource'),
        token_type: 'Bearer',
        client_id: url.searchParams.get('client_id') ?? randomUUID(),
      }),
    );
  });
  await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
  endpointUrl = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/msi/token`;
  sim = await startGraphSimulator({ acceptedTokens: issued });
});
afterAll(async () => {
  await sim.close();
  await new Promise((resolve) => endpoint.close(resolve));
});

it.each([
  ['system-assigned, global cloud', {}, 'https://graph.microsoft.com', undefined],
  [
    'user-assigned, usgov cloud',
    { AZURE_CLIENT_ID: USER_ASSIGNED_CLIENT_ID, INTUNE_MCP_CLOUD: 'usgov' },
    'https://graph.microsoft.us',
    USER_ASSIGNED_CLIENT_ID,
  ],
] as const)(
  "%s: asks the platform endpoint for the cloud's Graph resource",
  async (_label, extra, resource, clientId) => {
    identityRequests.length = 0;
    sim.requests.length = 0;
    const server = await startServer({
      INTUNE_MCP_AUTH: 'managed-identity',
      IDENTITY_ENDPOINT: endpointUrl,
      IDENTITY_HEADER,
      INTUNE_MCP_GRAPH_URL: sim.baseUrl,
      ...extra,
    });
    try {
      const result = await server.call('get-enrollment-profile', { id: KIOSK_ID });
      expect(result.isError).toBeFalsy();
      expect(identityRequests).toHaveLength(1);
      const [request] = identityRequests;
      expect(request?.url.pathname).toBe('/msi/token');
      expect(request?.url.searchParams.get('api-version')).toBe('2019-08-01');
      expect(request?.url.searchParams.get('resource')).toBe(resource);
      expect(request?.url.searchParams.get('client_id') ?? undefined).toBe(clientId);
      expect(sim.requests[0]?.headers.authorization).toBe(`Bearer ${issued.at(-1)}`);
    } finally {
      await server.close();
    }
  },
);
