/**
 * The Graph call path under faults, end to end: the built server over stdio against the simulator's scripted
 * faults. Timing assertions are loose on purpose (a loaded 2-core machine): they prove a wait happened, not its
 * exact length.
 */
import { describe, expect, it } from 'vitest';
import { type RunningServer, textOf } from '../helpers/mcp-harness.js';
import { useServerOnSimulator } from '../helpers/server-on-simulator.js';

const ID = 'e6742553-2553-e674-5325-74e6532574e6';
const PATCH = { method: 'PATCH' } as const;

const t = useServerOnSimulator({}, { INTUNE_MCP_TIMEOUT_MS: '1500', INTUNE_MCP_MAX_RETRIES: '3' });

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const value = await work();
  return [value, performance.now() - started];
}

const update = (displayName: string, options?: Parameters<RunningServer['call']>[2]) =>
  t.server.call('update-enrollment-profile', { id: ID, displayName }, options);

describe('retries', () => {
  it('honours Retry-After: 1 on 429, then succeeds', async () => {
    t.sim.addFaults({ ...PATCH, status: 429, headers: { 'retry-after': '1' } });
    const [result, ms] = await timed(() => update('after 429'));
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ displayName: 'after 429' });
    expect(t.sim.requestsOf('PATCH')).toHaveLength(2);
    expect(ms).toBeGreaterThanOrEqual(900);
  });

  it('honours Retry-After given as an HTTP date', async () => {
    const when = new Date(Date.now() + 2000).toUTCString(); // second precision: 1–2 s from now
    t.sim.addFaults({ ...PATCH, status: 503, headers: { 'retry-after': when } });
    const [result, ms] = await timed(() => update('after dated 503'));
    expect(result.isError).toBeFalsy();
    expect(ms).toBeGreaterThanOrEqual(900);
  });

  it('backs off without Retry-After on 503 and 504, each attempt with a fresh client-request-id', async () => {
    t.sim.addFaults({ ...PATCH, status: 503 }, { ...PATCH, status: 504 });
    const [result, ms] = await timed(() => update('after 503+504'));
    expect(result.isError).toBeFalsy();
    const patches = t.sim.requestsOf('PATCH');
    expect(patches).toHaveLength(3);
    expect(new Set(patches.map((r) => r.headers['client-request-id'])).size).toBe(3);
    expect(ms).toBeGreaterThanOrEqual(0.8 * (500 + 1000)); // 0.5 s then 1 s, ±20% jitter
  });

  it('retries a connection that drops before any answer', async () => {
    t.sim.addFaults({ ...PATCH, drop: true });
    const result = await update('after drop');
    expect(result.isError).toBeFalsy();
    expect(t.sim.requestsOf('PATCH')).toHaveLength(2);
  });

  it('after a 504, a write that runs out of retries warns that an earlier attempt may have landed', async () => {
    t.sim.addFaults(
      { ...PATCH, status: 504 },
      ...Array.from({ length: 3 }, () => ({ ...PATCH, status: 429, headers: { 'retry-after': '0' } })),
    );
    const result = await update('uncertain');
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/An earlier attempt \(an HTTP 5xx or a dropped connection\) may have been applied/);
  });

  describe('a PATCH Graph applied before answering 503, then retried', () => {
    const noChange = JSON.stringify({
      error: { code: 'BadRequest', message: 'Invalid patch, at least 1 property must be changed' },
    });

    it('Intune refusing the retry as changing nothing: the profile is read, and the update reported as applied', async () => {
      t.sim.addFaults({ ...PATCH, processThen: { status: 503 } }, { ...PATCH, status: 400, body: noChange });
      const result = await update('landed before the 503');
      expect(result.isError, textOf(result)).toBeFalsy();
      expect(result.structuredContent).toMatchObject({ displayName: 'landed before the 503' });
      expect(textOf(result)).toContain('An earlier attempt that got no clear answer was applied');
      expect(textOf(result)).not.toContain('Nothing was changed');
    });

    it("with the lost-update guard: the re-check sees the change as this call's own, not a colleague's", async () => {
      const before = (await t.server.call('get-enrollment-profile', { id: ID })).structuredContent as {
        lastModifiedDateTime: string;
      };
      t.sim.addFaults({ ...PATCH, processThen: { status: 503 } });
      const result = await t.server.call('update-enrollment-profile', {
        id: ID,
        displayName: 'guarded, landed before the 503',
        expectedLastModifiedDateTime: before.lastModifiedDateTime,
      });
      expect(result.isError, textOf(result)).toBeFalsy();
      expect(textOf(result)).toContain('An earlier attempt that got no clear answer was applied');
      expect(t.sim.requestsOf('PATCH')).toHaveLength(1); // not sent again
    });

    it('a retry refused because the values were there all along: nothing was changed, not "applied"', async () => {
      const warehouse = '7c4e2a1f-9b8d-4c6e-a5f3-2d1e0f9a8b7c'; // untouched in this file: last modified months ago
      const current = t.sim.profiles.get(warehouse)?.displayName;
      t.sim.addFaults({ ...PATCH, status: 503 }, { ...PATCH, status: 400, body: noChange });
      const result = await t.server.call('update-enrollment-profile', { id: warehouse, displayName: current });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toContain('the profile already held every value sent (it was last modified at');
      expect(textOf(result)).toContain('Nothing was changed.');
      expect(textOf(result)).not.toContain('was applied');
    });

    it('retries that end in a 503 are not called a refusal to change nothing', async () => {
      const warehouse = '7c4e2a1f-9b8d-4c6e-a5f3-2d1e0f9a8b7c';
      const current = t.sim.profiles.get(warehouse)?.displayName;
      t.sim.addFaults(...Array.from({ length: 4 }, () => ({ ...PATCH, status: 503, headers: { 'retry-after': '0' } })));
      const result = await t.server.call('update-enrollment-profile', { id: warehouse, displayName: current });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toContain(
        "Graph's last answer was HTTP 503, and the profile already held every value sent",
      );
      expect(textOf(result)).not.toContain('changing nothing');
    });

    it('…and with the guard, by the profile read before the PATCH', async () => {
      const before = (await t.server.call('get-enrollment-profile', { id: ID })).structuredContent as {
        displayName: string;
        lastModifiedDateTime: string;
      };
      t.sim.addFaults({ ...PATCH, status: 503 }, { ...PATCH, status: 400, body: noChange });
      const result = await t.server.call('update-enrollment-profile', {
        id: ID,
        displayName: before.displayName,
        expectedLastModifiedDateTime: before.lastModifiedDateTime,
      });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toContain(
        'the profile already held every value sent, so nothing was changed by this call',
      );
      expect(textOf(result)).not.toContain('was applied');
    });

    it('a retry refused while the profile does not hold the values: the outcome stays unknown', async () => {
      t.sim.addFaults({ ...PATCH, status: 503 }, { ...PATCH, status: 400, body: noChange });
      const result = await update('never landed');
      expect(result.isError).toBe(true);
      expect(textOf(result)).toContain(
        'An earlier attempt (an HTTP 5xx or a dropped connection) may have been applied.',
      );
      expect(textOf(result)).toContain('The change may or may not have been applied');
    });
  });

  it('gives up after INTUNE_MCP_MAX_RETRIES retries and says what Graph said', async () => {
    t.sim.addFaults(...Array.from({ length: 4 }, () => ({ ...PATCH, status: 429, headers: { 'retry-after': '0' } })));
    const result = await update('never');
    expect(result.isError).toBe(true);
    const patches = t.sim.requestsOf('PATCH');
    expect(patches).toHaveLength(4); // 1 + 3 retries
    expect(textOf(result)).toContain('HTTP 429');
    expect(textOf(result)).toContain(`client-request-id: ${patches[3]?.headers['client-request-id']}`); // the last attempt
    expect(textOf(result)).toMatch(/throttl/i);
  });

  it('fails at once when Retry-After is longer than the cap, saying when to retry', async () => {
    t.sim.addFaults({ ...PATCH, status: 429, headers: { 'retry-after': '120' } });
    const [result, ms] = await timed(() => update('too long'));
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/retry after 120 s \(at \d{4}-\d{2}-\d{2}T/);
    expect(t.sim.requestsOf('PATCH')).toHaveLength(1);
    expect(ms).toBeLessThan(5000);
  });

  it('a 503 with a Retry-After beyond the cap: a write may have been applied, not "Nothing was changed"', async () => {
    t.sim.addFaults({ ...PATCH, status: 503, headers: { 'retry-after': '120' } });
    const result = await update('503 too long');
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('Graph may have applied it before answering');
    expect(textOf(result)).not.toContain('Nothing was changed');
  });

  it.each([400, 403, 404, 409])('does not retry HTTP %i', async (status) => {
    t.sim.addFaults({ ...PATCH, status });
    const result = await update('no retry');
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain(`HTTP ${status}`);
    expect(t.sim.requestsOf('PATCH')).toHaveLength(1);
  });

  it('with a static token, a 401 is returned without looping', async () => {
    t.sim.addFaults({ ...PATCH, status: 401 });
    const result = await update('401');
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('HTTP 401');
    expect(t.sim.requestsOf('PATCH')).toHaveLength(1);
  });
});

describe('time limits', () => {
  it('a hung Graph times out per attempt with a clear, traceable message', async () => {
    t.sim.addFaults({ ...PATCH, hang: true });
    const [result, ms] = await timed(() => update('hang'));
    expect(result.isError).toBe(true);
    const text = textOf(result);
    const clientRequestId = t.sim.requestsOf('PATCH')[0]?.headers['client-request-id'] as string;
    expect(text).toMatch(/timed out/i);
    expect(text).toMatch(/may or may not have been applied/);
    expect(text).toContain(clientRequestId);
    expect(ms).toBeGreaterThanOrEqual(1400);
    expect(ms).toBeLessThan(10_000);
  });

  it('a slow answer past the limit times out', async () => {
    t.sim.addFaults({ ...PATCH, delayMs: 3000, passThrough: true });
    const result = await update('slow');
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/timed out/i);
  });

  it('a body that stalls after the headers times out too (the limit covers the body)', async () => {
    t.sim.addFaults({ ...PATCH, stallBody: true });
    const [result, ms] = await timed(() => update('stalled body'));
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/timed out/i);
    expect(ms).toBeLessThan(10_000);
  });
});

describe('after 204, a failed read-back', () => {
  it('says the update WAS applied (timeout on the read-back)', async () => {
    t.sim.patchResponse = 204;
    t.sim.addFaults({ method: 'GET', hang: true });
    try {
      const result = await update('applied, unread');
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/Graph accepted the change \(HTTP 204\)[\s\S]*The change WAS applied/);
      expect(textOf(result)).toMatch(/timed out/i);
      expect(textOf(result)).not.toMatch(/Nothing was changed/);
      expect(t.sim.profiles.get(ID)?.displayName).toBe('applied, unread');
    } finally {
      t.sim.patchResponse = 200;
    }
  });
});

describe('cancellation and progress', () => {
  it('a cancelled call aborts the in-flight Graph request', async () => {
    t.sim.addFaults({ ...PATCH, hang: true });
    const abandonedBefore = t.sim.abandonedRequests;
    const controller = new AbortController();
    const call = update('cancelled', { signal: controller.signal });
    await waitFor(() => t.sim.requestsOf('PATCH').length === 1);
    controller.abort();
    await expect(call).rejects.toThrow();
    await waitFor(() => t.sim.abandonedRequests > abandonedBefore);
    expect(t.sim.abandonedRequests).toBe(abandonedBefore + 1);
  });

  it('a call cancelled while waiting to retry makes no further attempt', async () => {
    t.sim.addFaults({ ...PATCH, status: 429, headers: { 'retry-after': '2' } });
    const controller = new AbortController();
    const call = update('cancel during wait', { signal: controller.signal });
    await waitFor(() => t.sim.requestsOf('PATCH').length === 1);
    controller.abort();
    await expect(call).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(t.sim.requestsOf('PATCH')).toHaveLength(1);
  });

  it('reports throttling waits as progress notifications before the result', async () => {
    t.sim.addFaults({ ...PATCH, status: 429, headers: { 'retry-after': '1' } });
    const messages: string[] = [];
    const result = await update('with progress', { onprogress: (p) => void messages.push(p.message ?? '') });
    expect(result.isError).toBeFalsy();
    expect(messages).toEqual(['Graph throttled the request (HTTP 429); retrying in 1.0 s (attempt 2 of 4)']);
  });
});

describe('hostile responses', () => {
  it('refuses a response body over 10 MiB (declared length)', async () => {
    t.sim.addFaults({ method: 'GET', status: 200, body: `{"id":"${ID}","x":"${'a'.repeat(11 * 1024 * 1024)}"}` });
    const result = await t.server.call('get-enrollment-profile', { id: ID });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/larger than 10485760 bytes/);
  });

  it('refuses a chunked response body once it passes 10 MiB', async () => {
    t.sim.addFaults({
      method: 'GET',
      status: 200,
      chunked: true,
      body: `{"id":"${ID}","x":"${'b'.repeat(11 * 1024 * 1024)}"}`,
    });
    const result = await t.server.call('get-enrollment-profile', { id: ID });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/larger than 10485760 bytes/);
    expect((await update('fine after')).isError).toBeFalsy(); // the connection pool recovers
  });

  it('a profile too large for one MCP message is refused, and the session survives', async () => {
    t.sim.addFaults({
      method: 'GET',
      status: 200,
      body: JSON.stringify({ id: ID, description: 'd'.repeat(6_000_000) }),
    });
    const result = await t.server.call('get-enrollment-profile', { id: ID });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/more than the 4194304 this server returns/);
    expect((await t.server.call('get-enrollment-profile', { id: ID })).isError).toBeFalsy();
  });

  it('a PATCH answered 2xx with an oversized body was accepted: the profile is read back', async () => {
    t.sim.addFaults({ ...PATCH, status: 200, body: `{"id":"${ID}","x":"${'c'.repeat(11 * 1024 * 1024)}"}` });
    const result = await update('accepted, huge answer');
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(t.sim.requests.map((r) => r.method)).toEqual(['PATCH', 'GET']);
  });

  it('a profile too large to travel twice comes back structured, without the text copy', async () => {
    t.sim.addFaults({
      method: 'GET',
      status: 200,
      body: JSON.stringify({ id: ID, description: 'd'.repeat(2_500_000) }),
    });
    const result = await t.server.call('get-enrollment-profile', { id: ID });
    expect(result.isError).toBeFalsy();
    expect((result.structuredContent as { description: string }).description).toHaveLength(2_500_000);
    expect(textOf(result)).toMatch(/it is in structuredContent only/);
  });

  it('OData annotations are dropped at any depth', async () => {
    t.sim.addFaults({
      method: 'GET',
      status: 200,
      body: JSON.stringify({
        '@odata.context': 'x',
        '@odata.type': '#microsoft.graph.androidForWorkEnrollmentProfile',
        id: ID,
        'displayName@odata.type': '#String',
        displayName: 'n',
        qrCodeImage: { '@odata.type': 'microsoft.graph.mimeContent', type: 'image/png', value: 'AA==' },
      }),
    });
    const result = await t.server.call('get-enrollment-profile', { id: ID });
    expect(JSON.stringify(result.structuredContent)).not.toContain('@odata');
    expect(result.structuredContent).toMatchObject({ id: ID, displayName: 'n', qrCodeImage: { type: 'image/png' } });
  });

  it('an answer of an unexpected shape says whether the change was applied', async () => {
    // displayName must be a string; the token in an odd shape must not be quoted back either
    const odd = JSON.stringify({ id: ID, displayName: 42, tokenValue: { v: 'ENROLL-NESTED-SECRET' } });
    t.sim.addFaults({ method: 'GET', status: 200, body: odd });
    const preview = await t.server.call('get-enrollment-profile', { id: ID });
    expect(preview.isError).toBe(true);
    expect(textOf(preview)).toMatch(/unexpected shape/);
    expect(textOf(preview)).not.toMatch(/WAS applied/); // a read sends nothing
    expect(JSON.stringify(preview)).not.toContain('ENROLL-NESTED-SECRET');
    expect(t.sim.requestsOf('PATCH')).toHaveLength(0);

    // The answer does not hold what was sent, so the profile is read again: also of an unexpected shape.
    t.sim.addFaults({ method: 'PATCH', status: 200, body: odd }, { method: 'GET', status: 200, body: odd });
    const real = await t.server.call('update-enrollment-profile', { id: ID, description: 'd' });
    expect(real.isError).toBe(true);
    expect(textOf(real)).toMatch(/unexpected shape: displayName: .*\)\.\nThe change WAS applied: Graph accepted it/);
  });

  it('a JSON array, a string or an object without id is not a profile', async () => {
    for (const body of ['[]', '"text"', '{"value":1}']) {
      t.sim.addFaults({ method: 'GET', status: 200, body });
      const result = await t.server.call('get-enrollment-profile', { id: ID });
      expect(result.isError, body).toBe(true);
    }
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('bounded results (issue 11: the client drops a connection whose message passes 10 MiB)', () => {
  it('a result is bounded in UTF-8 bytes, not characters: 1.5 M CJK characters (4.5 MB) are refused, the session survives', async () => {
    const cjk = '漢'.repeat(1_500_000);
    t.sim.addFaults({ method: 'GET', status: 200, body: JSON.stringify({ id: ID, description: cjk }) });
    const result = await t.server.call('get-enrollment-profile', { id: ID });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/Graph's answer is \d+ bytes as JSON, more than the 4194304/);
    expect(Buffer.byteLength(JSON.stringify(result))).toBeLessThan(4 * 1024 * 1024);
    const after = await t.server.call('get-enrollment-profile', { id: ID });
    expect(after.isError).toBeFalsy();
  });

  it('a ~9 MB Graph error message is quoted up to 4,000 characters, saying how much was cut', async () => {
    const message = 'x'.repeat(9_000_000);
    t.sim.addFaults({ ...PATCH, status: 400, body: JSON.stringify({ error: { code: 'BadRequest', message } }) });
    const result = await update('huge error');
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain(`[${9_000_000 - 4_000} more characters cut]`);
    expect(Buffer.byteLength(JSON.stringify(result))).toBeLessThan(20_000);
  });

  it('an update answered with a deeply nested body is still reported as applied, not as a stack overflow', async () => {
    let nested = '{"leaf":1}';
    for (let depth = 0; depth < 20_000; depth++) nested = `{"a":${nested}}`;
    t.sim.addFaults({
      ...PATCH,
      processThen: { status: 200, body: `{"id":"${ID}","displayName":"deep","extra":${nested}}` },
    });
    const result = await update('deep');
    expect(textOf(result)).not.toMatch(/call stack/i);
    // The body is unusable, but a 2xx means Graph took the change: the profile is read back.
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ id: ID, displayName: 'deep' });
    expect(t.sim.requests.map((r) => r.method)).toEqual(['PATCH', 'GET']);
  });
});
