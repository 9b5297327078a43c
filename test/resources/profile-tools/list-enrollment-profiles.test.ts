/**
 * list-enrollment-profiles end to end: the built server over stdio, the SDK client, the Graph simulator on loopback
 * serving the three seeded profiles two per page, so every full listing crosses a page boundary.
 */
import { describe, expect, it } from 'vitest';
import { startGraphSimulator } from '../../../src/simulator/graph-simulator.js';
import { graphEnv, startServer, textOf } from '../../helpers/mcp-harness.js';
import { useServerOnSimulator } from '../../helpers/server-on-simulator.js';

const KIOSK_ID = 'e6742553-2553-e674-5325-74e6532574e6';
const FIELD_ID = '0b9f7a52-6c1e-4d3a-8f2b-5e4d3c2b1a09';
const WAREHOUSE_ID = '7c4e2a1f-9b8d-4c6e-a5f3-2d1e0f9a8b7c';
const COLLECTION = '/beta/deviceManagement/androidForWorkEnrollmentProfiles';
/** Every property asked for by name: Intune leaves the token fields of a list empty otherwise. */
const SELECT =
  '$select=id%2CaccountId%2CdisplayName%2Cdescription%2CcreatedDateTime%2ClastModifiedDateTime%2CtokenValue%2CtokenExpirationDateTime%2CenrolledDeviceCount%2CqrCodeContent%2CqrCodeImage';

interface ListResult {
  profiles: Record<string, unknown>[];
  truncated: boolean;
  nextLink?: string;
}

const e2e = useServerOnSimulator({ pageSize: 2 });

async function list(args: Record<string, unknown> = {}) {
  const result = await e2e.server.call('list-enrollment-profiles', args);
  expect(result.isError, textOf(result)).toBeFalsy();
  return { result, listed: result.structuredContent as unknown as ListResult, text: textOf(result) };
}

const idsOf = (listed: ListResult) => listed.profiles.map((profile) => profile.id);

describe('tools/list', () => {
  it('describes the tool as read-only, with its two parameters and an output schema', async () => {
    const { tools } = await e2e.server.client.listTools();
    const tool = tools.find((t) => t.name === 'list-enrollment-profiles');
    expect(tool?.annotations).toMatchObject({ readOnlyHint: true, destructiveHint: false, idempotentHint: true });
    expect(Object.keys(tool?.inputSchema.properties ?? {})).toEqual(['top', 'displayName']);
    expect(tool?.inputSchema.required ?? []).toEqual([]);
    expect(tool?.outputSchema).toMatchObject({
      type: 'object',
      required: expect.arrayContaining(['profiles', 'truncated']),
      properties: { profiles: { type: 'array' }, truncated: { type: 'boolean' }, nextLink: { type: 'string' } },
    });
  });
});

describe('paging', () => {
  it('follows @odata.nextLink across two pages and says the list is complete', async () => {
    const { listed, text } = await list();
    expect(idsOf(listed)).toEqual([KIOSK_ID, FIELD_ID, WAREHOUSE_ID]);
    expect(listed.truncated).toBe(false);
    expect(listed).not.toHaveProperty('nextLink');
    expect(e2e.sim.requests.map((r) => r.url)).toEqual([
      `${COLLECTION}?${SELECT}`,
      `${COLLECTION}?${SELECT}&$skiptoken=2`,
    ]);
    expect(e2e.sim.requests.every((r) => r.headers.authorization === 'Bearer test-access-token-0123456789')).toBe(true);
    expect(text).toContain('3 profile(s): all there are.');
  });

  it('top: returns that many and says more exist, even when the last page read had no nextLink', async () => {
    const { listed, text } = await list({ top: 2 });
    expect(idsOf(listed)).toEqual([KIOSK_ID, FIELD_ID]);
    expect(listed.truncated).toBe(true);
    expect(listed).not.toHaveProperty('nextLink'); // both pages were read: Graph has nothing more to offer
    expect(text).toMatch(/more exist: raise top \(now 2, at most 1000\)/);
  });

  it('top smaller than a page: stops reading and returns the nextLink of the pages left unread', async () => {
    const { listed } = await list({ top: 1 });
    expect(idsOf(listed)).toEqual([KIOSK_ID]);
    expect(listed.truncated).toBe(true);
    expect(listed.nextLink).toBe(
      `${e2e.sim.baseUrl}/deviceManagement/androidForWorkEnrollmentProfiles?${SELECT}&$skiptoken=2`,
    );
    expect(e2e.sim.requests).toHaveLength(1);
  });

  it('top equal to the number of profiles is complete, not truncated', async () => {
    const { listed } = await list({ top: 3 });
    expect(idsOf(listed)).toHaveLength(3);
    expect(listed.truncated).toBe(false);
  });

  it('a nextLink to another origin is returned but never followed: the token does not leave Graph', async () => {
    const foreign = await startGraphSimulator();
    try {
      const elsewhere = `${foreign.baseUrl}/deviceManagement/androidForWorkEnrollmentProfiles?$skiptoken=1`;
      e2e.sim.addFaults({
        method: 'GET',
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          value: [{ id: KIOSK_ID, displayName: 'Corporate-owned kiosks' }],
          '@odata.nextLink': elsewhere,
        }),
      });
      const { listed, text } = await list();
      expect(idsOf(listed)).toEqual([KIOSK_ID]);
      expect(listed.nextLink).toBe(elsewhere);
      expect(listed.truncated).toBe(true); // an agent reading only the structure must not take it as complete
      expect(foreign.requests).toHaveLength(0);
      expect(e2e.sim.requests).toHaveLength(1);
      expect(text).toContain('possibly not all');
      expect(text).toContain(new URL(foreign.baseUrl).origin);
    } finally {
      await foreign.close();
    }
  });

  it('a Graph error on the second page is an isError result naming the status', async () => {
    e2e.sim.addFaults({ method: 'GET', passThrough: true }, { method: 'GET', status: 403 }); // page 1 real, page 2 refused
    const result = await e2e.server.call('list-enrollment-profiles', {});
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('HTTP 403');
    expect(e2e.sim.requests).toHaveLength(2);
  });
});

describe('displayName filter', () => {
  it('matches a substring ignoring case, across pages', async () => {
    const { listed, text } = await list({ displayName: 'WAREHOUSE' });
    expect(idsOf(listed)).toEqual([WAREHOUSE_ID]); // on the second page
    expect(listed.truncated).toBe(false);
    expect(e2e.sim.requests).toHaveLength(2);
    expect(text).toContain('1 profile(s) whose displayName contains "WAREHOUSE" (ignoring case): all there are.');
  });

  it('counts top after the filter', async () => {
    const { listed } = await list({ displayName: 'e', top: 1 });
    expect(idsOf(listed)).toEqual([KIOSK_ID]);
    expect(listed.truncated).toBe(true);
  });

  it('no match is an empty list with a way out, not an error', async () => {
    const { listed, text } = await list({ displayName: 'no such profile' });
    expect(listed.profiles).toEqual([]);
    expect(listed.truncated).toBe(false);
    expect(text).toContain('Call without the filter');
  });
});

describe('enrollment tokens', () => {
  it('are redacted in structured content and text, keeping the shape; null stays null', async () => {
    const { listed, text } = await list();
    const [kiosk, , warehouse] = listed.profiles;
    expect(kiosk).toMatchObject({
      tokenValue: '[redacted]',
      qrCodeContent: '[redacted]',
      qrCodeImage: { type: 'image/png', value: '[redacted]' },
      enrolledDeviceCount: 42,
    });
    expect(warehouse).toMatchObject({ tokenValue: null, qrCodeContent: null, qrCodeImage: null });
    expect(text).not.toContain('sim-token-');
    expect(text).not.toContain(Buffer.from('png-of-sim-token').toString('base64').slice(0, 12));
  });

  it('are shown when the operator sets INTUNE_MCP_REVEAL_ENROLLMENT_TOKENS=true', async () => {
    const revealing = await startServer(graphEnv(e2e.sim.baseUrl, { INTUNE_MCP_REVEAL_ENROLLMENT_TOKENS: 'true' }));
    try {
      const result = await revealing.call('list-enrollment-profiles', { top: 1 });
      const [kiosk] = (result.structuredContent as unknown as ListResult).profiles;
      expect(kiosk?.tokenValue).toBe('sim-token-KIOSK-4f7a9c2e');
      expect(kiosk?.qrCodeContent).toContain('sim-token-KIOSK-4f7a9c2e');
      expect(kiosk?.qrCodeImage).toEqual({
        type: 'image/png',
        value: Buffer.from('png-of-sim-token-KIOSK-4f7a9c2e').toString('base64'),
      });
    } finally {
      await revealing.close();
    }
  });
});

describe('refused before anything is sent', () => {
  it.each([
    ['top 0', { top: 0 }, /top: must be a whole number from 1 to 1000/],
    ['top 1001', { top: 1001 }, /top: must be a whole number from 1 to 1000/],
    ['top as a string', { top: '5' }, /top/],
    ['an empty filter', { displayName: '' }, /displayName: must not be empty/],
    ['an unknown argument', { filter: 'kiosk' }, /filter is not an argument of this tool. It takes: top, displayName/],
  ])('%s', async (_label, args, message) => {
    const result = await e2e.server.call('list-enrollment-profiles', args);
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(message);
    expect(e2e.sim.requests).toHaveLength(0);
  });
});

describe('a Graph that never stops paging', () => {
  it('stops at a nextLink it has already followed and says the list may be incomplete', async () => {
    const loop = `${e2e.sim.baseUrl}/deviceManagement/androidForWorkEnrollmentProfiles?$skiptoken=loop`;
    const page = JSON.stringify({ value: [], '@odata.nextLink': loop });
    e2e.sim.addFaults({ method: 'GET', status: 200, body: page }, { method: 'GET', status: 200, body: page });
    const { listed, text } = await list();
    expect(e2e.sim.requestsOf('GET')).toHaveLength(2);
    expect(listed.profiles).toEqual([]);
    expect(listed.truncated).toBe(true);
    expect(text).toMatch(/possibly not all: Graph kept sending further pages/);
  });
});

describe('memory bound (issue 11: pages of megabytes exhausted the heap)', () => {
  it('stops paging once the profiles read pass 3 MiB, and says so', async () => {
    const big = (n: number) => ({
      id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
      displayName: `Big ${n}`,
      description: 'd'.repeat(600_000),
    });
    const sim = await startGraphSimulator({ profiles: Array.from({ length: 12 }, (_, n) => big(n)), pageSize: 4 });
    const server = await startServer(graphEnv(sim.baseUrl));
    try {
      const result = await server.call('list-enrollment-profiles', {});
      expect(result.isError, textOf(result)).toBeFalsy();
      const listed = result.structuredContent as { profiles: unknown[]; truncated: boolean };
      expect(listed.profiles.length).toBeLessThan(12);
      expect(listed.truncated).toBe(true);
      expect(textOf(result)).toContain('possibly not all: the profiles read reached 3145728 bytes');
      expect(sim.requestsOf('GET').length).toBeLessThan(3); // it did not read the third page
    } finally {
      await server.close();
      await sim.close();
    }
  });
});
