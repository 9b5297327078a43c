/**
 * The simulator's own copy of Graph's contract for the two entity sets: every property with its EDM type and
 * nullability (Graph beta metadata), the enums, and Intune's token lifetimes. Stated here on its own rather than
 * imported from the tools' schemas: a fake that shared the code under test's rules could never catch them being
 * wrong.
 */

export type EdmType =
  | { readonly kind: 'String' | 'Int32' | 'Boolean' | 'DateTimeOffset' | 'mimeContent' | 'StringCollection' }
  | { readonly kind: 'enum'; readonly name: string; readonly members: readonly string[] };

export interface PropertySpec {
  readonly type: EdmType;
  readonly nullable: boolean;
  /**
   * Set by Intune and ignored in a PATCH body. The metadata marks no property read-only and Graph documents no
   * error for these, so the simulator accepts them (type-checked) and keeps its own value rather than invent a
   * "read-only" error Intune was never seen to send.
   */
  readonly ignoredOnPatch?: boolean;
  /** At most this many characters (UTF-16 code units, as .NET counts them). */
  readonly maxLength?: number;
}

export interface EntitySet {
  /** The segment under /deviceManagement. */
  readonly name: string;
  /** The entity type without its namespace, e.g. androidForWorkEnrollmentProfile. */
  readonly typeName: string;
  readonly properties: Readonly<Record<string, PropertySpec>>;
  /** The longest createToken validity Intune accepts for this profile. */
  tokenValidityLimitSeconds(profile: Record<string, unknown>): number;
  /** Whether the set has tokenCreationDateTime (device owner only). */
  readonly hasTokenCreationDateTime: boolean;
  /** Whether `AOSP-<id>` in a path means `<id>` (Microsoft's AOSP sample calls createToken that way). */
  readonly acceptsAospPrefix: boolean;
  /** Whether `$filter=enrollmentMode eq '…'` works on the collection. */
  readonly filterableByEnrollmentMode: boolean;
}

const string = { type: { kind: 'String' }, nullable: true } as const;
const dateTime = { type: { kind: 'DateTimeOffset' }, nullable: false } as const;
const int32 = { type: { kind: 'Int32' }, nullable: false } as const;
const boolean = { type: { kind: 'Boolean' }, nullable: false } as const;
const enumOf = (name: string, members: readonly string[]): PropertySpec => ({
  type: { kind: 'enum', name: `microsoft.graph.${name}`, members },
  nullable: false,
});

/** Common to both sets, in metadata order. */
const PROFILE_PROPERTIES: Readonly<Record<string, PropertySpec>> = {
  id: { type: { kind: 'String' }, nullable: false, ignoredOnPatch: true },
  accountId: string,
  displayName: string,
  description: string,
  createdDateTime: { ...dateTime, ignoredOnPatch: true },
  lastModifiedDateTime: { ...dateTime, ignoredOnPatch: true },
};

export const ENROLLMENT_MODES = [
  'corporateOwnedDedicatedDevice',
  'corporateOwnedFullyManaged',
  'corporateOwnedWorkProfile',
  'corporateOwnedAOSPUserlessDevice',
  'corporateOwnedAOSPUserAssociatedDevice',
] as const;
export const AOSP_ENROLLMENT_MODES: readonly string[] = [
  'corporateOwnedAOSPUserlessDevice',
  'corporateOwnedAOSPUserAssociatedDevice',
];
const ENROLLMENT_TOKEN_TYPES = ['default', 'corporateOwnedDedicatedDeviceWithAzureADSharedMode', 'deviceStaging'];
/** Token types that only some modes may use (reference: "dedicated mode only", "fully managed and COPE only"). */
export const TOKEN_TYPE_MODES: Readonly<Record<string, readonly string[]>> = {
  corporateOwnedDedicatedDeviceWithAzureADSharedMode: ['corporateOwnedDedicatedDevice'],
  deviceStaging: ['corporateOwnedFullyManaged', 'corporateOwnedWorkProfile'],
};

/** 90 days: Android for Work (Microsoft's sample calls it the maximum) and AOSP ("replaced at least every 90 days"). */
const NINETY_DAYS = 7_776_000;
/** 65 years: dedicated, fully managed and COPE tokens. */
const SIXTY_FIVE_YEARS = 2_049_840_000;

export const ANDROID_FOR_WORK: EntitySet = {
  name: 'androidForWorkEnrollmentProfiles',
  typeName: 'androidForWorkEnrollmentProfile',
  properties: {
    ...PROFILE_PROPERTIES,
    tokenValue: string,
    tokenExpirationDateTime: dateTime,
    enrolledDeviceCount: int32,
    qrCodeContent: string,
    qrCodeImage: { type: { kind: 'mimeContent' }, nullable: true },
  },
  tokenValidityLimitSeconds: () => NINETY_DAYS,
  hasTokenCreationDateTime: false,
  acceptsAospPrefix: false,
  filterableByEnrollmentMode: false,
};

export const ANDROID_DEVICE_OWNER: EntitySet = {
  name: 'androidDeviceOwnerEnrollmentProfiles',
  typeName: 'androidDeviceOwnerEnrollmentProfile',
  properties: {
    ...PROFILE_PROPERTIES,
    enrollmentMode: enumOf('androidDeviceOwnerEnrollmentMode', ENROLLMENT_MODES),
    enrollmentTokenType: enumOf('androidDeviceOwnerEnrollmentTokenType', ENROLLMENT_TOKEN_TYPES),
    enrollmentTokenUsageCount: int32,
    enrolledDeviceCount: int32,
    tokenValue: string,
    tokenCreationDateTime: dateTime,
    tokenExpirationDateTime: dateTime,
    qrCodeContent: string,
    qrCodeImage: { type: { kind: 'mimeContent' }, nullable: true },
    configureWifi: boolean,
    wifiSsid: string,
    wifiPassword: string,
    wifiSecurityType: enumOf('aospWifiSecurityType', ['none', 'wpa', 'wep']),
    wifiHidden: boolean,
    deviceNameTemplate: { ...string, maxLength: 63 },
    isTeamsDeviceProfile: boolean,
    roleScopeTagIds: { type: { kind: 'StringCollection' }, nullable: true },
  },
  tokenValidityLimitSeconds: (profile) =>
    AOSP_ENROLLMENT_MODES.includes(String(profile.enrollmentMode)) ? NINETY_DAYS : SIXTY_FIVE_YEARS,
  hasTokenCreationDateTime: true,
  acceptsAospPrefix: true,
  filterableByEnrollmentMode: true,
};

export const ENTITY_SETS: readonly EntitySet[] = [ANDROID_FOR_WORK, ANDROID_DEVICE_OWNER];

/** The properties the token actions produce: hidden in some answers unless asked for with $select. */
export const TOKEN_FIELDS = ['tokenValue', 'qrCodeContent', 'qrCodeImage'] as const;

/** DateTimeOffset.MinValue, what Intune shows when there is no token. */
export const NO_DATE = '0001-01-01T00:00:00Z';
