/**
 * The update's safety features end to end: the read-only preview tool (read, show from → to, send no PATCH) and the
 * lost-update guard expectedLastModifiedDateTime (read, refuse on a mismatch, send no PATCH; checked again before
 * every retry; tolerant of a value rounded or truncated to milliseconds).
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { androidForWorkSeedProfiles as seedProfiles } from '../../../src/resources/android-for-work/seed-profiles.js';
import { textOf } from '../../helpers/mcp-harness.js';
import { useServerOnSimulator } from '../../helpers/server-on-simulator.js';

const KIOSK_ID = 'e6742553-2553-e674-5325-74e6532574e6';
const WAREHOUSE_ID = '7c4e2a1f-9b8d-4c6e-a5f3-2d1e0f9a8b7c';
const KIOSK_MODIFIED = '2026-10-14T16:42:05.7654321Z';
const NEW_TOKEN = 'brand-new-enrollment-token-7f3e';

const e2e = useServerOnSimulator();

beforeEach(() => {
  e2e.sim.patchResponse = 200;
  e2e.sim.profiles.clear();
  for (const profile of seedProfiles()) e2e.sim.profiles.set(String(profile.id), profile);
});

const waitFor = (condition: () => boolean) => vi.waitFor(() => expect(condition()).toBe(true), { timeout: 5000 });
const update = (args: Record<string, unknown>) => e2e.server.call('update-enrollment-profile', args);
const methods = () => e2e.sim.requests.map((r) => r.method);
const setKioskLastModified = (value: string) =>
  e2e.sim.profiles.set(KIOSK_ID, { ...e2e.sim.profiles.get(KIOSK_ID), lastModifiedDateTime: value });

const preview = (args: Record<string, unknown>) => e2e.server.call('preview-enrollment-profile-update', args);

describe('preview-enrollment-profile-update', () => {
  it('is listed read-only, unlike the update tool', async () => {
    const { tools } = await e2e.server.client.listTools();
    const annotations = (name: string) => tools.find((tool) => tool.name === name)?.annotations;
    expect(annotations('preview-enrollment-profile-update')).toMatchObject({
      readOnlyHint: true,
      destructiveHint: false,
    });
    expect(annotations('update-enrollment-profile')).toMatchObject({ readOnlyHint: false, destructiveHint: true });
  });

  it('reads the profile, sends no PATCH, and shows each change as property: from → to', async () => {
    const result = await preview({
      id: KIOSK_ID,
      displayName: 'Kiosks (EU)',
      description: null,
      enrolledDeviceCount: 42,
      tokenExpirationDateTime: '2027-06-30T17:00:00Z',
    });
    expect(result.isError).toBeFalsy();
    expect(methods()).toEqual(['GET']);
    expect(e2e.sim.profiles.get(KIOSK_ID)).toEqual(seedProfiles()[0]); // untouched
    const text = textOf(result);
    expect(text).toContain('Preview: nothing was changed.');
    expect(text).toContain('- displayName: "Corporate-owned kiosks" → "Kiosks (EU)"');
    expect(text).toContain('- description: "Dedicated devices in retail stores" → null');
    expect(text).toContain('- enrolledDeviceCount: 42 (unchanged)');
    expect(text).toContain('- tokenExpirationDateTime: "2027-03-02T09:15:27Z" → "2027-06-30T17:00:00Z"');
    expect(text).toContain(`expectedLastModifiedDateTime: "${KIOSK_MODIFIED}"`);
  });

  it("when every value given is already the profile's, says the update would change nothing, not how to apply it", async () => {
    const result = await preview({ id: KIOSK_ID, displayName: 'Corporate-owned kiosks', enrolledDeviceCount: 42 });
    const text = textOf(result);
    expect(text).toContain('- displayName: "Corporate-owned kiosks" (unchanged)');
    expect(text).toContain('the update would change nothing');
    expect(text).toContain('There is nothing to apply.');
    expect(text).not.toContain('To apply it');
  });

  it('says what it is: { current, proposed, changes, lastModifiedDateTime }', async () => {
    const result = await preview({ id: KIOSK_ID, displayName: 'Kiosks (EU)' });
    expect(result.structuredContent).toMatchObject({
      current: { id: KIOSK_ID, displayName: 'Corporate-owned kiosks', tokenValue: '[redacted]' },
      proposed: { id: KIOSK_ID, displayName: 'Kiosks (EU)', description: 'Dedicated devices in retail stores' },
      changes: [{ property: 'displayName', from: 'Corporate-owned kiosks', to: 'Kiosks (EU)', secret: false }],
      lastModifiedDateTime: KIOSK_MODIFIED,
    });
  });

  it('lists a secret leaf with secret: true and no values; qrCodeImage.type apart from its value', async () => {
    const image = Buffer.from('new qr code png').toString('base64');
    const result = await preview({
      id: KIOSK_ID,
      tokenValue: NEW_TOKEN,
      qrCodeContent: `{"token":"${NEW_TOKEN}"}`,
      qrCodeImage: { type: 'image/jpeg', value: image },
    });
    const everything = JSON.stringify(result);
    expect(everything).not.toContain(NEW_TOKEN);
    expect(everything).not.toContain(image);
    expect(everything).not.toContain('sim-token-KIOSK');
    expect((result.structuredContent as { changes: unknown[] }).changes).toEqual([
      { property: 'tokenValue', secret: true },
      { property: 'qrCodeContent', secret: true },
      { property: 'qrCodeImage.type', from: 'image/png', to: 'image/jpeg', secret: false },
      { property: 'qrCodeImage.value', secret: true },
    ]);
    const text = textOf(result);
    expect(text).toContain('- tokenValue: (secret: not shown)');
    expect(text).toContain('- qrCodeImage.type: "image/png" → "image/jpeg"');
  });

  it('a secret that is null before and after is plainly unchanged: null is not a secret', async () => {
    const result = await preview({ id: WAREHOUSE_ID, qrCodeImage: null, tokenValue: NEW_TOKEN });
    expect((result.structuredContent as { changes: unknown[] }).changes).toEqual([
      { property: 'tokenValue', secret: true },
      { property: 'qrCodeImage', from: null, to: null, secret: false },
    ]);
    expect(textOf(result)).toContain('- qrCodeImage: null (unchanged)');
    expect(JSON.stringify(result)).not.toContain(NEW_TOKEN);
  });

  it('is refused like a real update when the guard is stale', async () => {
    const result = await preview({
      id: KIOSK_ID,
      displayName: 'x',
      expectedLastModifiedDateTime: '2026-01-01T00:00:00.000Z',
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('Refused');
    expect(methods()).toEqual(['GET']);
  });

  it('update-enrollment-profile refuses dryRun, naming the preview tool, and sends nothing', async () => {
    const result = await update({ id: KIOSK_ID, displayName: 'x', dryRun: true });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('preview-enrollment-profile-update');
    expect(e2e.sim.requests).toHaveLength(0);
  });
});

describe('expectedLastModifiedDateTime: the lost-update guard', () => {
  it('stale: refused as isError naming both values, and no PATCH is sent', async () => {
    const stale = '2026-10-01T00:00:00.0000000Z';
    const result = await update({ id: KIOSK_ID, displayName: 'Overwrite', expectedLastModifiedDateTime: stale });
    expect(result.isError).toBe(true);
    const text = textOf(result);
    expect(text).toContain(`expectedLastModifiedDateTime is ${stale}`);
    expect(text).toContain(`lastModifiedDateTime is ${KIOSK_MODIFIED}`);
    expect(text).toContain('Nothing was sent');
    expect(methods()).toEqual(['GET']);
    expect(e2e.sim.profiles.get(KIOSK_ID)?.displayName).toBe('Corporate-owned kiosks');
  });

  it('fresh: exactly one GET then one PATCH, and the result names the new lastModifiedDateTime', async () => {
    const result = await update({
      id: KIOSK_ID,
      displayName: 'Kiosks (EU)',
      expectedLastModifiedDateTime: KIOSK_MODIFIED,
    });
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(methods()).toEqual(['GET', 'PATCH']);
    expect(JSON.parse(e2e.sim.requestsOf('PATCH')[0]?.body ?? '')).toEqual({ displayName: 'Kiosks (EU)' }); // the guard is not sent
    const after = e2e.sim.profiles.get(KIOSK_ID)?.lastModifiedDateTime as string;
    expect(after).not.toBe(KIOSK_MODIFIED);
    expect(result.structuredContent).toMatchObject({ displayName: 'Kiosks (EU)', lastModifiedDateTime: after });
    const text = textOf(result);
    expect(text).toContain('- displayName: "Corporate-owned kiosks" → "Kiosks (EU)"');
    expect(text).toContain(`lastModifiedDateTime is now ${after}`);
  });

  it('the value a guarded update returns guards the next one; the one before it no longer does', async () => {
    const first = await update({ id: KIOSK_ID, description: 'one', expectedLastModifiedDateTime: KIOSK_MODIFIED });
    const next = (first.structuredContent as { lastModifiedDateTime: string }).lastModifiedDateTime;
    expect(
      (await update({ id: KIOSK_ID, description: 'two', expectedLastModifiedDateTime: next })).isError,
    ).toBeFalsy();
    expect((await update({ id: KIOSK_ID, description: 'three', expectedLastModifiedDateTime: next })).isError).toBe(
      true,
    );
    expect(e2e.sim.profiles.get(KIOSK_ID)?.description).toBe('two');
  });

  it("compares instants, not strings: Graph's seven digits in Z equal the same instant written with an offset", async () => {
    setKioskLastModified('2026-11-01T10:00:00.1234567Z');
    const result = await update({
      id: KIOSK_ID,
      displayName: 'Same instant',
      expectedLastModifiedDateTime: '2026-11-01T11:30:00.1234567+01:30',
    });
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(methods()).toEqual(['GET', 'PATCH']);
  });

  it.each([
    ['truncated to milliseconds (JavaScript Date)', '2026-11-01T10:00:00.1236789Z', '2026-11-01T10:00:00.123Z'],
    ['rounded to milliseconds', '2026-11-01T10:00:00.1236789Z', '2026-11-01T10:00:00.124Z'],
    ['truncated to 5 digits', '2026-11-01T10:00:00.1236789Z', '2026-11-01T10:00:00.12367Z'],
    ['rounded to 6 digits', '2026-11-01T10:00:00.1236789Z', '2026-11-01T10:00:00.123679Z'],
  ])('accepts the same instant %s', async (_label, graphValue, agentValue) => {
    setKioskLastModified(graphValue);
    const result = await update({ id: KIOSK_ID, displayName: 'Rounded', expectedLastModifiedDateTime: agentValue });
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(methods()).toEqual(['GET', 'PATCH']);
  });

  it('refuses a different instant at millisecond precision as changed', async () => {
    setKioskLastModified('2026-11-01T10:00:00.1236789Z');
    const result = await update({
      id: KIOSK_ID,
      displayName: 'x',
      expectedLastModifiedDateTime: '2026-11-01T10:00:00.125Z',
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('the profile changed since it was read');
    expect(methods()).toEqual(['GET']);
  });

  it('refuses a value with fewer than 3 fractional digits as too coarse, not as changed', async () => {
    setKioskLastModified('2026-11-01T10:00:00.1236789Z');
    const result = await update({
      id: KIOSK_ID,
      displayName: 'x',
      expectedLastModifiedDateTime: '2026-11-01T10:00:00Z',
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('too coarse to tell whether the profile changed');
    expect(textOf(result)).not.toContain('the profile changed since it was read');
    expect(methods()).toEqual(['GET']);
  });

  it('re-checks the guard before retrying a throttled PATCH: a change made during the wait is not overwritten', async () => {
    e2e.sim.addFaults({ method: 'PATCH', status: 429, headers: { 'retry-after': '1' } });
    const call = update({ id: KIOSK_ID, displayName: 'Mine', expectedLastModifiedDateTime: KIOSK_MODIFIED });
    await waitFor(() => e2e.sim.requestsOf('PATCH').length === 1);
    // Another admin edits the profile while we wait out Retry-After.
    e2e.sim.profiles.set(KIOSK_ID, {
      ...e2e.sim.profiles.get(KIOSK_ID),
      displayName: 'Theirs',
      lastModifiedDateTime: '2026-11-28T12:00:00.0000000Z',
    });
    const result = await call;
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('the profile changed since it was read');
    expect(textOf(result)).toContain('lastModifiedDateTime is 2026-11-28T12:00:00.0000000Z');
    expect(textOf(result)).toContain('Nothing was changed.');
    expect(e2e.sim.requestsOf('PATCH')).toHaveLength(1);
    expect(e2e.sim.profiles.get(KIOSK_ID)?.displayName).toBe('Theirs');
  });

  it('after an uncertain attempt (504) that did land, the retry finds every value in place and reports the update applied', async () => {
    e2e.sim.addFaults({ method: 'PATCH', status: 504 });
    const call = update({ id: KIOSK_ID, displayName: 'Landed', expectedLastModifiedDateTime: KIOSK_MODIFIED });
    await waitFor(() => e2e.sim.requestsOf('PATCH').length === 1);
    // What Graph would show had the 504'd PATCH been applied before the gateway gave up.
    e2e.sim.profiles.set(KIOSK_ID, {
      ...e2e.sim.profiles.get(KIOSK_ID),
      displayName: 'Landed',
      lastModifiedDateTime: '2026-11-28T12:00:00.0000000Z',
    });
    const result = await call;
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(textOf(result)).toContain('An earlier attempt that got no clear answer was applied');
    expect(result.structuredContent).toMatchObject({ displayName: 'Landed' });
    expect(e2e.sim.requestsOf('PATCH')).toHaveLength(1);
  });

  it('with a 204 PATCH answer: GET (guard), PATCH, GET (read back)', async () => {
    e2e.sim.patchResponse = 204;
    const result = await update({
      id: KIOSK_ID,
      displayName: 'After 204',
      expectedLastModifiedDateTime: KIOSK_MODIFIED,
    });
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(methods()).toEqual(['GET', 'PATCH', 'GET']);
    expect(result.structuredContent).toMatchObject({ displayName: 'After 204' });
  });

  it('a profile that does not exist: the 404 of the guard read, and no PATCH', async () => {
    const result = await update({
      id: '11111111-2222-3333-4444-555555555555',
      displayName: 'x',
      expectedLastModifiedDateTime: KIOSK_MODIFIED,
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('HTTP 404');
    expect(methods()).not.toContain('PATCH');
  });

  it('a value that is not a date-time is refused before anything is sent', async () => {
    const result = await update({ id: KIOSK_ID, displayName: 'x', expectedLastModifiedDateTime: 'yesterday' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('expectedLastModifiedDateTime: must be an ISO 8601 date-time');
    expect(e2e.sim.requests).toHaveLength(0);
  });
});

describe('without the guard', () => {
  it('sends the PATCH alone and lists what it set', async () => {
    const result = await update({ id: KIOSK_ID, displayName: 'Plain', enrolledDeviceCount: 7 });
    expect(methods()).toEqual(['PATCH']);
    expect(textOf(result)).toContain('Updated: displayName, enrolledDeviceCount.');
  });
});
