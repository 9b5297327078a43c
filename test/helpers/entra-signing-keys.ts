/**
 * The fake Entra ID's token signing keys and the access tokens it signs with them: RS256 JWTs made with node:crypto
 * (not with jose, which the server under test verifies with), published as a JWKS the way Entra publishes them at
 * {authority}/{tenant}/discovery/v2.0/keys, and rolled over the way Entra rolls them (a new key, then the old one
 * leaves).
 */
import { createPrivateKey, createSign, generateKeyPairSync, type KeyObject, randomBytes } from 'node:crypto';

export interface SigningKey {
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly jwk: Record<string, unknown>;
}

export function newSigningKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomBytes(12).toString('base64url');
  const { n, e } = publicKey.export({ format: 'jwk' });
  // As Entra publishes them: no alg, use "sig", an x5t alongside the kid.
  return { kid, privateKey, jwk: { kty: 'RSA', use: 'sig', kid, x5t: kid, n, e } };
}

/** A compact JWS, RS256 (or unsigned with `alg: none`), with this header and payload. */
export function signJwt(
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
  key: KeyObject | undefined,
): string {
  const encode = (part: unknown) => Buffer.from(JSON.stringify(part)).toString('base64url');
  const input = `${encode(header)}.${encode(payload)}`;
  if (header.alg === 'none' || !key) return `${input}.`;
  const signature = createSign('RSA-SHA256').update(input).sign(key).toString('base64url');
  return `${input}.${signature}`;
}

/** The parts of a JWT, undecoded signature aside; no check. */
export function decodeJwt(token: string): { header: Record<string, unknown>; payload: Record<string, unknown> } {
  const [header = '', payload = ''] = token.split('.');
  const parse = (part: string) => {
    try {
      return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
    } catch {
      return {};
    }
  };
  return { header: parse(header), payload: parse(payload) };
}

/** A key pair no one publishes: what a forger signs with. */
export function strangerKey(): KeyObject {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return createPrivateKey(privateKey.export({ format: 'pem', type: 'pkcs8' }));
}
