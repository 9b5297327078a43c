/**
 * update-enrollment-profile's safety features end to end: dryRun (read, show from → to, send no PATCH) and the
 * lost-update guard expectedLastModifiedDateTime (read, refuse on a mismatch, send no PATCH).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { androidForWorkSeedProfiles as seedProfiles } from '../../src/resources/android-for-work/seed-profiles.js';
import { textOf } from '../helpers/mcp-harness.js';
import { useServerOnSimulator } from '../helpers/server-on-simulator.js';

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

const update = (args: Record<string, unknown>) => e2e.server.call('update-enrollment-profile', args);
const methods = () => e2e.sim.requests.map((r) => r.method);
const setKioskLastModified = (value: string) =>
  e2e.sim.profiles.set(KIOSK_ID, { ...e2e.sim.profiles.get(KIOSK_ID), lastModifiedDateTime: value });

describe('dryRun: true', () => {
  it('reads the profile, sends no PATCH, and shows each change as property: from → to', async () => {
    const result = await update({
      id: KIOSK_ID,
      dryRun: true,
      displayName: 'Kiosks (EU)',
      description: null,
      enrolledDeviceCount: 42,
      tokenExpirationDateTime: '2027-06-30T17:00:00Z',
    });
    expect(result.isError).toBeFalsy();
    expect(methods()).toEqual(['GET']);
    expect(e2e.sim.profiles.get(KIOSK_ID)).toEqual(seedProfiles()[0]); // untouched
    const text = textOf(result);
    expect(text).toContain('Dry run: nothing was changed.');
    expect(text).toContain('- displayName: "Corporate-owned kiosks" → "Kiosks (EU)"');
    expect(text).toContain('- description: "Dedicated devices in retail stores" → null');
    expect(text).toContain('- enrolledDeviceCount: 42 (unchanged)');
    expect(text).toContain('- tokenExpirationDateTime: "2027-03-02T09:15:27Z" → "2027-06-30T17:00:00Z"');
    expect(text).toContain(`expectedLastModifiedDateTime: "${KIOSK_MODIFIED}"`);
  });

  it('returns the profile as it would be after the update as structured content', async () => {
    const result = await update({ id: KIOSK_ID, dryRun: true, displayName: 'Kiosks (EU)' });
    expect(result.structuredContent).toMatchObject({
      id: KIOSK_ID,
      displayName: 'Kiosks (EU)',
      description: 'Dedicated devices in retail stores',
      lastModifiedDateTime: KIOSK_MODIFIED,
      tokenValue: '[redacted]',
    });
  });

  it('never shows a secret, old or new, in the change list or the preview', async () => {
    const image = Buffer.from('new qr code png').toString('base64');
    const result = await update({
      id: KIOSK_ID,
      dryRun: true,
      tokenValue: NEW_TOKEN,
      qrCodeContent: `{"token":"${NEW_TOKEN}"}`,
      qrCodeImage: { type: 'image/png', value: image },
    });
    const everything = JSON.stringify(result);
    expect(everything).not.toContain(NEW_TOKEN);
    expect(everything).not.toContain(image);
    expect(everything).not.toContain('sim-token-KIOSK');
    const text = textOf(result);
    expect(text).toContain('- tokenValue: "[redacted]" → "[redacted]" (secret: not shown)');
    expect(text).toContain('- qrCodeImage: { type, value: "[redacted]" } → { type, value: "[redacted]" }');
    expect(result.structuredContent).toMatchObject({ tokenValue: '[redacted]', qrCodeImage: { value: '[redacted]' } });
  });

  it('shows null → [redacted] for a secret the profile does not have yet', async () => {
    const text = textOf(await update({ id: WAREHOUSE_ID, dryRun: true, tokenValue: NEW_TOKEN }));
    expect(text).toContain('- tokenValue: null → "[redacted]"');
    expect(text).not.toContain(NEW_TOKEN);
  });

  it('a secret that is null before and after is plainly unchanged: null is not a secret', async () => {
    const text = textOf(await update({ id: WAREHOUSE_ID, dryRun: true, qrCodeImage: null }));
    expect(text).toContain('- qrCodeImage: null (unchanged)');
  });

  it('is refused like a real update when the guard is stale', async () => {
    const result = await update({
      id: KIOSK_ID,
      dryRun: true,
      displayName: 'x',
      expectedLastModifiedDateTime: '2026-01-01T00:00:00Z',
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('Refused');
    expect(methods()).toEqual(['GET']);
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

  it('refuses a value rounded to milliseconds: 100 ns apart is a different write', async () => {
    setKioskLastModified('2026-11-01T10:00:00.1234567Z');
    const result = await update({
      id: KIOSK_ID,
      displayName: 'Rounded',
      expectedLastModifiedDateTime: '2026-11-01T10:00:00.123Z',
    });
    expect(result.isError).toBe(true);
    expect(methods()).toEqual(['GET']);
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
    expect(methods()).toEqual(['GET']);
  });

  it('a value that is not a date-time is refused before anything is sent', async () => {
    const result = await update({ id: KIOSK_ID, displayName: 'x', expectedLastModifiedDateTime: 'yesterday' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('expectedLastModifiedDateTime: must be a DateTimeOffset');
    expect(e2e.sim.requests).toHaveLength(0);
  });
});

describe('without dryRun or the guard', () => {
  it('sends the PATCH alone and lists what it set', async () => {
    const result = await update({ id: KIOSK_ID, displayName: 'Plain', enrolledDeviceCount: 7 });
    expect(methods()).toEqual(['PATCH']);
    expect(textOf(result)).toContain('Updated: displayName, enrolledDeviceCount.');
  });
});
