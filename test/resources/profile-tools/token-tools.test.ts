/**
 * The enrollment-token tools end to end over stdio: createToken (POST, 204, profile read back with $select) and
 * revokeToken, their limits, and above all "never mint two tokens": a create that may have reached Intune is not
 * resent, and the result says whether a token was created.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  DEVICE_OWNER_SEED_IDS,
  deviceOwnerSeedProfiles,
} from '../../../src/resources/android-device-owner/seed-profiles.js';
import {
  ANDROID_FOR_WORK_SEED_IDS,
  androidForWorkSeedProfiles,
} from '../../../src/resources/android-for-work/seed-profiles.js';
import { textOf } from '../../helpers/mcp-harness.js';
import { useServerOnSimulator } from '../../helpers/server-on-simulator.js';

const KIOSK = ANDROID_FOR_WORK_SEED_IDS.kiosks;
const { dedicated: DEDICATED, aospUserless: AOSP } = DEVICE_OWNER_SEED_IDS;
const THIRTY_DAYS = 2_592_000;

const e2e = useServerOnSimulator({}, { INTUNE_MCP_TIMEOUT_MS: '1500', INTUNE_MCP_MAX_RETRIES: '3' });

beforeEach(() => {
  e2e.sim.profiles.clear();
  for (const profile of androidForWorkSeedProfiles()) e2e.sim.profiles.set(String(profile.id), profile);
  e2e.sim.deviceOwnerProfiles.clear();
  for (const profile of deviceOwnerSeedProfiles()) e2e.sim.deviceOwnerProfiles.set(String(profile.id), profile);
});

const posts = () => e2e.sim.requestsOf('POST');
const kiosk = () => e2e.sim.profiles.get(KIOSK) ?? {};
const createAfw = (args: Record<string, unknown>) => e2e.server.call('create-enrollment-token', { id: KIOSK, ...args });

describe('create-enrollment-token', () => {
  it('POSTs createToken once with the validity, then returns the profile read back with the new expiry', async () => {
    const before = kiosk().tokenValue;
    const result = await createAfw({ tokenValidityInSeconds: THIRTY_DAYS });
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(posts()).toHaveLength(1);
    expect(posts()[0]?.url).toBe(`/beta/deviceManagement/androidForWorkEnrollmentProfiles/${KIOSK}/createToken`);
    expect(JSON.parse(posts()[0]?.body ?? '')).toEqual({ tokenValidityInSeconds: THIRTY_DAYS });
    // The read back asks for the token fields by name, so the new expiry and QR code are there.
    const reads = e2e.sim.requestsOf('GET');
    expect(reads.at(-1)?.url).toContain('$select=');
    expect(reads.at(-1)?.url).toContain('qrCodeImage');
    const expiry = String(kiosk().tokenExpirationDateTime);
    expect(kiosk().tokenValue).not.toBe(before);
    expect(result.structuredContent).toMatchObject({
      id: KIOSK,
      tokenExpirationDateTime: expiry,
      tokenValue: '[redacted]',
      qrCodeImage: { type: 'image/png', value: '[redacted]' },
    });
    const text = textOf(result);
    expect(text).toContain(`it expires ${expiry}`);
    expect(text).toContain('(30 day(s))');
    expect(text).toContain('The previous token stopped working');
    expect(JSON.stringify(result)).not.toContain(String(kiosk().tokenValue));
    expect(result.content.some((block) => block.type === 'image')).toBe(false);
  });

  it('a read-back that does not show the new token yet is not passed off as its expiry', async () => {
    const stale = JSON.stringify(kiosk()); // the profile as it is before createToken
    e2e.sim.addFaults(
      { method: 'GET', pathIncludes: KIOSK, passThrough: true }, // the read before: served as it is
      { method: 'GET', pathIncludes: KIOSK, status: 200, body: stale }, // the read after: a replica behind
    );
    const result = await createAfw({ tokenValidityInSeconds: THIRTY_DAYS });
    const text = textOf(result);
    expect(result.isError, text).toBeFalsy();
    expect(posts()).toHaveLength(1);
    expect(text).toContain('its expiry is not shown yet');
    expect(text).toContain('Intune may not show the new token yet');
    expect(text).toContain('do not call create-enrollment-token again, the token was created');
    expect(text).not.toContain(`it expires ${String(JSON.parse(stale).tokenExpirationDateTime)}`);
    // The previous token no longer works: it is not handed out as the new one.
    expect(result.structuredContent).toMatchObject({
      tokenValue: null,
      qrCodeContent: null,
      qrCodeImage: null,
      tokenExpirationDateTime: null,
    });
    expect(result.content.some((block) => block.type === 'image')).toBe(false);
  });

  it('says a validity shorter than a day in hours or minutes, not as "0.0 day(s)"', async () => {
    expect(textOf(await createAfw({ tokenValidityInSeconds: 3600 }))).toContain('valid for 3600 s (1 hour(s))');
    expect(textOf(await createAfw({ tokenValidityInSeconds: 5400 }))).toContain('valid for 5400 s (1.5 hour(s))');
    expect(textOf(await createAfw({ tokenValidityInSeconds: 600 }))).toContain('valid for 600 s (10 minute(s))');
    expect(textOf(await createAfw({ tokenValidityInSeconds: 129_600 }))).toContain('(1.5 day(s))');
  });

  it('is annotated destructive and not idempotent; revoke is destructive and idempotent', async () => {
    const { tools } = await e2e.server.client.listTools();
    const annotations = (name: string) => tools.find((tool) => tool.name === name)?.annotations;
    for (const name of ['create-enrollment-token', 'create-device-owner-enrollment-token']) {
      expect(annotations(name)).toMatchObject({ readOnlyHint: false, destructiveHint: true, idempotentHint: false });
    }
    for (const name of ['revoke-enrollment-token', 'revoke-device-owner-enrollment-token']) {
      expect(annotations(name)).toMatchObject({ readOnlyHint: false, destructiveHint: true, idempotentHint: true });
    }
  });

  it.each([
    [{}, 'tokenValidityInSeconds'],
    [{ tokenValidityInSeconds: 0 }, 'from 1 to 2147483647'],
    [{ tokenValidityInSeconds: -5 }, 'from 1 to 2147483647'],
    [{ tokenValidityInSeconds: 1.5 }, 'whole number'],
    [{ tokenValidityInSeconds: 2_147_483_648 }, 'from 1 to 2147483647'],
    [{ tokenValidityInSeconds: '3600' }, 'whole number'],
  ])('refuses %j before anything is sent', async (args, message) => {
    const result = await createAfw(args);
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain(message);
    expect(e2e.sim.requests).toHaveLength(0);
  });

  it('refuses more than 90 days for Android for Work, sending no createToken', async () => {
    const result = await createAfw({ tokenValidityInSeconds: 7_776_001 });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('at most 90 days (7,776,000 s)');
    expect(textOf(result)).toContain('Nothing was sent to Graph');
    expect(posts()).toHaveLength(0);
  });

  it('after a timeout, is not resent; the profile shows a token WAS created, and the result says so', async () => {
    e2e.sim.addFaults({ pathIncludes: '/createToken', processThen: 'hang' });
    const result = await createAfw({ tokenValidityInSeconds: THIRTY_DAYS });
    expect(posts()).toHaveLength(1);
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(textOf(result)).toMatch(/answer to createToken was lost[\s\S]*a new token WAS created/);
    expect(textOf(result)).toContain(`it expires ${String(kiosk().tokenExpirationDateTime)}`);
  });

  it('after a timeout that shows no token yet, is not resent; the result says to look again, not that nothing changed', async () => {
    const expiry = kiosk().tokenExpirationDateTime;
    e2e.sim.addFaults({ pathIncludes: '/createToken', hang: true });
    const result = await createAfw({ tokenValidityInSeconds: THIRTY_DAYS });
    expect(posts()).toHaveLength(1);
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('No new token shows yet');
    expect(textOf(result)).toContain(`expiring ${String(expiry)}`);
    // After a timeout Intune may still be at work: the agent is told to look again, not that a retry is safe.
    expect(textOf(result)).toContain('Intune may still be working on the request that got no answer');
    expect(textOf(result)).toContain('read the profile again with get-enrollment-profile in a minute');
    expect(textOf(result)).toContain('The change may or may not have been applied');
    expect(textOf(result)).not.toContain('Nothing was changed');
    expect(textOf(result)).not.toMatch(/again is safe/);
    expect(kiosk().tokenExpirationDateTime).toBe(expiry);
  });

  it('a 503 is not retried; the profile is read, and it shows no new token', async () => {
    const expiry = kiosk().tokenExpirationDateTime;
    e2e.sim.addFaults({ pathIncludes: '/createToken', status: 503 });
    const result = await createAfw({ tokenValidityInSeconds: THIRTY_DAYS });
    expect(posts()).toHaveLength(1);
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('HTTP 503');
    expect(textOf(result)).toContain(
      `No new token shows yet: the profile read afterwards still shows the previous token, expiring ${String(expiry)}`,
    );
    expect(textOf(result)).toContain('Graph answered with an error, which is no proof that Intune did not act on it');
    expect(textOf(result)).not.toContain('timed out');
    expect(textOf(result)).not.toContain('Nothing was changed');
  });

  it('a 503 after Intune already made the token: not retried, and the result says a token WAS created', async () => {
    e2e.sim.addFaults({ pathIncludes: '/createToken', processThen: { status: 503 } });
    const result = await createAfw({ tokenValidityInSeconds: THIRTY_DAYS });
    expect(posts()).toHaveLength(1);
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(textOf(result)).toContain('a new token WAS created');
    expect(textOf(result)).not.toContain('Nothing was changed');
  });

  it('a 504 after Intune processed the request: not retried, and the result says a token WAS created', async () => {
    e2e.sim.addFaults({ pathIncludes: '/createToken', processThen: { status: 504 } });
    const result = await createAfw({ tokenValidityInSeconds: THIRTY_DAYS });
    expect(posts()).toHaveLength(1);
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(textOf(result)).toContain('a new token WAS created');
  });

  it('a connection dropped after Intune processed the request: not retried, token reported as created', async () => {
    e2e.sim.addFaults({ pathIncludes: '/createToken', processThen: 'drop' });
    const result = await createAfw({ tokenValidityInSeconds: THIRTY_DAYS });
    expect(posts()).toHaveLength(1);
    expect(textOf(result)).toContain('a new token WAS created');
  });

  it('a 429 is retried: Graph did not process it, and one token is minted', async () => {
    e2e.sim.addFaults({ pathIncludes: '/createToken', status: 429, headers: { 'retry-after': '0' } });
    const result = await createAfw({ tokenValidityInSeconds: THIRTY_DAYS });
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(posts()).toHaveLength(2);
  });

  it('when the read after an uncertain create fails too, says the outcome is unknown and how to check', async () => {
    e2e.sim.addFaults({ pathIncludes: '/createToken', processThen: 'hang' });
    const call = createAfw({ tokenValidityInSeconds: THIRTY_DAYS });
    await vi.waitFor(() => expect(posts()).toHaveLength(1));
    e2e.sim.addFaults({ method: 'GET', status: 500 }); // the read that would tell what happened
    const result = await call;
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('The outcome is unknown');
    expect(textOf(result)).toContain('Check with get-enrollment-profile');
    expect(posts()).toHaveLength(1);
  });
});

describe('create-device-owner-enrollment-token', () => {
  const create = (id: string, tokenValidityInSeconds: number) =>
    e2e.server.call('create-device-owner-enrollment-token', { id, tokenValidityInSeconds });

  it('bounds AOSP tokens to 90 days (read from the profile first) and lets a dedicated token last a year', async () => {
    const aosp = await create(AOSP, 7_776_001);
    expect(aosp.isError).toBe(true);
    expect(textOf(aosp)).toContain('AOSP tokens (corporateOwnedAOSPUserlessDevice) last at most 90 days');
    expect(posts()).toHaveLength(0);

    const dedicated = await create(DEDICATED, 31_536_000);
    expect(dedicated.isError, textOf(dedicated)).toBeFalsy();
    expect(textOf(dedicated)).toContain('(365 day(s))');
    const stored = e2e.sim.deviceOwnerProfiles.get(DEDICATED) ?? {};
    expect(dedicated.structuredContent).toMatchObject({
      tokenCreationDateTime: stored.tokenCreationDateTime,
      tokenExpirationDateTime: stored.tokenExpirationDateTime,
    });
  });

  it('refuses more than 65 years for a dedicated device', async () => {
    const result = await create(DEDICATED, 2_049_840_001);
    expect(textOf(result)).toContain('at most 65 years');
    expect(posts()).toHaveLength(0);
  });

  it('accepts AOSP-<guid> and sends the id as given', async () => {
    const result = await create(`AOSP-${AOSP}`, THIRTY_DAYS);
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(posts()[0]?.url).toBe(
      `/beta/deviceManagement/androidDeviceOwnerEnrollmentProfiles/AOSP-${AOSP}/createToken`,
    );
  });

  it('never shows the Wi-Fi key or the token, in the profile or the QR content', async () => {
    const result = await create(AOSP, THIRTY_DAYS);
    const stored = e2e.sim.deviceOwnerProfiles.get(AOSP) ?? {};
    const everything = JSON.stringify(result);
    for (const secret of [stored.wifiPassword, stored.tokenValue, stored.qrCodeContent]) {
      expect(everything).not.toContain(String(secret));
    }
    expect(result.structuredContent).toMatchObject({ wifiPassword: '[redacted]', qrCodeContent: '[redacted]' });
  });

  it('the other kind gets a hint: an Android for Work id here names create-enrollment-token', async () => {
    const result = await create(KIOSK, THIRTY_DAYS);
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('use create-enrollment-token for it');
    expect(posts()).toHaveLength(0);
  });
});

describe('revoke tokens', () => {
  it('revoke-enrollment-token POSTs revokeToken and returns the profile without a token', async () => {
    const result = await e2e.server.call('revoke-enrollment-token', { id: KIOSK });
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(posts().map((r) => r.url)).toEqual([
      `/beta/deviceManagement/androidForWorkEnrollmentProfiles/${KIOSK}/revokeToken`,
    ]);
    expect(result.structuredContent).toMatchObject({ tokenValue: null, qrCodeContent: null });
    expect(textOf(result)).toContain('was revoked: devices can no longer enroll with it');
  });

  it('revoke is idempotent, so a 503 is retried', async () => {
    e2e.sim.addFaults({ pathIncludes: '/revokeToken', status: 503, headers: { 'retry-after': '0' } });
    const result = await e2e.server.call('revoke-device-owner-enrollment-token', { id: DEDICATED });
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(posts()).toHaveLength(2);
    expect(e2e.sim.deviceOwnerProfiles.get(DEDICATED)?.tokenValue).toBeNull();
  });
});
