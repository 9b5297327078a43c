/**
 * HTTP mode's transport, without Entra ID (INTUNE_MCP_HTTP_AUTH=none, loopback only): the SDK client against the
 * built server, and raw requests for what a well-behaved client never sends. Stateless answers (JSON, or SSE when a
 * call asks for progress), the health check, the Origin check against DNS rebinding, the body bound, the bound on
 * concurrent tool calls, read-only mode per deployment, and a prompt exit on SIGTERM.
 */
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GraphSimulator, startGraphSimulator } from '../../src/simulator/graph-simulator.js';
import {
  connectHttpClient,
  type HttpServerProcess,
  MCP_HEADERS,
  postMcp,
  startHttpServerProcess,
  toolCall,
} from './http-harness.js';

const KIOSK_ID = 'e6742553-2553-e674-5325-74e6532574e6';
const GRAPH_TOKEN = 'static-graph-token-0123456789';

let sim: GraphSimulator;
let server: HttpServerProcess;

beforeAll(async () => {
  sim = await startGraphSimulator({ acceptedTokens: [GRAPH_TOKEN] });
  server = await startHttpServerProcess({
    INTUNE_MCP_HTTP_AUTH: 'none',
    INTUNE_MCP_GRAPH_URL: sim.baseUrl,
    INTUNE_MCP_ACCESS_TOKEN: GRAPH_TOKEN,
    INTUNE_MCP_HTTP_MAX_CONCURRENT_CALLS: '2',
  });
});
afterAll(async () => {
  await server?.close();
  await sim?.close();
});

describe('serving MCP statelessly', () => {
  it('the SDK client initializes, lists and calls; each message is a request of its own', async () => {
    const client = await connectHttpClient(server.endpoint);
    const { tools } = await client.client.listTools();
    expect(tools).toHaveLength(13);
    const result = await client.call('get-enrollment-profile', { id: KIOSK_ID });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ id: KIOSK_ID });
    expect(client.client.getServerVersion()?.name).toBe('intune-enrollment-mcp');
    await client.close();
    // The server's own sign-in (here a static token) reaches Graph; no caller identity in the log.
    expect(sim.requests.at(-1)?.headers.authorization).toBe(`Bearer ${GRAPH_TOKEN}`);
    expect(server.toolCallLines().at(-1)).toMatchObject({ user: '-', tool: 'get-enrollment-profile', outcome: 'ok' });
  });

  it('answers JSON, and SSE when the call asks for progress', async () => {
    const plain = await postMcp(server.endpoint, toolCall(1, 'get-enrollment-profile', { id: KIOSK_ID }));
    expect(plain.status).toBe(200);
    expect(plain.headers.get('content-type')).toMatch(/^application\/json/);
    expect(plain.headers.get('mcp-session-id')).toBeNull();
    expect(plain.json).toMatchObject({ id: 1, result: { structuredContent: { id: KIOSK_ID } } });

    sim.addFaults({ method: 'GET', pathIncludes: KIOSK_ID, status: 503, headers: { 'retry-after': '0' } });
    const withProgress = await postMcp(server.endpoint, {
      ...toolCall(2, 'get-enrollment-profile', { id: KIOSK_ID }),
      params: { name: 'get-enrollment-profile', arguments: { id: KIOSK_ID }, _meta: { progressToken: 'p1' } },
    });
    expect(withProgress.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = withProgress.text
      .split('\n')
      .filter((line) => line.startsWith('data: '))
      .map((line) => JSON.parse(line.slice(6)) as Record<string, unknown>);
    expect(events[0]).toMatchObject({ method: 'notifications/progress', params: { progressToken: 'p1' } });
    expect(events.at(-1)).toMatchObject({ id: 2, result: { structuredContent: { id: KIOSK_ID } } });
  });

  it('GET /healthz answers 200 for the balancer; there is no metadata without OAuth', async () => {
    const health = await fetch(`${server.baseUrl}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    expect((await fetch(`${server.baseUrl}/.well-known/oauth-protected-resource`)).status).toBe(404);
    expect((await fetch(`${server.baseUrl}/elsewhere`)).status).toBe(404);
  });

  it('GET and DELETE on /mcp get 405: there is no session and no stream to open', async () => {
    for (const method of ['GET', 'DELETE']) {
      const response = await fetch(server.endpoint, { method, headers: MCP_HEADERS });
      expect(response.status, method).toBe(405);
      expect(response.headers.get('allow')).toBe('POST');
    }
  });
});

describe('what is refused before MCP', () => {
  it.each([
    ['another site (DNS rebinding)', 'http://evil.example.com', 403],
    ['a sandboxed page', 'null', 403],
    ['a loopback page', 'http://localhost:5173', 200],
    ['the server itself', () => new URL(server.baseUrl).origin, 200],
  ])('Origin of %s: %s', async (_what, origin, status) => {
    const value = typeof origin === 'function' ? origin() : origin;
    const response = await postMcp(server.endpoint, toolCall(1, 'list-enrollment-profiles'), { origin: value });
    expect(response.status).toBe(status);
  });

  it('a body over 1 MiB gets 413 and is not read further', async () => {
    const big = JSON.stringify({ ...toolCall(1, 'list-enrollment-profiles'), padding: 'x'.repeat(1024 * 1024) });
    const response = await postMcp(server.endpoint, big);
    expect(response.status).toBe(413);
    expect(response.json).toMatchObject({ error: { code: -32000 } });
  });

  it('malformed JSON gets 400 -32700; another content type 415', async () => {
    expect(await postMcp(server.endpoint, '{"jsonrpc":')).toMatchObject({
      status: 400,
      json: { error: { code: -32700 } },
    });
    expect((await postMcp(server.endpoint, 'x', { 'content-type': 'text/plain' })).status).toBe(415);
  });

  it('a tool call above INTUNE_MCP_HTTP_MAX_CONCURRENT_CALLS gets 503 with Retry-After; others go on', async () => {
    const slow = { method: 'GET', pathIncludes: KIOSK_ID, delayMs: 1500, passThrough: true };
    sim.addFaults(slow, slow);
    const running = [1, 2].map((id) =>
      postMcp(server.endpoint, toolCall(id, 'get-enrollment-profile', { id: KIOSK_ID })),
    );
    await waitFor(() => sim.requests.filter((request) => request.url.includes(KIOSK_ID)).length >= 2);
    const refused = await postMcp(server.endpoint, toolCall(3, 'get-enrollment-profile', { id: KIOSK_ID }));
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(refused.json).toMatchObject({ error: { message: expect.stringContaining('Server busy') } });
    // Not a tool call: tools/list is answered while the calls run.
    expect((await postMcp(server.endpoint, { jsonrpc: '2.0', id: 4, method: 'tools/list' })).status).toBe(200);
    for (const response of await Promise.all(running)) expect(response.status).toBe(200);
    expect((await postMcp(server.endpoint, toolCall(5, 'get-enrollment-profile', { id: KIOSK_ID }))).status).toBe(200);
  });

  it('a batch with more tool calls than the limit is refused as such (400), not as a busy server to retry', async () => {
    const batch = [6, 7, 8].map((id) => toolCall(id, 'get-enrollment-profile', { id: KIOSK_ID }));
    const sent = sim.requests.length;
    const refused = await postMcp(server.endpoint, batch);
    expect(refused.status).toBe(400);
    expect(refused.headers.get('retry-after')).toBeNull();
    expect(refused.json).toMatchObject({
      error: { code: -32600, message: expect.stringContaining('a batch of 3 tool calls is more than the 2') },
    });
    expect(sim.requests).toHaveLength(sent);
  });
});

describe('per deployment', () => {
  it('read-only mode: the write tools are neither listed nor callable', async () => {
    const readOnly = await startHttpServerProcess(
      { INTUNE_MCP_GRAPH_URL: sim.baseUrl, INTUNE_MCP_ACCESS_TOKEN: GRAPH_TOKEN, INTUNE_MCP_HTTP_AUTH: 'none' },
      ['--read-only'],
    );
    try {
      const client = await connectHttpClient(readOnly.endpoint);
      const names = (await client.client.listTools()).tools.map((tool) => tool.name);
      expect(names).toHaveLength(7);
      expect(names).not.toContain('update-enrollment-profile');
      const refused = await client.call('update-enrollment-profile', { id: KIOSK_ID, displayName: 'x' });
      expect(refused.isError).toBe(true);
      await client.close();
    } finally {
      await readOnly.close();
    }
  });

  it('stops promptly on SIGTERM, with exit code 0', async () => {
    const other = await startHttpServerProcess({ INTUNE_MCP_HTTP_AUTH: 'none' }, ['--simulate']);
    const exited = once(other.child, 'exit');
    const started = performance.now();
    other.child.kill('SIGTERM');
    const [code] = (await exited) as [number | null];
    expect(code).toBe(0);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

async function waitFor(predicate: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
