/**
 * The simulator's Android for Work enrollment profiles (fictional tenant, fake tokens). Data only: the tests rely
 * on these ids and values exactly, so change them with the tests.
 */

/** The fictional tenant every seeded profile belongs to (its accountId). */
export const SIMULATOR_TENANT_ID = '6f1d2c3b-4a59-4e8d-9c7b-1a2b3c4d5e6f';

export const ANDROID_FOR_WORK_SEED_IDS = {
  /** Corporate-owned kiosks: a token, 42 devices. */
  kiosks: 'e6742553-2553-e674-5325-74e6532574e6',
  /** Field engineers (work profile): a token, 117 devices. */
  fieldEngineers: '0b9f7a52-6c1e-4d3a-8f2b-5e4d3c2b1a09',
  /** Warehouse scanners: no token, no devices. */
  warehouse: '7c4e2a1f-9b8d-4c6e-a5f3-2d1e0f9a8b7c',
} as const;

/** A fresh copy of the three profiles, each time. */
export function androidForWorkSeedProfiles(): Record<string, unknown>[] {
  return [
    profile({
      id: ANDROID_FOR_WORK_SEED_IDS.kiosks,
      displayName: 'Corporate-owned kiosks',
      description: 'Dedicated devices in retail stores',
      createdDateTime: '2026-03-02T09:15:27.1234567Z',
      lastModifiedDateTime: '2026-10-14T16:42:05.7654321Z',
      tokenValue: 'sim-token-KIOSK-4f7a9c2e',
      tokenExpirationDateTime: '2027-03-02T09:15:27Z',
      enrolledDeviceCount: 42,
    }),
    profile({
      id: ANDROID_FOR_WORK_SEED_IDS.fieldEngineers,
      displayName: 'Field engineers (work profile)',
      description: 'Personally owned phones with a work profile',
      createdDateTime: '2025-11-20T13:01:44.5000000Z',
      lastModifiedDateTime: '2026-09-30T08:05:11.0000000Z',
      tokenValue: 'sim-token-FIELD-93b1d0aa',
      tokenExpirationDateTime: '2026-12-31T23:59:59Z',
      enrolledDeviceCount: 117,
    }),
    profile({
      id: ANDROID_FOR_WORK_SEED_IDS.warehouse,
      displayName: 'Warehouse scanners',
      description: null,
      createdDateTime: '2026-06-11T07:30:00.0000000Z',
      lastModifiedDateTime: '2026-06-11T07:30:00.0000000Z',
      tokenValue: null,
      tokenExpirationDateTime: '0001-01-01T00:00:00Z',
      enrolledDeviceCount: 0,
    }),
  ];
}

function profile(fields: Record<string, unknown> & { id: string; tokenValue: string | null }): Record<string, unknown> {
  const qrCodeContent = fields.tokenValue
    ? JSON.stringify({ 'android.app.extra.PROVISIONING_ENROLLMENT_TOKEN': fields.tokenValue })
    : null;
  return {
    accountId: SIMULATOR_TENANT_ID,
    ...fields,
    qrCodeContent,
    qrCodeImage: fields.tokenValue
      ? { type: 'image/png', value: Buffer.from(`png-of-${fields.tokenValue}`).toString('base64') }
      : null,
  };
}
