/**
 * get-enrollment-profile end to end: the built server over stdio, the SDK client, the Graph simulator on loopback.
 */
import { describe, expect, it } from 'vitest';
import { textOf } from '../../helpers/mcp-harness.js';
import { useServerOnSimulator } from '../../helpers/server-on-simulator.js';

const KIOSK_ID = 'e6742553-2553-e674-5325-74e6532574e6';

const e2e = useServerOnSimulator();

describe('tools/list', () => {
  it('describes the tool as read-only, taking only the id, with the profile as output schema', async () => {
    const { tools } = await e2e.server.client.listTools();
    const tool = tools.find((t) => t.name === 'get-enrollment-profile');
    expect(tool?.annotations).toMatchObject({
      readOnlyHint: true,
      destructiveHint: false,
      idempotentHint: true,
      openWorldHint: true,
    });
    expect(tool?.inputSchema).toMatchObject({ required: ['id'], additionalProperties: false });
    expect(Object.keys(tool?.inputSchema.properties ?? {})).toEqual(['id']);
    expect(tool?.outputSchema).toMatchObject({ type: 'object', required: ['id'] });
    expect(tool?.description).toContain('expectedLastModifiedDateTime');
  });
});

describe('a profile that exists', () => {
  it('is read with one GET and returned as structured content and the same JSON as text, tokens redacted', async () => {
    const result = await e2e.server.call('get-enrollment-profile', { id: KIOSK_ID.toUpperCase() });
    expect(result.isError).toBeFalsy();
    expect(e2e.sim.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      `GET /beta/deviceManagement/androidForWorkEnrollmentProfiles/${KIOSK_ID.toUpperCase()}?$select=id%2CaccountId%2CdisplayName%2Cdescription%2CcreatedDateTime%2ClastModifiedDateTime%2CtokenValue%2CtokenExpirationDateTime%2CenrolledDeviceCount%2CqrCodeContent%2CqrCodeImage`,
    ]);
    const profile = result.structuredContent as Record<string, unknown>;
    expect(profile).toMatchObject({
      id: KIOSK_ID,
      displayName: 'Corporate-owned kiosks',
      lastModifiedDateTime: '2026-10-14T16:42:05.7654321Z', // Graph's seven digits, untouched: the guard needs them
      enrolledDeviceCount: 42,
      tokenValue: '[redacted]',
      qrCodeContent: '[redacted]',
      qrCodeImage: { type: 'image/png', value: '[redacted]' },
    });
    expect(profile).not.toHaveProperty('@odata.context');
    expect(profile).not.toHaveProperty('@odata.type');
    expect(JSON.parse((result.content[0] as { text: string }).text)).toEqual(profile);
    expect(textOf(result)).not.toContain('sim-token-');
  });
});

describe('a profile that does not exist', () => {
  it('is an isError result with the 404, the id and the way to find the right one', async () => {
    const missing = '11111111-2222-3333-4444-555555555555';
    const result = await e2e.server.call('get-enrollment-profile', { id: missing });
    expect(result.isError).toBe(true);
    const text = textOf(result);
    expect(text).toContain('HTTP 404');
    expect(text).toContain('ResourceNotFound');
    expect(text).toContain(`Hint: no Android for Work enrollment profile has id ${missing}`);
    expect(text).toContain('Use list-enrollment-profiles to find the right id.');
    expect(text).toContain(`client-request-id: ${e2e.sim.requests[0]?.headers['client-request-id'] as string}`);
  });
});

describe('refused before anything is sent', () => {
  it.each([
    [
      'a display name instead of the id',
      { id: 'Corporate-owned kiosks' },
      /id must be the GUID of an enrollment profile/,
    ],
    ['a path in the id', { id: `${KIOSK_ID}/../../users` }, /id must be the GUID/],
    ['a GUID in braces', { id: `{${KIOSK_ID}}` }, /id must be the GUID/],
    ['a number', { id: 42 }, /id must be a string/],
    ['no id', {}, /id is required: the GUID of the enrollment profile. Find it with list-enrollment-profiles/],
    ['a guessed argument name', { profileId: KIOSK_ID }, /profileId is not an argument of this tool. It takes: id/],
    [
      'an extra argument',
      { id: KIOSK_ID, select: 'displayName' },
      /select is not an argument of this tool. It takes: id/,
    ],
  ])('%s', async (_label, args, message) => {
    const result = await e2e.server.call('get-enrollment-profile', args);
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(message);
    expect(textOf(result)).toContain('nothing was sent to Graph');
    expect(e2e.sim.requests).toHaveLength(0);
  });
});
