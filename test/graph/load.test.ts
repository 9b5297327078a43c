/**
 * Under load: 200 concurrent tool calls through one server all succeed, over a bounded pool of keep-alive
 * connections (one undici dispatcher for the process), and with a real token flow they share one token request.
 */
import { expect, it } from 'vitest';
import { MAX_CONNECTIONS } from '../../src/graph/http-transport.js';
import { startGraphSimulator } from '../../src/simulator/graph-simulator.js';
import { CLIENT_ID, CLIENT_SECRET, signInEnv } from '../auth/sign-in-env.js';
import { startFakeEntra } from '../helpers/fake-entra.js';
import { startServer } from '../helpers/mcp-harness.js';
import { useServerOnSimulator } from '../helpers/server-on-simulator.js';

const IDS = [
  'e6742553-2553-e674-5325-74e6532574e6',
  '0b9f7a52-6c1e-4d3a-8f2b-5e4d3c2b1a09',
  '7c4e2a1f-9b8d-4c6e-a5f3-2d1e0f9a8b7c',
];

const t = useServerOnSimulator();

it('200 concurrent updates all succeed over at most MAX_CONNECTIONS connections', async () => {
  const results = await Promise.all(
    Array.from({ length: 200 }, (_, i) =>
      t.server.call('update-enrollment-profile', { id: IDS[i % IDS.length], enrolledDeviceCount: i }),
    ),
  );
  expect(results.filter((r) => r.isError)).toEqual([]);
  expect(t.sim.requestsOf('PATCH')).toHaveLength(200);
  expect(t.sim.maxOpenConnections).toBeGreaterThan(1); // concurrency really happened…
  expect(t.sim.maxOpenConnections).toBeLessThanOrEqual(MAX_CONNECTIONS); // …over a bounded pool
  for (const [i, result] of results.entries()) {
    expect((result.structuredContent as { enrolledDeviceCount: number }).enrolledDeviceCount).toBe(i);
  }
});

it('200 concurrent first calls with a real token flow make one token request', async () => {
  const entra = await startFakeEntra();
  entra.registerApp({ clientId: CLIENT_ID, secret: CLIENT_SECRET });
  const sim = await startGraphSimulator({ acceptedTokens: entra.issuedTokens });
  const server = await startServer(signInEnv(entra, sim));
  try {
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        server.call('update-enrollment-profile', { id: IDS[i % IDS.length], description: `burst ${i}` }),
      ),
    );
    expect(results.filter((r) => r.isError)).toEqual([]);
    expect(entra.tokenRequests).toHaveLength(1);
    expect(sim.requestsOf('PATCH')).toHaveLength(200);
    expect(sim.maxOpenConnections).toBeLessThanOrEqual(MAX_CONNECTIONS);
  } finally {
    await server.close();
    await sim.close();
    await entra.close();
  }
});
