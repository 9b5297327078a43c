/** find-expiring-enrollment-tokens end to end: both collections, $select, soonest first, no-token profiles left out. */
import { beforeEach, describe, expect, it } from 'vitest';
import {
  DEVICE_OWNER_SEED_IDS,
  deviceOwnerSeedProfiles,
} from '../../src/resources/android-device-owner/seed-profiles.js';
import {
  ANDROID_FOR_WORK_SEED_IDS,
  androidForWorkSeedProfiles,
} from '../../src/resources/android-for-work/seed-profiles.js';
import { textOf } from '../helpers/mcp-harness.js';
import { useServerOnSimulator } from '../helpers/server-on-simulator.js';

interface Found {
  tokens: { profileType: string; id: string; daysLeft: number; expired: boolean; enrollmentMode?: string }[];
  truncated: boolean;
}

const e2e = useServerOnSimulator({ pageSize: 2 });
const DAY = 86_400_000;

beforeEach(() => {
  e2e.sim.profiles.clear();
  for (const profile of androidForWorkSeedProfiles()) e2e.sim.profiles.set(String(profile.id), profile);
  e2e.sim.deviceOwnerProfiles.clear();
  for (const profile of deviceOwnerSeedProfiles()) e2e.sim.deviceOwnerProfiles.set(String(profile.id), profile);
});

const find = async (args: Record<string, unknown> = {}) => {
  const result = await e2e.server.call('find-expiring-enrollment-tokens', args);
  expect(result.isError, textOf(result)).toBeFalsy();
  return { found: result.structuredContent as unknown as Found, text: textOf(result) };
};

describe('find-expiring-enrollment-tokens', () => {
  it('finds expired and soon-expiring tokens across both kinds, soonest first, with whole days left', async () => {
    const soon = new Date(Date.now() + 5 * DAY + 3_600_000).toISOString();
    e2e.sim.profiles.set(ANDROID_FOR_WORK_SEED_IDS.kiosks, {
      ...e2e.sim.profiles.get(ANDROID_FOR_WORK_SEED_IDS.kiosks),
      tokenExpirationDateTime: soon,
    });
    const { found, text } = await find();
    expect(found.tokens.map((token) => token.id)).toEqual([
      DEVICE_OWNER_SEED_IDS.corporateOwnedWorkProfile, // expired 3 days ago
      ANDROID_FOR_WORK_SEED_IDS.kiosks, // 5 days
      DEVICE_OWNER_SEED_IDS.dedicated, // 12 days
    ]);
    // Rounded down: a token that expired 3 days (and the few milliseconds since seeding) ago has -4 days left.
    expect(found.tokens[0]).toMatchObject({ profileType: 'androidDeviceOwner', expired: true, daysLeft: -4 });
    expect(found.tokens[1]).toMatchObject({ profileType: 'androidForWork', expired: false, daysLeft: 5 });
    expect(found.tokens[1]).not.toHaveProperty('enrollmentMode');
    expect(found.tokens[2]).toMatchObject({ enrollmentMode: 'corporateOwnedDedicatedDevice', daysLeft: 11 });
    expect(found.truncated).toBe(false);
    expect(text).toContain('3 token(s) expired or expiring within 30 day(s)');
  });

  it('pages both collections to the end and asks for the token fields by name', async () => {
    await find();
    const urls = e2e.sim.requestsOf('GET').map((request) => request.url);
    expect(urls.every((url) => url.includes('$select=') && url.includes('tokenExpirationDateTime'))).toBe(true);
    expect(urls.filter((url) => url.includes('skiptoken')).length).toBeGreaterThanOrEqual(3); // pages of 2
  });

  it('leaves out profiles without a token (0001-01-01) and honours withinDays', async () => {
    const { found } = await find({ withinDays: 365 });
    const ids = found.tokens.map((token) => token.id);
    expect(ids).not.toContain(ANDROID_FOR_WORK_SEED_IDS.warehouse);
    expect(ids).toContain(DEVICE_OWNER_SEED_IDS.aospUserless);
    const expiredOnly = await find({ withinDays: 0 });
    expect(expiredOnly.found.tokens.every((token) => token.expired)).toBe(true);
  });

  it('leaves out a profile whose token was revoked even though an expiry is still shown, and never shows a token', async () => {
    const revoked = e2e.sim.profiles.get(ANDROID_FOR_WORK_SEED_IDS.kiosks) ?? {};
    const token = String(revoked.tokenValue);
    e2e.sim.profiles.set(ANDROID_FOR_WORK_SEED_IDS.kiosks, {
      ...revoked,
      tokenValue: null,
      tokenExpirationDateTime: new Date(Date.now() + 5 * DAY).toISOString(),
    });
    const result = await e2e.server.call('find-expiring-enrollment-tokens', {});
    const ids = (result.structuredContent as unknown as Found).tokens.map((found) => found.id);
    expect(ids).not.toContain(ANDROID_FOR_WORK_SEED_IDS.kiosks);
    // …but said, in case Graph only left the value out: an expiring token must never go unmentioned.
    expect(textOf(result)).toContain(
      `Left out: 1 profile(s) with an expiry in the window but no token value (revoked, or not shown by Graph): Corporate-owned kiosks (${ANDROID_FOR_WORK_SEED_IDS.kiosks}, get-enrollment-profile)`,
    );
    expect(e2e.sim.requestsOf('GET').every((request) => request.url.includes('tokenValue'))).toBe(true);
    const others = [...e2e.sim.deviceOwnerProfiles.values()].map((profile) => String(profile.tokenValue));
    for (const secret of [token, ...others].filter((value) => value !== 'null')) {
      expect(JSON.stringify(result)).not.toContain(secret);
    }
  });

  it('names at most 10 of the profiles left out that way, and counts the rest', async () => {
    e2e.sim.profiles.clear();
    for (let n = 0; n < 12; n++) {
      const id = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
      e2e.sim.profiles.set(id, {
        ...androidForWorkSeedProfiles()[0],
        id,
        displayName: `Revoked ${n}`,
        tokenValue: null,
        tokenExpirationDateTime: new Date(Date.now() + 2 * DAY).toISOString(),
      });
    }
    const { text } = await find();
    expect(text).toContain('Left out: 12 profile(s)');
    expect(text).toContain('Revoked 9 (');
    expect(text).not.toContain('Revoked 10 (');
    expect(text).toContain('and 2 more.');
  });

  it('refuses a withinDays that is not a whole number of days', async () => {
    const result = await e2e.server.call('find-expiring-enrollment-tokens', { withinDays: 1.5 });
    expect(result.isError).toBe(true);
    expect(e2e.sim.requests).toHaveLength(0);
  });
});
