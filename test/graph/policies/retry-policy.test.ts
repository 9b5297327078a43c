import { describe, expect, it } from 'vitest';
import { GraphNetworkError, GraphThrottledError } from '../../../src/graph/graph-errors.js';
import type { GraphRequest, GraphResponse, RetryNotice } from '../../../src/graph/pipeline.js';
import { MAX_RETRY_AFTER_MS, parseRetryAfter, retryPolicy } from '../../../src/graph/policies/retry-policy.js';

const NOW = Date.parse('2026-11-28T12:00:00Z');

describe('parseRetryAfter', () => {
  it.each([
    [{ 'retry-after': '5' }, 5000],
    [{ 'retry-after': '0' }, 0],
    [{ 'retry-after': '1.5' }, 1500],
    [{ 'retry-after': 'Sat, 28 Nov 2026 12:00:07 GMT' }, 7000],
    [{ 'retry-after': 'Sat, 28 Nov 2026 11:00:00 GMT' }, 0],
    [{ 'retry-after-ms': '250' }, 250],
    [{ 'x-ms-retry-after-ms': '300', 'retry-after': '9' }, 300],
    [{ 'retry-after': 'soon' }, undefined],
    [{}, undefined],
  ] as [Record<string, string>, number | undefined][])('%j → %s ms', (headers, expected) => {
    expect(parseRetryAfter(headers, NOW)).toBe(expected);
  });

  it.each([
    { 'retry-after': '99999999999999' },
    { 'retry-after': '9'.repeat(400) }, // Number() of this is Infinity
    { 'retry-after-ms': '999999999999999999999' },
    { 'retry-after': 'Fri, 31 Dec 9999 23:59:59 GMT' },
  ])('clamps %j to a year, which a Date can still show', (headers) => {
    const ms = parseRetryAfter(headers, NOW);
    expect(ms).toBe(MAX_RETRY_AFTER_MS);
    expect(new Date(NOW + (ms ?? 0)).toISOString()).toBe('2027-11-28T12:00:00.000Z');
  });
});

function request(notices: RetryNotice[]): GraphRequest {
  return {
    method: 'PATCH',
    url: 'http://x',
    idempotent: true,
    clientRequestId: 'c',
    onRetry: (n) => void notices.push(n),
  };
}
const answer = (status: number, headers: Record<string, string> = {}): GraphResponse => ({
  status,
  clientRequestId: 'c',
  headers,
  bodyText: '',
});

describe('retryPolicy', () => {
  const fast = { baseDelayMs: 1, random: () => 0.5 };

  it('retries 429/503/504 up to maxRetries and then returns the last answer', async () => {
    const notices: RetryNotice[] = [];
    let calls = 0;
    const response = await retryPolicy({ maxRetries: 2, ...fast }).sendRequest(request(notices), async () => {
      calls += 1;
      return answer([429, 503, 504][calls - 1] ?? 200);
    });
    expect(calls).toBe(3);
    expect(response.status).toBe(504);
    expect(notices.map((n) => [n.nextAttempt, n.maxAttempts])).toEqual([
      [2, 3],
      [3, 3],
    ]);
  });

  it('does not retry other statuses', async () => {
    for (const status of [200, 204, 400, 401, 403, 404, 409, 500, 502]) {
      let calls = 0;
      await retryPolicy({ maxRetries: 3, ...fast }).sendRequest(request([]), async () => {
        calls += 1;
        return answer(status);
      });
      expect(calls, String(status)).toBe(1);
    }
  });

  it('backs off exponentially with ±20% jitter', async () => {
    const delays: number[] = [];
    let calls = 0;
    const req = { ...request([]), onRetry: (n: RetryNotice) => void delays.push(n.delayMs) };
    await retryPolicy({ maxRetries: 3, baseDelayMs: 1, random: () => 1 }).sendRequest(req, async () => {
      calls += 1;
      return answer(calls < 4 ? 503 : 200);
    });
    expect(delays.map((d) => Math.round(d * 10) / 10)).toEqual([1.2, 2.4, 4.8]);
  });

  it('refuses to wait longer than the cap', async () => {
    await expect(
      retryPolicy({ maxRetries: 3, maxRetryAfterMs: 60_000 }).sendRequest(request([]), async () =>
        answer(429, { 'retry-after': '61' }),
      ),
    ).rejects.toBeInstanceOf(GraphThrottledError);
  });

  it('retries dropped connections and reports the attempts when they run out', async () => {
    let calls = 0;
    const failing = retryPolicy({ maxRetries: 2, ...fast }).sendRequest(request([]), async () => {
      calls += 1;
      throw new GraphNetworkError('ECONNRESET', 'c', 1, 'PATCH');
    });
    await expect(failing).rejects.toMatchObject({ attempts: 3 });
    expect(calls).toBe(3);
  });
});
