/**
 * update-enrollment-profile end to end: the built server over stdio, the SDK client, the Graph simulator on loopback.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { textOf } from '../../helpers/mcp-harness.js';
import { useServerOnSimulator } from '../../helpers/server-on-simulator.js';

const KIOSK_ID = 'e6742553-2553-e674-5325-74e6532574e6';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const t = useServerOnSimulator();
beforeEach(() => {
  t.sim.patchResponse = 200;
});

describe('secrets an agent writes', () => {
  it('a tokenValue the call sends is hidden when Graph echoes it back in an error', async () => {
    const sent = 'AGENT-WRITTEN-TOKEN-5b7d4e2a9c6f';
    t.sim.addFaults({
      method: 'PATCH',
      status: 400,
      body: JSON.stringify({
        error: { code: 'BadRequest', message: `Invalid value in body: {"tokenValue":"${sent}"}` },
      }),
    });
    const result = await t.server.call('update-enrollment-profile', { id: KIOSK_ID, tokenValue: sent });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('Invalid value in body: {"tokenValue":"[redacted]"}');
    expect(JSON.stringify(result)).not.toContain(sent);
    expect(t.server.stderr()).not.toContain(sent);
  });
});

describe('tools/list', () => {
  it('describes the update tool with the Graph resource schema, annotations and an output schema', async () => {
    const { tools } = await t.server.client.listTools();
    const tool = tools.find((t) => t.name === 'update-enrollment-profile');
    expect(tool).toBeDefined();
    const input = tool?.inputSchema as unknown as {
      properties: Record<string, Record<string, unknown>>;
      required: string[];
      additionalProperties: boolean;
    };
    expect(input.required).toEqual(['id']);
    expect(input.additionalProperties).toBe(false);
    expect(Object.keys(input.properties)).toEqual(
      expect.arrayContaining([
        'id',
        'accountId',
        'displayName',
        'description',
        'tokenValue',
        'tokenExpirationDateTime',
        'enrolledDeviceCount',
        'qrCodeContent',
        'qrCodeImage',
      ]),
    );
    expect(input.properties).not.toHaveProperty('createdDateTime');
    expect(input.properties).not.toHaveProperty('lastModifiedDateTime');
    expect(input.properties.enrolledDeviceCount).toMatchObject({ type: 'integer', minimum: 0, maximum: 2147483647 });
    expect(input.properties.displayName?.anyOf).toEqual([{ type: 'string', maxLength: 4096 }, { type: 'null' }]);
    expect(input.properties.id?.pattern).toBeTypeOf('string');
    for (const property of Object.values(input.properties)) expect(property.description).toBeTruthy();
    expect(tool?.annotations).toMatchObject({
      readOnlyHint: false,
      destructiveHint: true,
      idempotentHint: true,
      openWorldHint: true,
    });
    expect(tool?.title).toBeTruthy();
    expect(tool?.outputSchema).toMatchObject({ type: 'object', required: ['id'] });
    expect(tool?.outputSchema).not.toHaveProperty('additionalProperties', false);
  });
});

describe('a successful update', () => {
  it('sends exactly the given properties with the right headers and returns the profile Graph answered (200)', async () => {
    const result = await t.server.call('update-enrollment-profile', {
      id: KIOSK_ID,
      displayName: 'Kiosks (EU)',
      description: null,
      enrolledDeviceCount: 43,
      tokenExpirationDateTime: '2027-06-30T17:00:00-07:00',
    });
    expect(result.isError).toBeFalsy();
    const patches = t.sim.requestsOf('PATCH');
    expect(patches).toHaveLength(1);
    const patch = patches[0];
    expect(patch?.url).toBe(`/beta/deviceManagement/androidForWorkEnrollmentProfiles/${KIOSK_ID}`);
    expect(JSON.parse(patch?.body ?? '')).toEqual({
      displayName: 'Kiosks (EU)',
      description: null,
      enrolledDeviceCount: 43,
      tokenExpirationDateTime: '2027-06-30T17:00:00-07:00',
    });
    expect(patch?.headers.authorization).toBe('Bearer test-access-token-0123456789');
    expect(patch?.headers['content-type']).toBe('application/json');
    expect(patch?.headers.accept).toBe('application/json');
    expect(patch?.headers['client-request-id']).toMatch(UUID);
    expect(patch?.headers['user-agent']).toMatch(/^intune-enrollment-mcp\/\d+\.\d+\.\d+/);
    expect(t.sim.requestsOf('GET')).toHaveLength(0); // 200 carried the profile: no read-back

    const profile = result.structuredContent as Record<string, unknown>;
    expect(profile).toMatchObject({
      id: KIOSK_ID,
      displayName: 'Kiosks (EU)',
      description: null,
      enrolledDeviceCount: 43,
    });
    expect(profile).not.toHaveProperty('@odata.context');
    expect(profile.createdDateTime).toBeTypeOf('string');
    expect(JSON.parse((result.content[0] as { text: string }).text)).toEqual(profile);
  });

  it('reads the profile back when Graph answers 204 No Content', async () => {
    t.sim.patchResponse = 204;
    const result = await t.server.call('update-enrollment-profile', { id: KIOSK_ID, displayName: 'After 204' });
    expect(result.isError).toBeFalsy();
    expect(t.sim.requests.map((r) => r.method)).toEqual(['PATCH', 'GET']);
    expect(result.structuredContent).toMatchObject({
      id: KIOSK_ID,
      displayName: 'After 204',
      enrolledDeviceCount: expect.any(Number),
    });
  });

  it('uses a fresh client-request-id for every request', async () => {
    await t.server.call('update-enrollment-profile', { id: KIOSK_ID, description: 'one' });
    await t.server.call('update-enrollment-profile', { id: KIOSK_ID, description: 'two' });
    const ids = t.sim.requests.map((r) => r.headers['client-request-id']);
    expect(new Set(ids).size).toBe(2);
  });

  it('sets qrCodeImage as mimeContent and clears nullable properties with null', async () => {
    const value = Buffer.from('fake png bytes').toString('base64');
    const result = await t.server.call('update-enrollment-profile', {
      id: KIOSK_ID,
      qrCodeImage: { type: 'image/png', value },
      accountId: null,
    });
    expect(result.isError).toBeFalsy();
    expect(JSON.parse(t.sim.requestsOf('PATCH')[0]?.body ?? '')).toEqual({
      qrCodeImage: { type: 'image/png', value },
      accountId: null,
    });
    expect(t.sim.profiles.get(KIOSK_ID)?.accountId).toBeNull();
  });
});

describe('Graph errors come back as readable isError results', () => {
  afterEach(() => t.sim.addFaults()); // nothing left queued

  it('404: names the status, Graph code, both request ids and the fix', async () => {
    const missing = '11111111-2222-3333-4444-555555555555';
    const result = await t.server.call('update-enrollment-profile', { id: missing, displayName: 'x' });
    expect(result.isError).toBe(true);
    const text = textOf(result);
    const clientRequestId = t.sim.requestsOf('PATCH')[0]?.headers['client-request-id'] as string;
    expect(text).toContain('404');
    expect(text).toContain('ResourceNotFound');
    expect(text).toContain(`client-request-id: ${clientRequestId}`);
    expect(text).toMatch(/request-id: [0-9a-f-]{36}/);
    expect(text).toContain('list-enrollment-profiles');
  });

  it('403: Graph message verbatim plus the permission and admin consent hint', async () => {
    t.sim.addFaults({
      method: 'PATCH',
      status: 403,
      body: JSON.stringify({
        error: {
          code: 'Forbidden',
          message: 'Application is not authorized to perform this operation.',
          innerError: { 'request-id': 'aaaaaaaa-1111-2222-3333-bbbbbbbbbbbb', date: '2026-11-28T10:00:00' },
        },
      }),
    });
    const result = await t.server.call('update-enrollment-profile', { id: KIOSK_ID, displayName: 'x' });
    const text = textOf(result);
    expect(result.isError).toBe(true);
    expect(text).toContain('403');
    expect(text).toContain('Forbidden: Application is not authorized to perform this operation.');
    expect(text).toContain('DeviceManagementConfiguration.ReadWrite.All');
    expect(text).toMatch(/admin consent/i);
  });

  it('400: code and message verbatim', async () => {
    t.sim.addFaults({
      method: 'PATCH',
      status: 400,
      body: JSON.stringify({ error: { code: 'BadRequest', message: 'Invalid value for tokenExpirationDateTime' } }),
    });
    const text = textOf(await t.server.call('update-enrollment-profile', { id: KIOSK_ID, displayName: 'x' }));
    expect(text).toContain('HTTP 400');
    expect(text).toContain('BadRequest: Invalid value for tokenExpirationDateTime');
  });

  it('an HTML page from a proxy is reported by status and a short snippet', async () => {
    t.sim.addFaults({
      method: 'PATCH',
      status: 502,
      headers: { 'content-type': 'text/html' },
      body: `<html><body><h1>502 Bad Gateway</h1>${'x'.repeat(5000)}</body></html>`,
    });
    const result = await t.server.call('update-enrollment-profile', { id: KIOSK_ID, displayName: 'x' });
    const text = textOf(result);
    expect(result.isError).toBe(true);
    expect(text).toContain('502');
    expect(text).toContain('502 Bad Gateway');
    expect(text.length).toBeLessThan(1500);
  });

  it('a PATCH answered 2xx with a body that is not JSON was accepted: the profile is read back', async () => {
    t.sim.addFaults({ method: 'PATCH', status: 200, body: 'not json at all' });
    const result = await t.server.call('update-enrollment-profile', { id: KIOSK_ID, displayName: 'x' });
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(t.sim.requests.map((r) => r.method)).toEqual(['PATCH', 'GET']);
    expect(result.structuredContent).toMatchObject({ id: KIOSK_ID });
  });

  it('a GET answered 200 with a body that is not JSON is an error, not a crash', async () => {
    t.sim.addFaults({ method: 'GET', status: 200, body: 'not json at all' });
    const result = await t.server.call('get-enrollment-profile', { id: KIOSK_ID });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('not JSON');
    // …and the server is still there
    expect((await t.server.call('update-enrollment-profile', { id: KIOSK_ID, displayName: 'y' })).isError).toBeFalsy();
  });
});

describe('refused before anything is sent', () => {
  const refused: [string, Record<string, unknown>, RegExp][] = [
    ['a non-GUID id', { id: 'not-a-guid', displayName: 'x' }, /id must be the GUID/],
    ['a path in the id', { id: `../${KIOSK_ID}`, displayName: 'x' }, /GUID/],
    ['a missing id', { displayName: 'x' }, /id/],
    ['createdDateTime', { id: KIOSK_ID, createdDateTime: '2026-01-01T00:00:00Z' }, /createdDateTime is read-only/],
    [
      'lastModifiedDateTime',
      { id: KIOSK_ID, lastModifiedDateTime: '2026-01-01T00:00:00Z' },
      /lastModifiedDateTime is read-only/,
    ],
    ['an unknown property', { id: KIOSK_ID, color: 'blue' }, /color is not an argument/],
    [
      '@odata.type',
      { id: KIOSK_ID, '@odata.type': '#microsoft.graph.androidForWorkEnrollmentProfile', displayName: 'x' },
      /@odata.type is not an argument/,
    ],
    ['a string count', { id: KIOSK_ID, enrolledDeviceCount: '3' }, /enrolledDeviceCount/],
    ['a fractional count', { id: KIOSK_ID, enrolledDeviceCount: 1.5 }, /Int32/],
    ['a negative count', { id: KIOSK_ID, enrolledDeviceCount: -1 }, /Int32/],
    ['a count beyond Int32', { id: KIOSK_ID, enrolledDeviceCount: 2147483648 }, /Int32/],
    ['null count (not nullable)', { id: KIOSK_ID, enrolledDeviceCount: null }, /enrolledDeviceCount/],
    ['a date without offset', { id: KIOSK_ID, tokenExpirationDateTime: '2027-01-01T00:00:00' }, /offset/],
    [
      'an impossible date',
      { id: KIOSK_ID, tokenExpirationDateTime: '2027-02-30T00:00:00Z' },
      /tokenExpirationDateTime/,
    ],
    ['a non-GUID accountId', { id: KIOSK_ID, accountId: 'contoso' }, /accountId/],
    ['bad base64', { id: KIOSK_ID, qrCodeImage: { type: 'image/png', value: 'not base64!' } }, /base64/],
    [
      'extra mimeContent fields',
      { id: KIOSK_ID, qrCodeImage: { type: 'image/png', value: 'AA==', size: 1 } },
      /qrCodeImage/,
    ],
    ['a number as displayName', { id: KIOSK_ID, displayName: 42 }, /displayName/],
    ['a very long displayName', { id: KIOSK_ID, displayName: 'x'.repeat(100_000) }, /at most/],
    ['a call that changes nothing', { id: KIOSK_ID }, /changes nothing/],
  ];
  it.each(refused)('%s', async (_label, args, message) => {
    const result = await t.server.call('update-enrollment-profile', args);
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(message);
    expect(textOf(result)).toContain('nothing was sent to Graph');
    expect(t.sim.requests).toHaveLength(0);
  });

  it('a call refused for a read-only property hears that alone, not also that it changes nothing', async () => {
    const result = await t.server.call('update-enrollment-profile', {
      id: KIOSK_ID,
      createdDateTime: '2026-01-01T00:00:00Z',
    });
    expect(textOf(result)).toMatch(/createdDateTime is read-only/);
    expect(textOf(result)).not.toMatch(/changes nothing/);
  });
});
