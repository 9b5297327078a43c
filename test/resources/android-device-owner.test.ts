/**
 * The device-owner tools end to end over stdio: list with its enrollmentMode filter, get, preview and update with
 * the schema that mirrors androidDeviceOwnerEnrollmentProfile (enums, 63-character template, scope tags, Wi-Fi key),
 * and a write that Graph did not take as sent.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import {
  DEVICE_OWNER_SEED_IDS,
  deviceOwnerSeedProfiles,
} from '../../src/resources/android-device-owner/seed-profiles.js';
import { ANDROID_FOR_WORK_SEED_IDS } from '../../src/resources/android-for-work/seed-profiles.js';
import { textOf } from '../helpers/mcp-harness.js';
import { useServerOnSimulator } from '../helpers/server-on-simulator.js';

const { dedicated: DEDICATED, aospUserless: AOSP, fullyManaged: FULLY_MANAGED } = DEVICE_OWNER_SEED_IDS;
const e2e = useServerOnSimulator();

beforeEach(() => {
  e2e.sim.patchResponse = 200;
  e2e.sim.patchAnswerLikeAGet = false;
  e2e.sim.deviceOwnerProfiles.clear();
  for (const profile of deviceOwnerSeedProfiles()) e2e.sim.deviceOwnerProfiles.set(String(profile.id), profile);
});

const update = (args: Record<string, unknown>) => e2e.server.call('update-device-owner-enrollment-profile', args);
const stored = (id: string) => e2e.sim.deviceOwnerProfiles.get(id) ?? {};

describe('list-device-owner-enrollment-profiles', () => {
  it('lists every device-owner profile, secrets redacted, and filters by enrollmentMode', async () => {
    const all = await e2e.server.call('list-device-owner-enrollment-profiles', {});
    const profiles = (all.structuredContent as { profiles: Record<string, unknown>[] }).profiles;
    expect(profiles).toHaveLength(e2e.sim.deviceOwnerProfiles.size);
    expect(JSON.stringify(all)).not.toContain(String(stored(AOSP).wifiPassword));
    const aosp = await e2e.server.call('list-device-owner-enrollment-profiles', {
      enrollmentMode: 'corporateOwnedAOSPUserlessDevice',
    });
    expect((aosp.structuredContent as { profiles: { id: string }[] }).profiles.map((p) => p.id)).toEqual([AOSP]);
    expect(textOf(aosp)).toContain('in mode corporateOwnedAOSPUserlessDevice');
  });

  it('refuses an enrollmentMode outside the enum before anything is sent', async () => {
    const result = await e2e.server.call('list-device-owner-enrollment-profiles', { enrollmentMode: 'kiosk' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('enrollmentMode: must be one of: corporateOwnedDedicatedDevice');
    expect(e2e.sim.requests).toHaveLength(0);
  });

  it('its description points to the other kind', async () => {
    const { tools } = await e2e.server.client.listTools();
    const description = (name: string) => tools.find((tool) => tool.name === name)?.description ?? '';
    expect(description('list-device-owner-enrollment-profiles')).toContain('list-enrollment-profiles');
    expect(description('list-enrollment-profiles')).toContain('list-device-owner-enrollment-profiles');
  });
});

describe('update-device-owner-enrollment-profile after a PATCH answered 200', () => {
  it('shows the QR code Graph left out of its answer, read back with $select, instead of saying there is none', async () => {
    e2e.sim.patchAnswerLikeAGet = true;
    const result = await update({ id: AOSP, description: 'Shared tablets, lobby' });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({
      id: AOSP,
      description: 'Shared tablets, lobby',
      qrCodeContent: '[redacted]',
      qrCodeImage: { type: 'image/png', value: '[redacted]' },
    });
    const reads = e2e.sim.requestsOf('GET');
    expect(reads).toHaveLength(1);
    expect(reads[0]?.url).toContain('qrCodeImage');
  });

  it('reads nothing back when the answer already holds every token field', async () => {
    const result = await update({ id: AOSP, description: 'Shared tablets, lobby' });
    expect(result.structuredContent).toMatchObject({ qrCodeImage: { type: 'image/png', value: '[redacted]' } });
    expect(e2e.sim.requestsOf('GET')).toHaveLength(0);
  });
});

describe("a token type the profile's mode does not allow", () => {
  it('is refused before the PATCH, by update and preview alike, naming the modes that allow it', async () => {
    const result = await update({ id: AOSP, enrollmentTokenType: 'deviceStaging' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain(
      "Refused: enrollmentTokenType deviceStaging is for corporateOwnedFullyManaged and corporateOwnedWorkProfile profiles only, and the profile's enrollmentMode would be corporateOwnedAOSPUserlessDevice. Nothing was sent to Graph.",
    );
    const preview = await e2e.server.call('preview-device-owner-enrollment-profile-update', {
      id: AOSP,
      enrollmentTokenType: 'deviceStaging',
    });
    expect(textOf(preview)).toContain('The update would be refused: enrollmentTokenType deviceStaging');
    expect(e2e.sim.requestsOf('PATCH')).toHaveLength(0);
  });

  it('nor can the mode be changed away from what the token type allows', async () => {
    const staged = await update({ id: FULLY_MANAGED, enrollmentTokenType: 'deviceStaging' });
    expect(staged.isError, textOf(staged)).toBeFalsy();
    const moved = await update({ id: FULLY_MANAGED, enrollmentMode: 'corporateOwnedDedicatedDevice' });
    expect(moved.isError).toBe(true);
    expect(textOf(moved)).toContain(
      "enrollmentTokenType deviceStaging is for corporateOwnedFullyManaged and corporateOwnedWorkProfile profiles only, and the profile's enrollmentMode would be corporateOwnedDedicatedDevice",
    );
    expect(e2e.sim.requestsOf('PATCH')).toHaveLength(1); // the first update's only
  });

  it('goes through where the mode allows it', async () => {
    const result = await update({ id: FULLY_MANAGED, enrollmentTokenType: 'deviceStaging' });
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(stored(FULLY_MANAGED).enrollmentTokenType).toBe('deviceStaging');
  });
});

describe('get-device-owner-enrollment-profile', () => {
  it('reads a profile by id, with the Wi-Fi key and token redacted', async () => {
    const result = await e2e.server.call('get-device-owner-enrollment-profile', { id: AOSP });
    expect(result.structuredContent).toMatchObject({
      id: AOSP,
      enrollmentMode: 'corporateOwnedAOSPUserlessDevice',
      wifiSsid: stored(AOSP).wifiSsid,
      wifiPassword: '[redacted]',
      tokenValue: '[redacted]',
      qrCodeContent: '[redacted]',
    });
  });

  it('an Android for Work id gets a 404 that names get-enrollment-profile', async () => {
    const result = await e2e.server.call('get-device-owner-enrollment-profile', {
      id: ANDROID_FOR_WORK_SEED_IDS.kiosks,
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('HTTP 404');
    expect(textOf(result)).toContain('use get-enrollment-profile for it');
  });
});

describe('update-device-owner-enrollment-profile', () => {
  it.each([
    [{ enrollmentMode: 'corporateOwnedKiosk' }, 'enrollmentMode: must be one of'],
    [{ wifiSecurityType: 'wpa3' }, 'wifiSecurityType: must be one of: none, wpa, wep.'],
    [{ enrollmentTokenType: 'staging' }, 'enrollmentTokenType: must be one of'],
    [{ deviceNameTemplate: 'x'.repeat(64) }, 'deviceNameTemplate: must be at most 63 characters.'],
    [{ roleScopeTagIds: '0' }, 'roleScopeTagIds: must be an array'],
    [{ configureWifi: 'yes' }, 'configureWifi: must be true or false.'],
    [{ enrollmentTokenUsageCount: 20_001 }, 'from 0 to 20000'],
    [{ createdDateTime: '2027-01-01T00:00:00Z' }, 'createdDateTime is read-only'],
    [{ lastModifiedDateTime: '2027-01-01T00:00:00Z' }, 'lastModifiedDateTime is read-only'],
    [{ wifiPassword: '[redacted]' }, 'the marker this server writes in place of a secret'],
  ])('refuses %j and sends nothing', async (args, message) => {
    const result = await update({ id: DEDICATED, ...args });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain(message);
    expect(e2e.sim.requests).toHaveLength(0);
  });

  it('takes the 22 non-key properties by Graph name (20 writable, 2 refused as read-only)', async () => {
    const { tools } = await e2e.server.client.listTools();
    const input = tools.find((tool) => tool.name === 'update-device-owner-enrollment-profile')?.inputSchema;
    const names = Object.keys(input?.properties ?? {}).filter(
      (name) => !['id', 'expectedLastModifiedDateTime'].includes(name),
    );
    expect(names).toHaveLength(20);
    expect(names).not.toContain('createdDateTime');
  });

  it('a 63-character template, scope tags and Wi-Fi settings are sent as given; the key never comes back', async () => {
    const template = `{{SERIAL}}-${'x'.repeat(52)}`;
    expect(template).toHaveLength(63);
    const result = await update({
      id: AOSP,
      deviceNameTemplate: template,
      roleScopeTagIds: ['3', '0'],
      wifiPassword: 'new-wifi-key-Quay-2291',
      wifiHidden: true,
    });
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(JSON.parse(e2e.sim.requestsOf('PATCH')[0]?.body ?? '')).toEqual({
      wifiPassword: 'new-wifi-key-Quay-2291',
      wifiHidden: true,
      deviceNameTemplate: template,
      roleScopeTagIds: ['3', '0'],
    });
    expect(stored(AOSP).wifiPassword).toBe('new-wifi-key-Quay-2291');
    expect(JSON.stringify(result)).not.toContain('new-wifi-key-Quay-2291');
    expect(result.structuredContent).toMatchObject({ wifiPassword: '[redacted]', deviceNameTemplate: template });
    expect(textOf(result)).not.toContain('did not take');
  });

  it('names every property Graph did not take as sent (scope tags compared as sets)', async () => {
    // Graph answers 200 with its own values (and a read shows the same): it kept displayName and tokenValue.
    const answer = { ...stored(DEDICATED), displayName: 'Kept by Intune', roleScopeTagIds: ['0', '3'] };
    e2e.sim.deviceOwnerProfiles.set(DEDICATED, answer);
    e2e.sim.addFaults({ method: 'PATCH', status: 200, body: JSON.stringify(answer) });
    const result = await update({
      id: DEDICATED,
      displayName: 'Mine',
      roleScopeTagIds: ['3', '0'],
      tokenValue: 'x1y2z3',
    });
    expect(result.isError, textOf(result)).toBeFalsy();
    const text = textOf(result);
    expect(text).toContain('Graph did not take displayName as sent: it holds "Kept by Intune", not "Mine".');
    expect(text).not.toContain('did not take roleScopeTagIds');
    expect(text).toContain(
      'Graph did not take tokenValue as sent (secret: values not shown): Intune manages it; use create-device-owner-enrollment-token for a new token.',
    );
  });

  it('with a 204 answer, reads the profile back with every property asked for', async () => {
    e2e.sim.patchResponse = 204;
    const result = await update({ id: DEDICATED, description: 'After 204' });
    expect(result.structuredContent).toMatchObject({ description: 'After 204', qrCodeImage: { value: '[redacted]' } });
    expect(e2e.sim.requests.map((r) => r.method)).toEqual(['PATCH', 'GET']);
    expect(e2e.sim.requestsOf('GET')[0]?.url).toContain('$select=');
  });
});
