/**
 * The conformance baseline (scenarios of the official MCP conformance suite that do not apply to this server, which
 * .ci/run tells the suite to expect): every entry gives its reason, and none is listed twice.
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';

const baseline = readFileSync(new URL('./conformance-baseline.yml', import.meta.url), 'utf8');

it('lists server scenarios only, each once and with its reason', () => {
  const entries = baseline.split('\n').filter((line) => /^\s+- /.test(line));
  expect(baseline).toMatch(/^server:$/m);
  expect(baseline).not.toMatch(/^client:/m);
  expect(entries.length).toBeGreaterThan(0);
  const names = entries.map((line) => /^\s+- ([a-z0-9-]+)\s*(?:#\s*(.*))?$/.exec(line));
  for (const [index, match] of names.entries()) {
    expect(match, entries[index]).not.toBeNull();
    expect(match?.[2]?.length ?? 0, `${match?.[1]} needs a reason`).toBeGreaterThan(20);
  }
  const unique = new Set(names.map((match) => match?.[1]));
  expect(unique.size).toBe(entries.length);
  // What applies to a tools-only server must pass, never be baselined.
  for (const scenario of ['server-initialize', 'ping', 'tools-list', 'dns-rebinding-protection', 'logging-set-level']) {
    expect(unique.has(scenario), scenario).toBe(false);
  }
});
