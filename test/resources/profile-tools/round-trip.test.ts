/**
 * What an agent does all the time: read a profile, send it back with one edit. Every writable non-secret property
 * must come back exactly as sent, and a redaction placeholder anywhere in the input refuses the whole call (it would
 * otherwise overwrite the enrollment token or the Wi-Fi key with "[redacted]").
 */
import { describe, expect, it } from 'vitest';
import { DEVICE_OWNER_SEED_IDS } from '../../../src/resources/android-device-owner/seed-profiles.js';
import { ANDROID_FOR_WORK_SEED_IDS } from '../../../src/resources/android-for-work/seed-profiles.js';
import { textOf } from '../../helpers/mcp-harness.js';
import { useServerOnSimulator } from '../../helpers/server-on-simulator.js';

const e2e = useServerOnSimulator();

const KINDS = [
  {
    id: ANDROID_FOR_WORK_SEED_IDS.kiosks,
    get: 'get-enrollment-profile',
    update: 'update-enrollment-profile',
    secrets: ['tokenValue', 'qrCodeContent', 'qrCodeImage'],
  },
  {
    id: DEVICE_OWNER_SEED_IDS.aospUserless,
    get: 'get-device-owner-enrollment-profile',
    update: 'update-device-owner-enrollment-profile',
    secrets: ['tokenValue', 'qrCodeContent', 'qrCodeImage', 'wifiPassword'],
  },
];
const READ_ONLY = ['id', 'createdDateTime', 'lastModifiedDateTime'];

describe.each(KINDS)('$update: get → edit one property → update → get', (kind) => {
  it('keeps every writable non-secret property exactly as sent', async () => {
    const read = (await e2e.server.call(kind.get, { id: kind.id })).structuredContent as Record<string, unknown>;
    const writable = Object.fromEntries(
      Object.entries(read).filter(([key]) => !READ_ONLY.includes(key) && !kind.secrets.includes(key)),
    );
    const sent = { ...writable, description: 'Edited by an agent' };
    const result = await e2e.server.call(kind.update, { id: kind.id, ...sent });
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(textOf(result)).not.toContain('did not take');
    const after = (await e2e.server.call(kind.get, { id: kind.id })).structuredContent as Record<string, unknown>;
    for (const [key, value] of Object.entries(sent)) expect(after[key], key).toEqual(value);
  });

  it('refuses the whole call when the profile is sent back with its placeholders, sending nothing', async () => {
    const read = (await e2e.server.call(kind.get, { id: kind.id })).structuredContent as Record<string, unknown>;
    const { id: _id, createdDateTime: _c, lastModifiedDateTime: _l, ...everything } = read;
    e2e.sim.requests.length = 0;
    const result = await e2e.server.call(kind.update, { id: kind.id, ...everything, displayName: 'x' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('the marker this server writes in place of a secret');
    expect(textOf(result)).toContain('tokenValue is "[redacted]"');
    expect(textOf(result)).toContain('qrCodeImage.value is "[redacted]"');
    expect(e2e.sim.requests).toHaveLength(0);
  });
});
