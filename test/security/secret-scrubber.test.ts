/**
 * The scrubber removes secrets and nothing else: registered values in every form they travel in, enrollment token
 * values the server saw, and token-shaped text; ordinary prose comes out as it went in.
 */
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  ENROLLMENT_MARKER,
  forgetSecret,
  formsOf,
  looksLikeCredential,
  MAX_ENROLLMENT_SECRETS,
  mayHoldSecrets,
  registerEnrollmentSecret,
  registerSecret,
  resetSecrets,
  revealEnrollmentSecrets,
  SECRET_MARKER,
  scrubSecrets,
  scrubSecretsDeep,
  scrubSecretsFromLog,
} from '../../src/security/secret-scrubber.js';

const S = SECRET_MARKER;
beforeEach(() => resetSecrets());

describe('prose stays as it is', () => {
  it.each([
    'Bearer tokens rotate monthly',
    'bearer token authentication is configured in Entra',
    'Use Bearer token-based auth for the kiosk fleet.',
    'Basic settings for the Store-01 devices',
    'BASIC enrollment, then Bearer authentication.',
    'Bearer supercalifragilisticexpialidocious',
    'The bearer of this device is the store manager (Bearer 2FA)',
    'Kiosks in every store: see https://contoso.example/a.b.c and eyjafjallajokull.volcano.example',
  ])('%j', (text) => {
    expect(scrubSecrets(text)).toBe(text);
  });
});

describe('token shapes', () => {
  it.each([
    ['Authorization: Bearer 2YotnFZFEjr1zCsicMWpAA', `Authorization: Bearer ${S}`],
    ['bearer mF_9.B5f-4.1JqM', `bearer ${S}`], // RFC 6750's example
    ['Bearer abc123def.', `Bearer ${S}.`],
    ['Proxy-Authorization: Basic c3ZjLWludHVuZTpQcjB4eS1QYXNz', `Proxy-Authorization: Basic ${S}`],
    ['Bearer AbCdEfGhIjKlMnOpQrStUvWx', `Bearer ${S}`],
    ['Bearer opaque_token_without_digits_x', `Bearer ${S}`],
    ['token eyJ0eXAiOiJKV1QifQ.eyJhdWQiOiJncmFwaCJ9.c2lnbmF0dXJl in text', `token ${S} in text`],
    ['a JWE eyJhbGciOiJSU0EifQ.ZW5jcnlwdGVk.aXYxMjM0.Y2lwaGVy.dGFnMTIz end', `a JWE ${S} end`],
  ])('%j', (text, expected) => {
    expect(scrubSecrets(text)).toBe(expected);
  });

  it.each([
    ['tokens', false],
    ['token-based', false],
    ['authentication', false],
    ['JavaScriptObjectNotation', false],
    ['abc123def', true],
    ['2YotnFZFEjr1zCsicMWpAA', true],
    ['c3ZjLWludHVuZTpQcjB4eS1QYXNz', true],
    ['aaaaaaaaaaaaaaaaaaaa/b', true],
  ])('looksLikeCredential(%j) is %s', (word, expected) => {
    expect(looksLikeCredential(word)).toBe(expected);
  });
});

describe('registered secrets', () => {
  const SECRET = 'Qx8~s3cr3t"Value\\For/Tests';

  it('are replaced as they are, and forgotten on request', () => {
    registerSecret(SECRET);
    expect(scrubSecrets(`secret=${SECRET}; again ${SECRET}`)).toBe(`secret=${S}; again ${S}`);
    forgetSecret(SECRET);
    expect(scrubSecrets(`secret=${SECRET}`)).toBe(`secret=${SECRET}`);
  });

  it('ignores values too short to be secrets, and blank ones', () => {
    registerSecret('abc');
    registerSecret('   ');
    registerSecret(undefined);
    expect(scrubSecrets('abc is fine')).toBe('abc is fine');
  });

  it.each([
    ['JSON-escaped', JSON.stringify({ error: { message: `echo ${SECRET}` } })],
    ['JSON-escaped with \\/', JSON.stringify({ m: SECRET }).replaceAll('/', '\\/')],
    ['JSON inside a JSON string', JSON.stringify({ body: JSON.stringify({ m: SECRET }) })],
    [
      '\\u-escaped (System.Text.Json)',
      `{"m":"${SECRET.replace(/[^A-Za-z0-9]/g, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`)}"}`,
    ],
    ['percent-encoded', `https://x.example/cb?client_secret=${encodeURIComponent(SECRET)}&a=1`],
    [
      'percent-encoded, lower-case hex',
      `q=${encodeURIComponent(SECRET).replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase())}`,
    ],
    ['form-encoded', new URLSearchParams({ client_secret: SECRET, scope: 'x' }).toString()],
    ['base64', `blob ${Buffer.from(SECRET).toString('base64')} end`],
    ['base64url', `blob ${Buffer.from(SECRET).toString('base64url')} end`],
    ['base64 inside a Basic credential (offset 1)', Buffer.from(`a:${SECRET}`).toString('base64')],
    ['base64 inside a Basic credential (offset 2)', Buffer.from(`ab:${SECRET}`).toString('base64')],
    ['base64 inside a Basic credential (offset 0)', Buffer.from(`abc:${SECRET}!`).toString('base64')],
  ])('are found %s', (_label, text) => {
    registerSecret(SECRET);
    const scrubbed = scrubSecrets(text);
    expect(scrubbed).toContain(S);
    // No recognisable piece of the secret, in any of its forms, is left.
    for (const piece of ['s3cr3t', 'For', 'Value']) expect(scrubbed).not.toContain(piece);
    expect(scrubbed).not.toContain(Buffer.from(SECRET).toString('base64').slice(4, 16));
  });

  it('as an object key, at any depth', () => {
    registerSecret(SECRET);
    const scrubbed = scrubSecretsDeep({ [SECRET]: 1, nested: [{ [`key ${SECRET}`]: SECRET, ok: 'fine' }] });
    expect(scrubbed).toEqual({ [S]: 1, nested: [{ [`key ${S}`]: S, ok: 'fine' }] });
    expect(JSON.stringify(scrubbed)).not.toContain('s3cr3t');
  });
});

describe('enrollment token values seen by the server', () => {
  const TOKEN = 'ENROLL-4f6e1b2c9d8a7f3e';

  it('are scrubbed everywhere once registered', () => {
    expect(scrubSecrets(`description: use ${TOKEN}`)).toBe(`description: use ${TOKEN}`);
    registerEnrollmentSecret(TOKEN);
    expect(scrubSecrets(`description: use ${TOKEN}`)).toBe(`description: use ${ENROLLMENT_MARKER}`);
    expect(scrubSecretsDeep({ qrCodeContent: JSON.stringify({ token: TOKEN }) })).toEqual({
      qrCodeContent: JSON.stringify({ token: ENROLLMENT_MARKER }),
    });
  });

  it('are shown when the operator reveals enrollment tokens', () => {
    registerEnrollmentSecret(TOKEN);
    revealEnrollmentSecrets(true);
    expect(scrubSecrets(`use ${TOKEN}`)).toBe(`use ${TOKEN}`);
    registerSecret('client-secret-value-1');
    expect(scrubSecrets('client-secret-value-1')).toBe(S); // credentials are never revealed
    revealEnrollmentSecrets(false);
    expect(scrubSecrets(`use ${TOKEN}`)).toBe(`use ${ENROLLMENT_MARKER}`);
  });

  it('stay hidden in diagnostics while revealed in results, including values seen after a log line', () => {
    revealEnrollmentSecrets(true);
    registerEnrollmentSecret(TOKEN);
    expect(scrubSecrets(`use ${TOKEN}`)).toBe(`use ${TOKEN}`);
    expect(scrubSecretsFromLog(`use ${TOKEN}`)).toBe(`use ${ENROLLMENT_MARKER}`);
    registerEnrollmentSecret('ENROLL-second-9a8b7c6d');
    expect(scrubSecretsFromLog('ENROLL-second-9a8b7c6d')).toBe(ENROLLMENT_MARKER);
    registerSecret('client-secret-value-2');
    expect(scrubSecretsFromLog('client-secret-value-2')).toBe(S);
    revealEnrollmentSecrets(false);
    expect(scrubSecrets(`use ${TOKEN}`)).toBe(`use ${ENROLLMENT_MARKER}`);
    expect(scrubSecretsFromLog(`use ${TOKEN}`)).toBe(`use ${ENROLLMENT_MARKER}`);
    resetSecrets();
    expect(scrubSecretsFromLog(`use ${TOKEN}`)).toBe(`use ${TOKEN}`);
  });

  it(`keeps the ${MAX_ENROLLMENT_SECRETS} most recent values`, () => {
    const values = Array.from({ length: MAX_ENROLLMENT_SECRETS + 1 }, (_, i) => `enrollment-token-${1000 + i}`);
    for (const value of values) registerEnrollmentSecret(value);
    registerEnrollmentSecret(values[1]); // seen again: now the most recent
    registerEnrollmentSecret('enrollment-token-new');
    expect(scrubSecrets(values[0] ?? '')).toBe(values[0]); // dropped first
    expect(scrubSecrets(values[2] ?? '')).toBe(values[2]); // dropped next
    expect(scrubSecrets(values[1] ?? '')).toBe(ENROLLMENT_MARKER);
    expect(scrubSecrets(values.at(-1) ?? '')).toBe(ENROLLMENT_MARKER);
    expect(scrubSecrets('enrollment-token-new')).toBe(ENROLLMENT_MARKER);
  });
});

describe('speed', () => {
  it('scrubs a 20 KB result in well under a millisecond, with secrets registered', () => {
    for (let i = 0; i < 6; i++) registerSecret(`registered-secret-value-${i}-0123456789`);
    for (let i = 0; i < MAX_ENROLLMENT_SECRETS; i++) registerEnrollmentSecret(`enrollment-token-value-${i}-abcdef`);
    const text = JSON.stringify(
      Array.from({ length: 60 }, (_, i) => ({
        id: `e6742553-2553-e674-5325-74e6532574e${i % 10}`,
        displayName: `Corporate-owned kiosks ${i}`,
        description: 'Dedicated devices in retail stores; Bearer tokens rotate monthly.',
        lastModifiedDateTime: '2026-10-14T16:42:05.7654321Z',
        tokenValue: '[redacted]',
        qrCodeContent: '[redacted]',
        enrolledDeviceCount: 42,
      })),
      null,
      2,
    );
    expect(text.length).toBeGreaterThan(15_000);
    scrubSecrets(text); // builds the matcher
    const runs = 200;
    const started = performance.now();
    for (let i = 0; i < runs; i++) scrubSecrets(text);
    const perScrubMs = (performance.now() - started) / runs;
    expect(scrubSecrets(text)).toBe(text);
    expect(perScrubMs).toBeLessThan(1);
  });
});

describe('mayHoldSecrets: a value whose JSON text it passes is one scrubSecretsDeep leaves as it is', () => {
  const secrets = ['hunter2-pass/word', 's3cr3t"quoted\\back', 'line\nbreak-secret', 'plain-secret-value-1234'];
  const pieces = fc.constantFrom(
    ...secrets,
    ...secrets.flatMap((secret) => [...formsOf(secret)]),
    'Bearer 2YotnFZFEjr1zCsicMWpAA',
    'basic settings',
    'eyJ0eXAiOiJKV1QifQ.eyJhdWQiOiJncmFwaCJ9.c2lnbmF0dXJl',
    '\n',
    '\t',
    '"',
    '\\',
    'text',
    ' ',
  );
  const text = fc.array(fc.oneof(pieces, fc.string()), { maxLength: 4 }).map((parts) => parts.join(''));
  const value = fc.letrec((tie) => ({
    node: fc.oneof(
      { depthSize: 'small' },
      text,
      fc.integer(),
      fc.constant(null),
      fc.array(tie('node'), { maxLength: 3 }),
      fc.dictionary(text, tie('node'), { maxKeys: 3 }),
    ),
  })).node;

  it.each([false, true])('with enrollment secrets revealed: %s', (reveal) => {
    registerSecret(secrets[0]);
    registerSecret(secrets[1]);
    registerEnrollmentSecret(secrets[2]);
    registerEnrollmentSecret(secrets[3]);
    revealEnrollmentSecrets(reveal);
    let clean = 0;
    fc.assert(
      fc.property(value, (generated) => {
        if (mayHoldSecrets(JSON.stringify(generated))) return;
        clean += 1;
        expect(scrubSecretsDeep(generated)).toEqual(generated);
      }),
      { numRuns: 5000 },
    );
    expect(clean).toBeGreaterThan(500);
  });

  it('finds each secret in the JSON text of a value holding it, in a key or a value', () => {
    for (const secret of secrets) registerSecret(secret);
    for (const secret of secrets) {
      for (const form of formsOf(secret)) {
        expect(mayHoldSecrets(JSON.stringify({ a: `x${form}y` })), form).toBe(true);
        expect(mayHoldSecrets(JSON.stringify({ [`k${form}`]: 1 })), form).toBe(true);
      }
    }
    expect(mayHoldSecrets(JSON.stringify({ a: 'Corporate-owned kiosks', b: 42 }))).toBe(false);
  });
});
