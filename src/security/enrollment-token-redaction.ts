/**
 * The enrollment token (`tokenValue`, `qrCodeContent`, `qrCodeImage.value`) lets anyone who holds it enroll a device
 * into the tenant, and tool results end up in agent transcripts, chat logs and model context. So results and logs
 * carry a fixed marker in its place unless the operator sets INTUNE_MCP_REVEAL_ENROLLMENT_TOKENS=true. The property
 * stays, so the shape of the profile does not change; a null stays null (there is nothing to hide).
 */

export const REDACTED = '[redacted]';

type Json = Record<string, unknown>;

export function redactEnrollmentToken<T extends Json>(profile: T): T {
  const copy: Json = { ...profile };
  // Whatever shape Graph sends them in (a string, a number, an object), the values are hidden; only null is kept.
  for (const key of ['tokenValue', 'qrCodeContent'] as const) {
    if (isPresent(copy[key])) copy[key] = REDACTED;
  }
  const image = copy.qrCodeImage;
  if (image && typeof image === 'object' && !Array.isArray(image)) {
    if (isPresent((image as Json).value)) copy.qrCodeImage = { ...(image as Json), value: REDACTED };
  } else if (isPresent(image)) {
    copy.qrCodeImage = REDACTED;
  }
  return copy as T;
}

function isPresent(value: unknown): boolean {
  return value !== null && value !== undefined;
}
