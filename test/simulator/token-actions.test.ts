/**
 * createToken and revokeToken on the Graph simulator, over real HTTP: what they change, the limits per profile
 * kind, the PNG they produce, and the scripted faults that carry a request out and then lose its answer.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEVICE_OWNER_SEED_IDS } from '../../src/resources/android-device-owner/seed-profiles.js';
import { ANDROID_FOR_WORK_SEED_IDS } from '../../src/resources/android-for-work/seed-profiles.js';
import { type GraphSimulator, startGraphSimulator } from '../../src/simulator/graph-simulator.js';
import { AFW, call, DEVICE_OWNER, errorOf, intuneMessageOf, read, readPng } from './simulator-http.js';

const GRAPH_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}Z$/;
const NINETY_DAYS = 7_776_000;
const SIXTY_FIVE_YEARS = 2_049_840_000;
const { dedicated, fullyManaged, corporateOwnedWorkProfile, aospUserless, aospUserAssociated } = DEVICE_OWNER_SEED_IDS;
const { kiosks, warehouse } = ANDROID_FOR_WORK_SEED_IDS;

let sim: GraphSimulator;
beforeEach(async () => {
  sim = await startGraphSimulator({ hideTokenFieldsUnlessSelected: false });
});
afterEach(() => sim.close());

const createToken = (path: string, body: unknown) => call(sim, 'POST', `${path}/createToken`, body);

describe('createToken', () => {
  it('answers 204 and mints a token, its dates, QR content and a real PNG into the profile', async () => {
    const before = await read(sim, `${DEVICE_OWNER}/${dedicated}`);
    const started = Date.now();
    const answer = await createToken(`${DEVICE_OWNER}/${dedicated}`, { tokenValidityInSeconds: 3600 });
    expect(answer.status).toBe(204);
    expect(answer.text).toBe('');

    const after = await read(sim, `${DEVICE_OWNER}/${dedicated}`);
    expect(after.tokenValue).toMatch(/^sim-token-[A-Z]{20}$/);
    expect(after.tokenValue).not.toBe(before.tokenValue);
    for (const name of ['tokenCreationDateTime', 'tokenExpirationDateTime', 'lastModifiedDateTime']) {
      expect(after[name], name).toMatch(GRAPH_TIME);
    }
    const created = Date.parse(String(after.tokenCreationDateTime));
    expect(Math.abs(created - started)).toBeLessThan(1000);
    expect(Date.parse(String(after.tokenExpirationDateTime)) - created).toBe(3600 * 1000);
    expect(Math.abs(Date.parse(String(after.tokenExpirationDateTime)) - (Date.now() + 3600 * 1000))).toBeLessThan(1000);
    expect(after.lastModifiedDateTime).not.toBe(before.lastModifiedDateTime);

    const qr = JSON.parse(String(after.qrCodeContent)) as Record<string, Record<string, unknown>>;
    expect(qr['android.app.extra.PROVISIONING_ADMIN_EXTRAS_BUNDLE']).toEqual({
      'com.google.android.apps.work.clouddpc.EXTRA_ENROLLMENT_TOKEN': after.tokenValue,
    });
    const image = after.qrCodeImage as { type: string; value: string };
    expect(image.type).toBe('image/png');
    const bytes = Buffer.from(image.value, 'base64');
    expect([...bytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    const png = readPng(bytes); // throws on a bad CRC or a truncated chunk
    expect(png.chunkTypes[0]).toBe('IHDR');
    expect(png.chunkTypes.at(-1)).toBe('IEND');
    expect(png.width).toBe(png.height);
    expect(png.width).toBeGreaterThanOrEqual(25);
    expect(png.pixels).toHaveLength(png.height * (png.width + 1)); // greyscale 8-bit, one filter byte a row
    expect(new Set(png.pixels).size).toBeGreaterThan(1); // black and white, not a blank square
  });

  it('the PNG check itself catches a corrupted byte (the check above is not vacuous)', async () => {
    await createToken(`${DEVICE_OWNER}/${dedicated}`, { tokenValidityInSeconds: 60 });
    const image = sim.deviceOwnerProfiles.get(dedicated)?.qrCodeImage as { value: string };
    const bytes = Buffer.from(image.value, 'base64');
    bytes[40] = (bytes[40] ?? 0) ^ 0xff;
    expect(() => readPng(bytes)).toThrow(/bad CRC/);
  });

  it('mints a different token each time (not idempotent)', async () => {
    const tokens = new Set<unknown>();
    for (let i = 0; i < 3; i++) {
      expect((await createToken(`${AFW}/${warehouse}`, { tokenValidityInSeconds: 60 })).status).toBe(204);
      tokens.add(sim.profiles.get(warehouse)?.tokenValue);
    }
    expect(tokens.size).toBe(3);
  });

  it('on Android for Work: sets the expiry but no tokenCreationDateTime (the type has none)', async () => {
    expect((await createToken(`${AFW}/${warehouse}`, { tokenValidityInSeconds: NINETY_DAYS })).status).toBe(204);
    const after = sim.profiles.get(warehouse) ?? {};
    expect(after).not.toHaveProperty('tokenCreationDateTime');
    expect(after.tokenValue).toMatch(/^sim-token-/);
    expect(Date.parse(String(after.tokenExpirationDateTime)) - Date.now()).toBeGreaterThan(NINETY_DAYS * 1000 - 5000);
  });

  it('for AOSP with Wi-Fi, the QR content carries the SSID and the key in plain text; AOSP- prefix accepted', async () => {
    const answer = await createToken(`${DEVICE_OWNER}/AOSP-${aospUserless}`, { tokenValidityInSeconds: 86_400 });
    expect(answer.status).toBe(204);
    const after = sim.deviceOwnerProfiles.get(aospUserless) ?? {};
    const qr = JSON.parse(String(after.qrCodeContent)) as Record<string, unknown>;
    expect(qr).toMatchObject({
      'android.app.extra.PROVISIONING_WIFI_SSID': 'CONTOSO-DEVICES',
      'android.app.extra.PROVISIONING_WIFI_PASSWORD': after.wifiPassword,
      'android.app.extra.PROVISIONING_WIFI_SECURITY_TYPE': 'WPA',
    });
    expect(String(after.qrCodeContent)).toContain(String(after.tokenValue));
  });

  it('for AOSP without Wi-Fi, the QR content has no Wi-Fi extras', async () => {
    await createToken(`${DEVICE_OWNER}/${aospUserAssociated}`, { tokenValidityInSeconds: 60 });
    expect(String(sim.deviceOwnerProfiles.get(aospUserAssociated)?.qrCodeContent)).not.toContain('WIFI');
  });

  it('accepts the namespaced action name', async () => {
    const answer = await call(sim, 'POST', `${DEVICE_OWNER}/${fullyManaged}/microsoft.graph.createToken`, {
      tokenValidityInSeconds: 60,
    });
    expect(answer.status).toBe(204);
  });

  it.each([
    ['Android for Work', `${AFW}/${kiosks}`, NINETY_DAYS],
    ['AOSP userless', `${DEVICE_OWNER}/${aospUserless}`, NINETY_DAYS],
    ['AOSP user-associated', `${DEVICE_OWNER}/${aospUserAssociated}`, NINETY_DAYS],
    ['dedicated', `${DEVICE_OWNER}/${dedicated}`, SIXTY_FIVE_YEARS],
    ['fully managed', `${DEVICE_OWNER}/${fullyManaged}`, SIXTY_FIVE_YEARS],
    ['COPE', `${DEVICE_OWNER}/${corporateOwnedWorkProfile}`, SIXTY_FIVE_YEARS],
  ])('%s: up to %s… accepts the limit, refuses one second more', async (_, path, limit) => {
    expect((await createToken(path, { tokenValidityInSeconds: limit })).status).toBe(204);
    const before = JSON.stringify(path.startsWith(AFW) ? sim.profiles.get(kiosks) : undefined);
    const refused = await createToken(path, { tokenValidityInSeconds: limit + 1 });
    expect(refused.status).toBe(400);
    expect(errorOf(refused).code).toBe('BadRequest');
    expect(intuneMessageOf(refused)).toContain(`between 1 and ${limit} seconds`);
    if (path.startsWith(AFW)) expect(JSON.stringify(sim.profiles.get(kiosks))).toBe(before);
  });

  it.each<[string, unknown, RegExp]>([
    ['zero', { tokenValidityInSeconds: 0 }, /between 1 and/],
    ['negative', { tokenValidityInSeconds: -60 }, /between 1 and/],
    ['a fraction', { tokenValidityInSeconds: 1.5 }, /Edm\.Int32/],
    ['a string', { tokenValidityInSeconds: '3600' }, /Edm\.Int32/],
    ['beyond Int32', { tokenValidityInSeconds: 2 ** 31 }, /Edm\.Int32/],
    ['null', { tokenValidityInSeconds: null }, /does not allow null values/],
    ['missing', {}, /tokenValidityInSeconds.*required/],
    ['an unknown parameter', { tokenValidityInSeconds: 60, validity: 60 }, /'validity'.*not a valid parameter/],
    ['an empty body', '', /Empty Payload/],
    ['not JSON', '{', /Unable to read JSON/],
    ['an array', '[60]', /Unable to read JSON/],
  ])('refuses %s with 400 BadRequest and mints nothing', async (_, body, message) => {
    const before = JSON.stringify(sim.deviceOwnerProfiles.get(dedicated));
    const answer = await createToken(`${DEVICE_OWNER}/${dedicated}`, body);
    expect(answer.status).toBe(400);
    const error = errorOf(answer);
    expect(error.code).toBe('BadRequest');
    expect(error.message.startsWith('{') ? intuneMessageOf(answer) : error.message).toMatch(message);
    expect(JSON.stringify(sim.deviceOwnerProfiles.get(dedicated))).toBe(before);
  });

  it('an unknown id is a 404 whose Url names the collection and the action', async () => {
    const missing = '11111111-2222-3333-4444-555555555555';
    const answer = await createToken(`${DEVICE_OWNER}/${missing}`, { tokenValidityInSeconds: 60 });
    expect(answer.status).toBe(404);
    expect(intuneMessageOf(answer)).toContain(`androidDeviceOwnerEnrollmentProfiles('${missing}')/createToken`);
  });
});

describe('revokeToken', () => {
  it.each([
    ['device owner', `${DEVICE_OWNER}/AOSP-${aospUserless}`, aospUserless],
    ['Android for Work', `${AFW}/${kiosks}`, kiosks],
  ])('%s: answers 204 and clears the token, its QR code and dates; again, the same', async (kind, path, id) => {
    const store = kind === 'Android for Work' ? sim.profiles : sim.deviceOwnerProfiles;
    for (const body of [undefined, '{}']) {
      const answer = await call(sim, 'POST', `${path}/revokeToken`, body);
      expect(answer.status).toBe(204);
      expect(answer.text).toBe('');
      const after = store.get(id) ?? {};
      expect(after).toMatchObject({
        tokenValue: null,
        qrCodeContent: null,
        qrCodeImage: null,
        tokenExpirationDateTime: '0001-01-01T00:00:00Z',
      });
      if (kind === 'device owner') expect(after.tokenCreationDateTime).toBe('0001-01-01T00:00:00Z');
      else expect(after).not.toHaveProperty('tokenCreationDateTime');
      expect(after.lastModifiedDateTime).toMatch(GRAPH_TIME);
    }
  });

  it('refuses a parameter', async () => {
    const answer = await call(sim, 'POST', `${DEVICE_OWNER}/${dedicated}/revokeToken`, { force: true });
    expect(answer.status).toBe(400);
    expect(sim.deviceOwnerProfiles.get(dedicated)?.tokenValue).not.toBeNull();
  });
});

describe('scripted faults on the actions', () => {
  const path = `${DEVICE_OWNER}/${dedicated}`;
  const tokenNow = () => sim.deviceOwnerProfiles.get(dedicated)?.tokenValue;

  it('a plain fault answers instead of Intune: nothing is minted (e.g. a 429)', async () => {
    const before = tokenNow();
    sim.addFaults({ pathIncludes: '/createToken', status: 429, headers: { 'retry-after': '1' } });
    const answer = await createToken(path, { tokenValidityInSeconds: 60 });
    expect(answer.status).toBe(429);
    expect(answer.headers.get('retry-after')).toBe('1');
    expect(tokenNow()).toBe(before);
  });

  it('processThen { status: 504 }: the token is minted, the client sees a 504', async () => {
    const before = tokenNow();
    sim.addFaults({ method: 'POST', pathIncludes: '/createToken', processThen: { status: 504 } });
    const answer = await createToken(path, { tokenValidityInSeconds: 60 });
    expect(answer.status).toBe(504);
    expect(errorOf(answer).code).toBe('SimulatedFault');
    expect(tokenNow()).not.toBe(before);
    expect(sim.requestsOf('POST')).toHaveLength(1);
    // The next call is answered normally: the fault was used once.
    expect((await createToken(path, { tokenValidityInSeconds: 60 })).status).toBe(204);
  });

  it("processThen 'drop': the token is minted, the connection closes without an answer", async () => {
    const before = tokenNow();
    sim.addFaults({ pathIncludes: '/createToken', processThen: 'drop' });
    await expect(createToken(path, { tokenValidityInSeconds: 60 })).rejects.toThrow();
    expect(tokenNow()).not.toBe(before);
  });

  it("processThen 'hang': the token is minted, no answer ever comes", async () => {
    const before = tokenNow();
    sim.addFaults({ pathIncludes: '/createToken', processThen: 'hang' });
    const gaveUp = call(sim, 'POST', `${path}/createToken`, { tokenValidityInSeconds: 60 }, AbortSignal.timeout(300));
    await expect(gaveUp).rejects.toThrow();
    expect(tokenNow()).not.toBe(before);
  });

  it('processThen applies to a PATCH too, and a refused request stays refused', async () => {
    sim.addFaults({ method: 'PATCH', processThen: { status: 502, body: '' } });
    const answer = await call(sim, 'PATCH', path, { description: 'landed' });
    expect(answer.status).toBe(502);
    expect(sim.deviceOwnerProfiles.get(dedicated)?.description).toBe('landed');
    sim.addFaults({ pathIncludes: '/createToken', processThen: { status: 504 } });
    const before = tokenNow();
    expect((await createToken(path, { tokenValidityInSeconds: 0 })).status).toBe(504);
    expect(tokenNow()).toBe(before);
  });
});

describe('--simulate mode', () => {
  it('keeps no requests when recordRequests is false', async () => {
    const quiet = await startGraphSimulator({ recordRequests: false });
    try {
      const answer = await call(quiet, 'POST', `${DEVICE_OWNER}/${dedicated}/createToken`, {
        tokenValidityInSeconds: 60,
      });
      expect(answer.status).toBe(204);
      expect(quiet.requests).toHaveLength(0);
    } finally {
      await quiet.close();
    }
  });

  it('refuses a request body over 4 MB', async () => {
    const answer = await call(sim, 'PATCH', `${DEVICE_OWNER}/${dedicated}`, {
      description: 'x'.repeat(4 * 1024 * 1024 + 1),
    });
    expect(answer.status).toBe(413);
  });
});
