/**
 * The simulator's Android device-owner enrollment profiles (fictional tenant, fake tokens), one per kind an admin
 * meets: dedicated, fully managed, corporate-owned work profile (COPE), AOSP userless with Wi-Fi, and an AOSP
 * user-associated one without a token. Data only.
 *
 * Every date is relative to `now` (the moment of seeding) so that a demo always shows the same situation: the
 * dedicated token expires in 12 days, the COPE one expired 3 days ago, the AOSP one expires in 60 days, the fully
 * managed one is far off; each profile was created before its token and last modified when its token was made.
 * Everything else is fixed.
 */

import { provisioningExtras } from '../../simulator/enrollment-tokens.js';
import { SIMULATOR_TENANT_ID } from '../android-for-work/seed-profiles.js';

export { SIMULATOR_TENANT_ID };

export const DEVICE_OWNER_SEED_IDS = {
  /** corporateOwnedDedicatedDevice; token expires 12 days after seeding. */
  dedicated: 'ba01570c-d6c3-47ba-ac82-5df7c07086bc',
  /** corporateOwnedFullyManaged, default token type; token far from expiry. */
  fullyManaged: '28069188-f31e-46d8-949b-b93460025811',
  /** corporateOwnedWorkProfile (COPE); token expired 3 days before seeding. */
  corporateOwnedWorkProfile: '3a36c51a-9d5f-47c2-9865-8c2589c37a39',
  /** corporateOwnedAOSPUserlessDevice with Wi-Fi (WPA, key in the QR code); token expires 60 days after seeding. */
  aospUserless: '8fdb5354-101e-49e5-8e6f-faa9a36a9a7b',
  /** corporateOwnedAOSPUserAssociatedDevice, no Wi-Fi; no token. */
  aospUserAssociated: 'b6560ce8-0832-4f0e-a533-409a80de479a',
} as const;

const DAY_MS = 86_400_000;
const NO_DATE = '0001-01-01T00:00:00Z';
/** A small real PNG in the shape of a QR code (not scannable), standing in for Intune's picture of the token. */
const QR_CODE_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAACEAAAAhCAAAAAByj52zAAAArElEQVR4nL1TWw6EQAzi/peuiX0Addz9czQmNtgCRcS/g+8QyHO/AXlXpRENRl5gZ' +
  'R6oan6uFUd043dETjgjqpqk48BDmGebrYXah8h2rAyoHlZoRLNqDqXYtaQPkMHeAwRT0mLa4+VNEVLg6pxHUUBtUPgQQS1QotMIymTW//B0uaEJKjtAL9n' +
  'IMzboiJ1C04ZR/JYgXeEzp0G9p6zzf7BNecZiBNuUn+cbxAVqbQwfRXqY2AAAAABJRU5ErkJggg==';

/** A fresh copy of the five profiles, their dates relative to `now`. */
export function deviceOwnerSeedProfiles(now: Date = new Date()): Record<string, unknown>[] {
  const at = (days: number) => new Date(now.getTime() + days * DAY_MS).toISOString().replace('Z', '0000Z');
  return [
    profile({
      id: DEVICE_OWNER_SEED_IDS.dedicated,
      displayName: 'Retail kiosks (dedicated)',
      description: 'Locked-down tablets on shop counters, one app each',
      createdDateTime: at(-450),
      lastModifiedDateTime: at(-78),
      enrollmentMode: 'corporateOwnedDedicatedDevice',
      enrolledDeviceCount: 58,
      token: { value: 'sim-token-DEDICATED-5c81e2d4', created: at(-78), expires: at(12) },
      deviceNameTemplate: 'KIOSK-{{SERIALLAST4DIGITS}}',
    }),
    profile({
      id: DEVICE_OWNER_SEED_IDS.fullyManaged,
      displayName: 'Corporate phones (fully managed)',
      description: 'Company phones for office staff',
      createdDateTime: at(-560),
      lastModifiedDateTime: at(-200),
      enrollmentMode: 'corporateOwnedFullyManaged',
      enrolledDeviceCount: 214,
      // A default fully managed token does not expire, per Intune's documentation; shown 65 years out.
      token: { value: 'sim-token-MANAGED-0e9d47b1', created: at(-200), expires: at(-200 + 65 * 365) },
      deviceNameTemplate: null,
      roleScopeTagIds: ['0', '1'],
    }),
    profile({
      id: DEVICE_OWNER_SEED_IDS.corporateOwnedWorkProfile,
      displayName: 'Field sales (corporate-owned work profile)',
      description: 'Company phones with personal use allowed',
      createdDateTime: at(-500),
      lastModifiedDateTime: at(-93),
      enrollmentMode: 'corporateOwnedWorkProfile',
      enrolledDeviceCount: 87,
      token: { value: 'sim-token-COPE-7a2f6c90', created: at(-93), expires: at(-3) },
      deviceNameTemplate: 'SALES-{{USERNAME}}-{{rand:4}}',
    }),
    profile({
      id: DEVICE_OWNER_SEED_IDS.aospUserless,
      displayName: 'Meeting room headsets (AOSP)',
      description: 'Shared headsets without Google services',
      createdDateTime: at(-320),
      lastModifiedDateTime: at(-30),
      enrollmentMode: 'corporateOwnedAOSPUserlessDevice',
      enrollmentTokenUsageCount: 14,
      enrolledDeviceCount: 14,
      token: { value: 'sim-token-AOSP-3b5e9f12', created: at(-30), expires: at(60) },
      wifi: { ssid: 'CONTOSO-DEVICES', password: 'sim-wifi-key-Harbour-7741', securityType: 'wpa', hidden: false },
      deviceNameTemplate: 'XR-{{SERIAL}}',
    }),
    profile({
      id: DEVICE_OWNER_SEED_IDS.aospUserAssociated,
      displayName: 'Lab devices (AOSP, user-associated)',
      description: null,
      createdDateTime: at(-215),
      lastModifiedDateTime: at(-215),
      enrollmentMode: 'corporateOwnedAOSPUserAssociatedDevice',
      enrolledDeviceCount: 0,
      token: null,
      deviceNameTemplate: null,
    }),
  ];
}

interface SeedFields {
  id: string;
  displayName: string;
  description: string | null;
  createdDateTime: string;
  lastModifiedDateTime: string;
  enrollmentMode: string;
  enrollmentTokenUsageCount?: number;
  enrolledDeviceCount: number;
  token: { value: string; created: string; expires: string } | null;
  wifi?: { ssid: string; password: string; securityType: string; hidden: boolean };
  deviceNameTemplate: string | null;
  roleScopeTagIds?: string[];
}

/** All 23 properties, in the metadata's order. */
function profile(seed: SeedFields): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    id: seed.id,
    accountId: SIMULATOR_TENANT_ID,
    displayName: seed.displayName,
    description: seed.description,
    createdDateTime: seed.createdDateTime,
    lastModifiedDateTime: seed.lastModifiedDateTime,
    enrollmentMode: seed.enrollmentMode,
    enrollmentTokenType: 'default',
    enrollmentTokenUsageCount: seed.enrollmentTokenUsageCount ?? 0,
    enrolledDeviceCount: seed.enrolledDeviceCount,
    tokenValue: seed.token?.value ?? null,
    tokenCreationDateTime: seed.token?.created ?? NO_DATE,
    tokenExpirationDateTime: seed.token?.expires ?? NO_DATE,
    qrCodeContent: null,
    qrCodeImage: seed.token ? { type: 'image/png', value: QR_CODE_PNG } : null,
    configureWifi: seed.wifi !== undefined,
    wifiSsid: seed.wifi?.ssid ?? null,
    wifiPassword: seed.wifi?.password ?? null,
    wifiSecurityType: seed.wifi?.securityType ?? 'none',
    wifiHidden: seed.wifi?.hidden ?? false,
    deviceNameTemplate: seed.deviceNameTemplate,
    isTeamsDeviceProfile: false,
    roleScopeTagIds: seed.roleScopeTagIds ?? ['0'],
  };
  // The QR code carries what the simulator's createToken would put in it (the token; for AOSP with Wi-Fi, the key).
  if (seed.token) fields.qrCodeContent = JSON.stringify(provisioningExtras(fields, seed.token.value));
  return fields;
}
