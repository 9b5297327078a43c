/**
 * A Retry-After far beyond any sane wait (a buggy proxy, a corrupted header) is still a readable isError result, not a
 * JSON-RPC error: the wait is clamped before anything turns it into a date.
 */
import { expect, it } from 'vitest';
import { textOf } from '../helpers/mcp-harness.js';
import { useServerOnSimulator } from '../helpers/server-on-simulator.js';

const ID = 'e6742553-2553-e674-5325-74e6532574e6';

const t = useServerOnSimulator({}, { INTUNE_MCP_MAX_RETRIES: '3' });

it.each([
  ['seconds', '99999999999999'],
  ['seconds with a fraction', '99999999999999.5'],
  ['milliseconds', undefined],
])('a huge Retry-After (%s) is an isError result saying when to retry', async (_label, seconds) => {
  const headers: Record<string, string> =
    seconds === undefined ? { 'retry-after-ms': '999999999999999999999' } : { 'retry-after': seconds };
  t.sim.addFaults({ method: 'PATCH', status: 429, headers });
  const result = await t.server.call('update-enrollment-profile', { id: ID, displayName: 'huge retry-after' });
  expect(result.isError).toBe(true);
  const text = textOf(result);
  expect(text).toContain('HTTP 429');
  expect(text).toMatch(/retry after \d+ s \(at \d{4}-\d{2}-\d{2}T[\d:.]+Z\)/);
  expect(text).not.toMatch(/Invalid time value|NaN|Infinity/);
  expect(t.sim.requestsOf('PATCH')).toHaveLength(1);
});
