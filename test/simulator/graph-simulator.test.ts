/**
 * The Graph simulator on its own, over real HTTP: both entity sets, paging, $select and the token-field quirk,
 * $filter, PATCH as OData and Intune validate it, method and segment errors. The token actions and scripted faults
 * are in token-actions.test.ts.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  DEVICE_OWNER_SEED_IDS,
  deviceOwnerSeedProfiles,
} from '../../src/resources/android-device-owner/seed-profiles.js';
import { ANDROID_FOR_WORK_SEED_IDS, SIMULATOR_TENANT_ID } from '../../src/resources/android-for-work/seed-profiles.js';
import { type GraphSimulator, startGraphSimulator } from '../../src/simulator/graph-simulator.js';
import { AFW, call, DEVICE_OWNER, errorOf, intuneMessageOf, read, readPng } from './simulator-http.js';

const DEVICE_OWNER_PROPERTIES = [
  'id',
  'accountId',
  'displayName',
  'description',
  'createdDateTime',
  'lastModifiedDateTime',
  'enrollmentMode',
  'enrollmentTokenType',
  'enrollmentTokenUsageCount',
  'enrolledDeviceCount',
  'tokenValue',
  'tokenCreationDateTime',
  'tokenExpirationDateTime',
  'qrCodeContent',
  'qrCodeImage',
  'configureWifi',
  'wifiSsid',
  'wifiPassword',
  'wifiSecurityType',
  'wifiHidden',
  'deviceNameTemplate',
  'isTeamsDeviceProfile',
  'roleScopeTagIds',
];
const GRAPH_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}Z$/;
const { dedicated, fullyManaged, aospUserless, aospUserAssociated } = DEVICE_OWNER_SEED_IDS;

let sim: GraphSimulator;
beforeAll(async () => {
  sim = await startGraphSimulator({ hideTokenFieldsUnlessSelected: false });
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.pageSize = 100;
  sim.patchResponse = 200;
  sim.hideTokenFieldsUnlessSelected = false;
});

type Listed = { value: Record<string, unknown>[]; '@odata.nextLink'?: string; '@odata.context': string };

describe('both entity sets', () => {
  it('lists the three Android for Work seeds, typed, in the envelope', async () => {
    const listed = (await read(sim, AFW)) as Listed;
    expect(listed['@odata.context']).toBe(`${sim.baseUrl}/$metadata#deviceManagement/androidForWorkEnrollmentProfiles`);
    expect(listed.value.map((p) => p.id)).toEqual(Object.values(ANDROID_FOR_WORK_SEED_IDS));
    expect(listed.value[0]).toMatchObject({
      '@odata.type': '#microsoft.graph.androidForWorkEnrollmentProfile',
      accountId: SIMULATOR_TENANT_ID,
      tokenValue: 'sim-token-KIOSK-4f7a9c2e',
    });
  });

  it('lists the five device-owner seeds with all 23 properties', async () => {
    const listed = (await read(sim, DEVICE_OWNER)) as Listed;
    expect(listed.value.map((p) => p.id)).toEqual(Object.values(DEVICE_OWNER_SEED_IDS));
    for (const profile of listed.value) {
      expect(profile['@odata.type']).toBe('#microsoft.graph.androidDeviceOwnerEnrollmentProfile');
      expect(Object.keys(profile).filter((k) => !k.startsWith('@'))).toEqual(DEVICE_OWNER_PROPERTIES);
    }
    expect(new Set(listed.value.map((p) => p.enrollmentMode)).size).toBe(5);
  });

  it('reads one profile by id, whatever its case, percent-encoded or with the AOSP- prefix', async () => {
    const upper = await read(sim, `${DEVICE_OWNER}/${dedicated.toUpperCase()}`);
    expect(upper).toMatchObject({
      '@odata.context': `${sim.baseUrl}/$metadata#deviceManagement/androidDeviceOwnerEnrollmentProfiles/$entity`,
      id: dedicated,
      enrollmentMode: 'corporateOwnedDedicatedDevice',
    });
    expect(
      (await read(sim, `${DEVICE_OWNER}/%${aospUserless.charCodeAt(0).toString(16)}${aospUserless.slice(1)}`)).id,
    ).toBe(aospUserless);
    expect((await read(sim, `${DEVICE_OWNER}/AOSP-${aospUserless}`)).id).toBe(aospUserless);
    // Only the device-owner set knows the prefix.
    expect((await call(sim, 'GET', `${AFW}/AOSP-${ANDROID_FOR_WORK_SEED_IDS.kiosks}`)).status).toBe(404);
  });

  it('an unknown id is a 404 with Intune message naming the right collection', async () => {
    const missing = '11111111-2222-3333-4444-555555555555';
    const answer = await call(sim, 'GET', `${DEVICE_OWNER}/${missing}`);
    expect(answer.status).toBe(404);
    expect(errorOf(answer).code).toBe('ResourceNotFound');
    const message = intuneMessageOf(answer);
    expect(message).toContain(missing);
    expect(message).toMatch(/Activity ID: [0-9a-f-]{36}/);
    expect(message).toContain(`/deviceManagement/androidDeviceOwnerEnrollmentProfiles('${missing}')`);
    const afw = await call(sim, 'GET', `${AFW}/${missing}`);
    expect(intuneMessageOf(afw)).toContain(`/deviceManagement/androidForWorkEnrollmentProfiles('${missing}')`);
  });

  it('an unknown collection or segment is Graph 400', async () => {
    const answer = await call(sim, 'GET', '/deviceManagement/androidEnterpriseEnrollmentProfiles');
    expect(answer.status).toBe(400);
    expect(errorOf(answer).message).toMatch(/^Resource not found for the segment/);
  });

  it('replaces the device-owner seeds when given profiles', async () => {
    const own = await startGraphSimulator({
      deviceOwnerProfiles: [{ id: 'ABC', displayName: 'only', enrollmentMode: 'corporateOwnedFullyManaged' }],
    });
    try {
      expect([...own.deviceOwnerProfiles.keys()]).toEqual(['abc']);
      expect(((await read(own, DEVICE_OWNER)) as Listed).value).toHaveLength(1);
      expect(own.profiles.size).toBe(3); // the other set keeps its seeds
    } finally {
      await own.close();
    }
  });
});

describe('paging', () => {
  it('follows @odata.nextLink, which carries $select and $filter along', async () => {
    sim.pageSize = 2;
    const first = (await read(sim, `${DEVICE_OWNER}?$select=displayName`)) as Listed;
    expect(first.value).toHaveLength(2);
    expect(first['@odata.nextLink']).toBe(`${sim.baseUrl}${DEVICE_OWNER}?$select=displayName&$skiptoken=2`);
    const seen = [...first.value];
    let next = first['@odata.nextLink'];
    while (next) {
      const page = (await read(sim, next.slice(sim.baseUrl.length))) as Listed;
      seen.push(...page.value);
      next = page['@odata.nextLink'];
    }
    expect(seen.map((p) => p.id)).toEqual(Object.values(DEVICE_OWNER_SEED_IDS));
    expect(seen.every((p) => Object.keys(p).join() === '@odata.type,id,displayName')).toBe(true);

    sim.pageSize = 1;
    const filter = "enrollmentMode eq 'corporateOwnedAOSPUserlessDevice'";
    const only = (await read(sim, `${DEVICE_OWNER}?$filter=${encodeURIComponent(filter)}`)) as Listed;
    expect(only.value.map((p) => p.id)).toEqual([aospUserless]);
    expect(only).not.toHaveProperty('@odata.nextLink');
  });

  it('keeps the Android for Work nextLink as before: $skiptoken alone', async () => {
    sim.pageSize = 2;
    const first = (await read(sim, AFW)) as Listed;
    expect(first['@odata.nextLink']).toBe(`${sim.baseUrl}${AFW}?$skiptoken=2`);
  });
});

describe('$select', () => {
  it('returns the selected properties and always id, on an item and on a collection', async () => {
    const item = await read(sim, `${DEVICE_OWNER}/${dedicated}?$select=displayName,ENROLLMENTMODE`);
    expect(item).toEqual({
      '@odata.context': `${sim.baseUrl}/$metadata#deviceManagement/androidDeviceOwnerEnrollmentProfiles(id,displayName,enrollmentMode)/$entity`,
      '@odata.type': '#microsoft.graph.androidDeviceOwnerEnrollmentProfile',
      id: dedicated,
      displayName: 'Retail kiosks (dedicated)',
      enrollmentMode: 'corporateOwnedDedicatedDevice',
    });
    const listed = (await read(sim, `${AFW}?$select=tokenValue`)) as Listed;
    expect(listed.value[0]).toEqual({
      '@odata.type': '#microsoft.graph.androidForWorkEnrollmentProfile',
      id: ANDROID_FOR_WORK_SEED_IDS.kiosks,
      tokenValue: 'sim-token-KIOSK-4f7a9c2e',
    });
  });

  it('refuses a property the type does not have, naming the type', async () => {
    const answer = await call(sim, 'GET', `${AFW}/${ANDROID_FOR_WORK_SEED_IDS.kiosks}?$select=displayName,wifiSsid`);
    expect(answer.status).toBe(400);
    expect(errorOf(answer)).toMatchObject({
      code: 'BadRequest',
      message: "Could not find a property named 'wifiSsid' on type 'microsoft.graph.androidForWorkEnrollmentProfile'.",
    });
    expect((await call(sim, 'GET', `${DEVICE_OWNER}?$select=nope`)).status).toBe(400);
  });
});

describe('token fields unless selected (hideTokenFieldsUnlessSelected)', () => {
  it('is on by default, as Graph behaves; off, answers carry the stored tokens', async () => {
    const simDefault = await startGraphSimulator();
    try {
      expect(simDefault.hideTokenFieldsUnlessSelected).toBe(true);
    } finally {
      await simDefault.close();
    }
    const listed = (await read(sim, DEVICE_OWNER)) as Listed;
    expect(listed.value[0]?.tokenValue).toBe('sim-token-DEDICATED-5c81e2d4');
    expect((await read(sim, `${DEVICE_OWNER}/${dedicated}`)).qrCodeImage).toMatchObject({ type: 'image/png' });
  });

  it('on: a list without $select shows the token fields as null; with $select as stored', async () => {
    sim.hideTokenFieldsUnlessSelected = true;
    for (const collection of [AFW, DEVICE_OWNER]) {
      const listed = (await read(sim, collection)) as Listed;
      for (const profile of listed.value) {
        expect(profile).toMatchObject({ tokenValue: null, qrCodeContent: null, qrCodeImage: null });
        expect(profile.displayName).toBeTypeOf('string');
      }
    }
    const selected = (await read(sim, `${DEVICE_OWNER}?$select=tokenValue,qrCodeContent,qrCodeImage`)) as Listed;
    expect(selected.value[0]).toMatchObject({
      tokenValue: 'sim-token-DEDICATED-5c81e2d4',
      qrCodeContent: expect.stringContaining('sim-token-DEDICATED-5c81e2d4'),
      qrCodeImage: { type: 'image/png', value: expect.any(String) },
    });
  });

  it('on: one profile without $select shows qrCodeImage as null, everything else as stored', async () => {
    sim.hideTokenFieldsUnlessSelected = true;
    const got = await read(sim, `${DEVICE_OWNER}/${dedicated}`);
    expect(got).toMatchObject({ tokenValue: 'sim-token-DEDICATED-5c81e2d4', qrCodeImage: null });
    expect(got.qrCodeContent).toContain('sim-token-DEDICATED-5c81e2d4');
    expect(sim.deviceOwnerProfiles.get(dedicated)?.qrCodeImage).not.toBeNull(); // only hidden, not lost
    const image = await read(sim, `${DEVICE_OWNER}/${dedicated}?$select=qrCodeImage`);
    expect(image.qrCodeImage).toMatchObject({ type: 'image/png' });
  });
});

describe('$filter on the device-owner collection', () => {
  it.each([
    ['corporateOwnedDedicatedDevice', [dedicated]],
    ['corporateOwnedFullyManaged', [fullyManaged]],
    ['corporateOwnedAOSPUserAssociatedDevice', [aospUserAssociated]],
  ])('enrollmentMode eq %s', async (mode, ids) => {
    const listed = (await read(sim, `${DEVICE_OWNER}?$filter=enrollmentMode eq '${mode}'`)) as Listed;
    expect(listed.value.map((p) => p.id)).toEqual(ids);
  });

  it.each([
    `${DEVICE_OWNER}?$filter=displayName eq 'x'`,
    `${DEVICE_OWNER}?$filter=enrollmentMode ne 'corporateOwnedFullyManaged'`,
    `${DEVICE_OWNER}?$filter=startswith(displayName,'R')`,
    `${DEVICE_OWNER}?$filter=enrollmentMode eq 'kiosk'`,
    `${AFW}?$filter=enrollmentMode eq 'corporateOwnedFullyManaged'`,
  ])('anything else is 400 Invalid filter clause: %s', async (path) => {
    const answer = await call(sim, 'GET', path);
    expect(answer.status).toBe(400);
    expect(errorOf(answer)).toMatchObject({
      code: 'BadRequest',
      message: expect.stringMatching(/^Invalid filter clause/),
    });
  });
});

describe('PATCH', () => {
  const fresh = async () => {
    const own = await startGraphSimulator();
    return own;
  };

  it('merges, bumps lastModifiedDateTime with seven digits and answers 200 with the profile', async () => {
    const own = await fresh();
    try {
      const before = own.deviceOwnerProfiles.get(aospUserless)?.lastModifiedDateTime as string;
      const answer = await call(own, 'PATCH', `${DEVICE_OWNER}/${aospUserless}`, {
        displayName: 'Headsets',
        wifiSecurityType: 'wep',
        roleScopeTagIds: ['0', '7'],
        qrCodeImage: { '@odata.type': 'microsoft.graph.mimeContent', type: 'image/png', value: 'AA==' },
      });
      expect(answer.status).toBe(200);
      expect(answer.json).toMatchObject({ id: aospUserless, displayName: 'Headsets', wifiSecurityType: 'wep' });
      const stored = own.deviceOwnerProfiles.get(aospUserless);
      expect(stored).toMatchObject({
        displayName: 'Headsets',
        roleScopeTagIds: ['0', '7'],
        wifiSsid: 'CONTOSO-DEVICES',
      });
      expect(stored?.lastModifiedDateTime).toMatch(GRAPH_TIME);
      expect(stored?.lastModifiedDateTime).not.toBe(before);
    } finally {
      await own.close();
    }
  });

  it('answers 204 without a body when patchResponse is 204, on both sets', async () => {
    const own = await startGraphSimulator({ patchResponse: 204 });
    try {
      for (const path of [`${DEVICE_OWNER}/${dedicated}`, `${AFW}/${ANDROID_FOR_WORK_SEED_IDS.kiosks}`]) {
        const answer = await call(own, 'PATCH', path, { description: 'via 204' });
        expect(answer.status).toBe(204);
        expect(answer.text).toBe('');
        expect((await read(own, path)).description).toBe('via 204');
      }
    } finally {
      await own.close();
    }
  });

  it('accepts id, createdDateTime and lastModifiedDateTime but keeps its own values', async () => {
    const own = await fresh();
    try {
      const before = { ...own.deviceOwnerProfiles.get(fullyManaged) };
      const answer = await call(own, 'PATCH', `${DEVICE_OWNER}/${fullyManaged}`, {
        id: fullyManaged,
        createdDateTime: '2020-01-01T00:00:00Z',
        lastModifiedDateTime: '2020-01-01T00:00:00Z',
      });
      expect(answer.status).toBe(200);
      expect(own.deviceOwnerProfiles.get(fullyManaged)).toEqual(before); // nothing changed, nothing stamped
    } finally {
      await own.close();
    }
  });

  it('deviceNameTemplate: 63 characters pass, 64 are refused', async () => {
    const own = await fresh();
    try {
      const path = `${DEVICE_OWNER}/${dedicated}`;
      expect((await call(own, 'PATCH', path, { deviceNameTemplate: 'd'.repeat(63) })).status).toBe(200);
      const refused = await call(own, 'PATCH', path, { deviceNameTemplate: 'e'.repeat(64) });
      expect(refused.status).toBe(400);
      expect(intuneMessageOf(refused)).toMatch(/deviceNameTemplate.*64.*63/);
      expect(own.deviceOwnerProfiles.get(dedicated)?.deviceNameTemplate).toBe('d'.repeat(63));
    } finally {
      await own.close();
    }
  });

  it('an empty patch is refused as Intune does', async () => {
    const answer = await call(sim, 'PATCH', `${DEVICE_OWNER}/${dedicated}`, {});
    expect(answer.status).toBe(400);
    expect(intuneMessageOf(answer)).toContain('Invalid patch, at least 1 property must be changed');
    expect((await call(sim, 'PATCH', `${AFW}/${ANDROID_FOR_WORK_SEED_IDS.kiosks}`, {})).status).toBe(400);
  });

  it.each<[string, string, Record<string, unknown>, string | RegExp]>([
    [
      'an unknown property',
      DEVICE_OWNER,
      { displayName: 'x', kioskMode: true },
      "The property 'kioskMode' does not exist on type 'microsoft.graph.androidDeviceOwnerEnrollmentProfile'. Make sure to only use property names that are defined by the type or mark the type as open type.",
    ],
    [
      'a device-owner property on an Android for Work profile',
      AFW,
      { enrollmentMode: 'corporateOwnedFullyManaged' },
      /^The property 'enrollmentMode' does not exist on type 'microsoft\.graph\.androidForWorkEnrollmentProfile'/,
    ],
    [
      'an enum value outside the enum',
      DEVICE_OWNER,
      { enrollmentMode: 'kiosk' },
      "Cannot convert the literal 'kiosk' to the expected type 'microsoft.graph.androidDeviceOwnerEnrollmentMode'.",
    ],
    [
      'a Wi-Fi security type outside the enum',
      DEVICE_OWNER,
      { wifiSecurityType: 'WPA2' },
      "Cannot convert the literal 'WPA2' to the expected type 'microsoft.graph.aospWifiSecurityType'.",
    ],
    [
      'a string for an Int32',
      AFW,
      { enrolledDeviceCount: '5' },
      "Cannot convert the literal '5' to the expected type 'Edm.Int32'.",
    ],
    ['a fraction for an Int32', DEVICE_OWNER, { enrollmentTokenUsageCount: 1.5 }, /Edm\.Int32/],
    ['an Int32 out of range', DEVICE_OWNER, { enrolledDeviceCount: 2 ** 31 }, /Edm\.Int32/],
    ['a number for a string', DEVICE_OWNER, { displayName: 42 }, /primitive value to the expected type 'Edm\.String'/],
    [
      'an object for a string',
      AFW,
      { description: { text: 'x' } },
      "An unexpected 'StartObject' node was found for property named 'description' when reading from the JSON reader. A 'PrimitiveValue' node was expected.",
    ],
    ['a string for a Boolean', DEVICE_OWNER, { configureWifi: 'true' }, /Edm\.Boolean/],
    [
      'null for a non-nullable property',
      DEVICE_OWNER,
      { wifiHidden: null },
      "A null value was found for the property named 'wifiHidden', which has the expected type 'Edm.Boolean[Nullable=False]'. The expected type 'Edm.Boolean[Nullable=False]' does not allow null values.",
    ],
    ['a date without an offset', AFW, { tokenExpirationDateTime: '2027-01-01T00:00:00' }, /Edm\.DateTimeOffset/],
    ['an impossible date', DEVICE_OWNER, { tokenCreationDateTime: '2027-02-30T00:00:00Z' }, /Edm\.DateTimeOffset/],
    ['a string for a collection', DEVICE_OWNER, { roleScopeTagIds: '0' }, /'StartArray' node was expected/],
    ['a number in a string collection', DEVICE_OWNER, { roleScopeTagIds: ['0', 1] }, /Edm\.String/],
    ['bad base64 in mimeContent', AFW, { qrCodeImage: { type: 'image/png', value: 'not base64!' } }, /Edm\.Binary/],
    [
      'an unknown mimeContent property',
      AFW,
      { qrCodeImage: { type: 'image/png', value: 'AA==', size: 1 } },
      /^The property 'size' does not exist on type 'microsoft\.graph\.mimeContent'/,
    ],
    [
      'a token type the mode does not allow',
      DEVICE_OWNER,
      { enrollmentTokenType: 'deviceStaging' },
      /deviceStaging is not supported for enrollmentMode corporateOwnedDedicatedDevice/,
    ],
  ])('refuses %s with 400 BadRequest', async (_, collection, patch, message) => {
    const id = collection === AFW ? ANDROID_FOR_WORK_SEED_IDS.kiosks : dedicated;
    const store = collection === AFW ? sim.profiles : sim.deviceOwnerProfiles;
    const before = JSON.stringify(store.get(id));
    const answer = await call(sim, 'PATCH', `${collection}/${id}`, patch);
    expect(answer.status).toBe(400);
    const error = errorOf(answer);
    expect(error.code).toBe('BadRequest');
    const text = error.message.startsWith('{') ? intuneMessageOf(answer) : error.message;
    if (typeof message === 'string') expect(text).toBe(message);
    else expect(text).toMatch(message);
    expect(JSON.stringify(store.get(id))).toBe(before); // nothing of a refused patch is applied
  });

  it('accepts the documented token types for their modes', async () => {
    const own = await fresh();
    try {
      const staged = await call(own, 'PATCH', `${DEVICE_OWNER}/${fullyManaged}`, {
        enrollmentTokenType: 'deviceStaging',
      });
      expect(staged.status).toBe(200);
      const shared = await call(own, 'PATCH', `${DEVICE_OWNER}/${dedicated}`, {
        enrollmentTokenType: 'corporateOwnedDedicatedDeviceWithAzureADSharedMode',
      });
      expect(shared.status).toBe(200);
    } finally {
      await own.close();
    }
  });

  it('refuses a body that is not JSON or not an object', async () => {
    for (const body of ['{', '[]', '"x"']) {
      const answer = await call(sim, 'PATCH', `${DEVICE_OWNER}/${dedicated}`, body);
      expect(answer.status, body).toBe(400);
    }
  });
});

describe('methods and segments', () => {
  it.each([
    ['POST', DEVICE_OWNER],
    ['DELETE', `${DEVICE_OWNER}/${dedicated}`],
    ['PUT', `${AFW}/${ANDROID_FOR_WORK_SEED_IDS.kiosks}`],
    ['GET', `${DEVICE_OWNER}/${dedicated}/createToken`],
    ['PATCH', `${AFW}/${ANDROID_FOR_WORK_SEED_IDS.kiosks}/revokeToken`],
  ])('%s %s is 405', async (method, path) => {
    const answer = await call(sim, method, path, method === 'GET' ? undefined : {});
    expect(answer.status).toBe(405);
    expect(answer.headers.get('allow')).toBeTruthy();
  });

  it('an unknown action is 400 naming the segment', async () => {
    const answer = await call(sim, 'POST', `${DEVICE_OWNER}/${dedicated}/renewToken`, {});
    expect(answer.status).toBe(400);
    expect(errorOf(answer).message).toBe("Resource not found for the segment 'renewToken'.");
  });

  it('asks for a bearer token', async () => {
    const response = await fetch(`${sim.baseUrl}${DEVICE_OWNER}`);
    expect(response.status).toBe(401);
  });
});

describe('device-owner seeds', () => {
  const now = new Date('2026-08-01T12:00:00.000Z');
  const days = (text: unknown) => (Date.parse(String(text)) - now.getTime()) / 86_400_000;
  const seeds = new Map(deviceOwnerSeedProfiles(now).map((p) => [p.id, p]));

  it('are deterministic for a given moment and fresh on every call', () => {
    expect(deviceOwnerSeedProfiles(now)).toEqual(deviceOwnerSeedProfiles(now));
    expect(deviceOwnerSeedProfiles(now)[0]).not.toBe(deviceOwnerSeedProfiles(now)[0]);
  });

  it('date their tokens relative to the moment of seeding', () => {
    expect(days(seeds.get(dedicated)?.tokenExpirationDateTime)).toBe(12);
    expect(days(seeds.get(DEVICE_OWNER_SEED_IDS.corporateOwnedWorkProfile)?.tokenExpirationDateTime)).toBe(-3);
    expect(days(seeds.get(aospUserless)?.tokenExpirationDateTime)).toBe(60);
    expect(days(seeds.get(fullyManaged)?.tokenExpirationDateTime)).toBeGreaterThan(20 * 365);
    expect(seeds.get(aospUserAssociated)).toMatchObject({
      tokenValue: null,
      tokenExpirationDateTime: '0001-01-01T00:00:00Z',
    });
    for (const seed of seeds.values()) {
      expect(Date.parse(String(seed.createdDateTime))).toBeLessThanOrEqual(
        Date.parse(String(seed.lastModifiedDateTime)),
      );
      expect(seed.roleScopeTagIds).toContain('0');
      expect(seed.accountId).toBe(SIMULATOR_TENANT_ID);
    }
  });

  it('the AOSP userless profile has Wi-Fi, and its QR code carries the key in plain text', () => {
    const aosp = seeds.get(aospUserless);
    expect(aosp).toMatchObject({ configureWifi: true, wifiSecurityType: 'wpa', wifiSsid: 'CONTOSO-DEVICES' });
    const qr = JSON.parse(String(aosp?.qrCodeContent)) as Record<string, unknown>;
    expect(qr['android.app.extra.PROVISIONING_WIFI_SSID']).toBe('CONTOSO-DEVICES');
    expect(qr['android.app.extra.PROVISIONING_WIFI_PASSWORD']).toBe(aosp?.wifiPassword);
    expect(String(aosp?.qrCodeContent)).toContain(String(aosp?.tokenValue));
  });

  it('carry a valid PNG as the QR code picture when they have a token', () => {
    for (const seed of seeds.values()) {
      if (seed.tokenValue === null) continue;
      const image = seed.qrCodeImage as { type: string; value: string };
      expect(image.type).toBe('image/png');
      expect(readPng(Buffer.from(image.value, 'base64')).chunkTypes).toEqual(['IHDR', 'IDAT', 'IEND']);
    }
  });
});
