/**
 * The createToken and revokeToken actions as Intune carries them out: a new token with its expiry, the QR code's
 * content (Android's provisioning extras; for AOSP with Wi-Fi, the pre-shared key in plain text, as Intune does)
 * and a real PNG of it; revoking clears all of that.
 */
import { randomInt } from 'node:crypto';
import { AOSP_ENROLLMENT_MODES, type EntitySet, NO_DATE } from './entity-sets.js';
import { intuneMessage } from './graph-responses.js';
import { isObject, valueProblem } from './patch-validation.js';
import { qrLookingPng } from './qr-png.js';

/** An instant as Graph writes it (seven fractional digits) and in milliseconds. */
export interface Instant {
  readonly text: string;
  readonly ms: number;
}

export type ActionCheck = { readonly ok: true } | { readonly ok: false; readonly message: string };

const PARAMETER = 'tokenValidityInSeconds';
const UNREADABLE =
  'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.';

/** Validates the body and, when it is good, mints the token into `profile` (the caller answers 204). */
export function createToken(
  set: EntitySet,
  profile: Record<string, unknown>,
  body: string,
  now: Instant,
  path: string,
): ActionCheck {
  if (body.trim() === '') return refuse('Empty Payload. JSON content expected.');
  let parameters: unknown;
  try {
    parameters = JSON.parse(body);
  } catch {
    return refuse(UNREADABLE);
  }
  if (!isObject(parameters)) return refuse(UNREADABLE);
  const unknown = Object.keys(parameters).find((name) => name !== PARAMETER);
  if (unknown !== undefined) return refuse(notAParameter(unknown, 'createToken'));
  if (!(PARAMETER in parameters)) {
    return refuse(`The parameter '${PARAMETER}' of the operation 'createToken' is required but missing.`);
  }
  const validity = parameters[PARAMETER];
  const problem = valueProblem(PARAMETER, { type: { kind: 'Int32' }, nullable: false }, validity);
  if (problem) return refuse(problem);
  const seconds = Number(validity);
  const limit = set.tokenValidityLimitSeconds(profile);
  if (seconds <= 0 || seconds > limit) {
    const mode = typeof profile.enrollmentMode === 'string' ? ` for enrollmentMode ${profile.enrollmentMode}` : '';
    return refuse(
      intuneMessage(`Invalid ${PARAMETER} ${seconds}: it must be between 1 and ${limit} seconds${mode}`, path),
    );
  }
  const tokenValue = newTokenValue();
  const qrCodeContent = JSON.stringify(provisioningExtras(profile, tokenValue));
  profile.tokenValue = tokenValue;
  if (set.hasTokenCreationDateTime) profile.tokenCreationDateTime = now.text;
  profile.tokenExpirationDateTime = graphTime(now.ms + seconds * 1000);
  profile.qrCodeContent = qrCodeContent;
  profile.qrCodeImage = { type: 'image/png', value: qrLookingPng(qrCodeContent).toString('base64') };
  profile.lastModifiedDateTime = now.text;
  return { ok: true };
}

/** revokeToken takes no parameters; an empty body or `{}` is accepted. */
export function revokeToken(set: EntitySet, profile: Record<string, unknown>, body: string, now: Instant): ActionCheck {
  if (body.trim() !== '') {
    let parameters: unknown;
    try {
      parameters = JSON.parse(body);
    } catch {
      return refuse(UNREADABLE);
    }
    if (!isObject(parameters)) return refuse(UNREADABLE);
    const unknown = Object.keys(parameters)[0];
    if (unknown !== undefined) return refuse(notAParameter(unknown, 'revokeToken'));
  }
  profile.tokenValue = null;
  profile.qrCodeContent = null;
  profile.qrCodeImage = null;
  profile.tokenExpirationDateTime = NO_DATE;
  if (set.hasTokenCreationDateTime) profile.tokenCreationDateTime = NO_DATE;
  // The profile changed, so it is stamped like any other change (the reference is silent on this).
  profile.lastModifiedDateTime = now.text;
  return { ok: true };
}

/** Graph's DateTimeOffset text: ISO 8601 in UTC with seven fractional digits. */
export function graphTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '0000Z');
}

/** Recognisably fake (the tests look for the prefix in anything that should have been redacted) and unique. */
function newTokenValue(): string {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  return `sim-token-${Array.from({ length: 20 }, () => letters[randomInt(letters.length)]).join('')}`;
}

/**
 * Android's provisioning extras, as the QR code a device scans at setup carries them. Google's documented values
 * for Android Enterprise (Android Device Policy); the AOSP ones name Intune's own app and are illustrative: Intune
 * does not document them.
 */
export function provisioningExtras(profile: Record<string, unknown>, token: string): Record<string, unknown> {
  const mode = String(profile.enrollmentMode);
  if (!AOSP_ENROLLMENT_MODES.includes(mode)) {
    return {
      'android.app.extra.PROVISIONING_DEVICE_ADMIN_COMPONENT_NAME':
        'com.google.android.apps.work.clouddpc/.receivers.CloudDeviceAdminReceiver',
      'android.app.extra.PROVISIONING_DEVICE_ADMIN_SIGNATURE_CHECKSUM': 'I5YvS0O5hXY46mb01BlRjq4oJJGs2kuUcHvVkAPEXlg',
      'android.app.extra.PROVISIONING_DEVICE_ADMIN_PACKAGE_DOWNLOAD_LOCATION':
        'https://play.google.com/managed/downloadManagingApp?identifier=setup',
      'android.app.extra.PROVISIONING_ADMIN_EXTRAS_BUNDLE': {
        'com.google.android.apps.work.clouddpc.EXTRA_ENROLLMENT_TOKEN': token,
      },
    };
  }
  const extras: Record<string, unknown> = {
    'android.app.extra.PROVISIONING_DEVICE_ADMIN_COMPONENT_NAME':
      'com.microsoft.windowsintune.companyportal/com.microsoft.omadm.platforms.android.admin.DeviceAdminReceiver',
    'android.app.extra.PROVISIONING_DEVICE_ADMIN_PACKAGE_DOWNLOAD_LOCATION': 'https://aka.ms/intune-aosp-companyportal',
    'android.app.extra.PROVISIONING_DEVICE_ADMIN_SIGNATURE_CHECKSUM': 'c2ltdWxhdG9yLWNvbXBhbnktcG9ydGFsLWNoZWNrc3Vt',
    'android.app.extra.PROVISIONING_ADMIN_EXTRAS_BUNDLE': {
      'com.microsoft.intune.aosp.EXTRA_ENROLLMENT_TOKEN': token,
      'com.microsoft.intune.aosp.EXTRA_USER_ASSOCIATED': mode === 'corporateOwnedAOSPUserAssociatedDevice',
    },
  };
  if (profile.configureWifi === true) {
    extras['android.app.extra.PROVISIONING_WIFI_SSID'] = profile.wifiSsid ?? '';
    extras['android.app.extra.PROVISIONING_WIFI_HIDDEN'] = profile.wifiHidden === true;
    extras['android.app.extra.PROVISIONING_WIFI_SECURITY_TYPE'] = String(
      profile.wifiSecurityType ?? 'none',
    ).toUpperCase();
    if (profile.wifiSecurityType !== 'none')
      extras['android.app.extra.PROVISIONING_WIFI_PASSWORD'] = profile.wifiPassword;
  }
  return extras;
}

function notAParameter(name: string, action: string): string {
  return `The parameter '${name}' in the request payload is not a valid parameter for the operation '${action}'.`;
}

function refuse(message: string): ActionCheck {
  return { ok: false, message };
}
