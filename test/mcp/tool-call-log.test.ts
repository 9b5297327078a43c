/**
 * A stdio server writes one stderr line for each tool call that failed, and nothing for one that worked: the agent
 * sees the failure in its result, the admin reading the client's log of the server sees it there.
 */
import { expect, it } from 'vitest';
import { ANDROID_FOR_WORK_SEED_IDS } from '../../src/resources/android-for-work/seed-profiles.js';
import { textOf } from '../helpers/mcp-harness.js';
import { useServerOnSimulator } from '../helpers/server-on-simulator.js';

const KIOSK = ANDROID_FOR_WORK_SEED_IDS.kiosks;
const e2e = useServerOnSimulator({}, { INTUNE_MCP_MAX_RETRIES: '0' });

/** What the server wrote to stderr while `work` ran. */
async function stderrDuring(work: () => Promise<unknown>): Promise<string> {
  const before = e2e.server.stderr().length;
  await work();
  await new Promise((resolve) => setTimeout(resolve, 50)); // stderr is a pipe of its own: let it catch up
  return e2e.server.stderr().slice(before);
}

it('a call Graph refused is one stderr line: tool, profile, Graph status and code, and the request ids', async () => {
  e2e.sim.addFaults({
    method: 'PATCH',
    status: 400,
    body: JSON.stringify({
      error: { code: 'BadRequest', message: 'Invalid patch', innerError: { 'request-id': 'r-1', date: 'd' } },
    }),
    headers: { 'request-id': 'r-1' },
  });
  let text = '';
  const logged = await stderrDuring(async () => {
    text = textOf(await e2e.server.call('update-enrollment-profile', { id: KIOSK, displayName: 'Kiosks' }));
  });
  const lines = logged.split('\n').filter((line) => line.includes('tool call'));
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^intune-enrollment-mcp: warning: tool call failed: tool=update-enrollment-profile /);
  expect(lines[0]).toContain(`profile=${KIOSK}`);
  expect(lines[0]).toContain('Graph answered HTTP 400');
  expect(lines[0]).toContain('Graph error BadRequest: Invalid patch');
  const clientRequestId = /client-request-id: ([0-9a-f-]{36})/.exec(text)?.[1];
  expect(clientRequestId).toBeDefined();
  expect(lines[0]).toContain(`client-request-id: ${clientRequestId}`);
});

it('a call that worked writes nothing; one refused for its arguments is logged too', async () => {
  const worked = await stderrDuring(() => e2e.server.call('get-enrollment-profile', { id: KIOSK }));
  expect(worked).not.toContain('tool call');
  const refused = await stderrDuring(() => e2e.server.call('get-enrollment-profile', { id: 'not-a-guid' }));
  expect(refused).toContain(
    'tool call failed: tool=get-enrollment-profile profile=not-a-guid reason="Invalid arguments',
  );
});

it('a read the client cancelled is logged as stopped, and as a read that changed nothing', async () => {
  e2e.sim.addFaults({ method: 'GET', pathIncludes: KIOSK, delayMs: 2000, passThrough: true });
  const controller = new AbortController();
  const logged = await stderrDuring(async () => {
    const call = e2e.server.call('get-enrollment-profile', { id: KIOSK }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 200);
    await call.catch(() => undefined); // the client gives up on its side at once
    await new Promise((resolve) => setTimeout(resolve, 300)); // the server notices the cancellation
  });
  const line = logged.split('\n').find((text) => text.includes('tool call failed'));
  expect(line).toContain('tool=get-enrollment-profile');
  expect(line).toContain(
    'Stopped before Graph answered: the call was cancelled, or its connection or the server closed. It was a read, which changes nothing.',
  );
  expect(line).not.toContain('by the client');
});
