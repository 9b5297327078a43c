/**
 * Property-based (fast-check), end to end through the built server: any valid input becomes a PATCH whose body is
 * exactly the input minus `id`; any invalid input is refused and nothing reaches Graph.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { androidForWorkWritableShape } from '../../../src/resources/android-for-work/schema.js';

const WRITABLE_PROPERTIES = Object.keys(androidForWorkWritableShape);

import { textOf } from '../../helpers/mcp-harness.js';
import { useServerOnSimulator } from '../../helpers/server-on-simulator.js';

const ID = 'e6742553-2553-e674-5325-74e6532574e6';
const RUNS = 80;

const t = useServerOnSimulator();

const hexGuid = fc.stringMatching(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/);
const text = (max: number) => fc.string({ unit: 'grapheme', maxLength: max });
const nullableText = (max: number) => fc.option(text(max), { nil: null });
const offsetDate = fc
  .tuple(
    fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true }),
    fc.constantFrom('Z', '+00:00', '-08:00', '+05:30', '+14:00'),
    fc.constantFrom(0, 3, 7),
  )
  .map(([date, zone, digits]) => {
    const [base, fraction = ''] = date.toISOString().slice(0, -1).split('.');
    return digits === 0 ? `${base}${zone}` : `${base}.${fraction.padEnd(digits, '1').slice(0, digits)}${zone}`;
  });
const base64 = fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes).toString('base64'));

const validPatch = fc
  .record(
    {
      accountId: fc.option(hexGuid, { nil: null }),
      displayName: nullableText(200),
      description: nullableText(500),
      tokenValue: nullableText(300),
      tokenExpirationDateTime: offsetDate,
      enrolledDeviceCount: fc.integer({ min: 0, max: 2_147_483_647 }),
      qrCodeContent: nullableText(500),
      qrCodeImage: fc.option(
        fc.record({ type: fc.constantFrom('image/png', 'image/jpeg', 'image/svg+xml'), value: base64 }),
        {
          nil: null,
        },
      ),
    },
    { requiredKeys: [] },
  )
  .filter((patch) => Object.keys(patch).length > 0);

describe('valid input', () => {
  it('PATCH body equals the input minus id', async () => {
    await fc.assert(
      fc.asyncProperty(validPatch, async (patch) => {
        t.sim.requests.length = 0;
        const result = await t.server.call('update-enrollment-profile', { id: ID, ...patch });
        expect(result.isError, textOf(result)).toBeFalsy();
        const sent = t.sim.requestsOf('PATCH');
        expect(sent).toHaveLength(1);
        expect(JSON.parse(sent[0]?.body ?? '')).toEqual(patch);
      }),
      { numRuns: RUNS },
    );
  });
});

const deepObject = fc.integer({ min: 20, max: 200 }).map((depth) => {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = { nested: value };
  return value;
});
const wrongTypeFor = (expected: 'string' | 'integer' | 'object') =>
  fc.oneof(
    ...(expected !== 'string' ? [fc.string()] : []),
    ...(expected !== 'integer' ? [fc.integer()] : []),
    ...(expected !== 'object'
      ? [fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 })]
      : []),
    fc.boolean(),
    fc.array(fc.integer(), { maxLength: 3 }),
    deepObject,
  );
const pathCharacterId = fc
  .tuple(hexGuid, fc.constantFrom('/', '../', '?', '#', '%2F', '\\', ' ', '\u0000', '/..', '%', '&$expand=x'))
  .chain(([guid, bad]) =>
    fc.constantFrom(`${guid}${bad}`, `${bad}${guid}`, `${guid.slice(0, 18)}${bad}${guid.slice(18)}`),
  );
const badDate = fc.oneof(
  fc.constantFrom(
    '2027-01-01T00:00:00',
    '2027-13-01T00:00:00Z',
    '2027-02-30T00:00:00Z',
    '2027-01-01T24:00:00Z',
    '2027-01-01 00:00:00Z',
    '2027-01-01',
    'tomorrow',
    '',
    '2027-01-01T00:00:60Z',
    '2027-01-01T00:00:00+25:00',
  ),
  fc.string({ maxLength: 30 }).filter((s) => !/^\d{4}-/.test(s)),
);
const badBase64 = fc.oneof(
  fc.constantFrom('abc', 'ab=c', '====', 'a===', 'not base64!', 'AAA=A', 'AA==AA==', 'YQ', '😀AAA'),
  fc.string({ minLength: 1, maxLength: 20 }).map((s) => `${s}!`),
);

/** The tool's own arguments (and a key JSON cannot carry as data): an unknown-key case must avoid them. */
const ARGUMENTS = new Set<string>([
  'id',
  ...WRITABLE_PROPERTIES,
  'dryRun',
  'expectedLastModifiedDateTime',
  '__proto__',
]);

/** Each case: some valid-looking call with exactly one thing wrong. */
const invalidInput = fc.oneof(
  pathCharacterId.map((id) => ({ id, displayName: 'x' })),
  fc
    .string({ maxLength: 40 })
    .filter((s) => !/^[0-9a-fA-F-]{36}$/.test(s))
    .map((id) => ({ id, displayName: 'x' })),
  wrongTypeFor('string').map((v) => ({ id: ID, displayName: v })),
  wrongTypeFor('string').map((v) => ({ id: ID, tokenValue: v })),
  wrongTypeFor('integer').map((v) => ({ id: ID, enrolledDeviceCount: v })),
  wrongTypeFor('object').map((v) => ({ id: ID, qrCodeImage: v })),
  fc
    .oneof(
      fc.integer({ min: Number.MIN_SAFE_INTEGER, max: -1 }),
      fc.integer({ min: 2_147_483_648, max: Number.MAX_SAFE_INTEGER }),
      fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Number.isInteger(d)),
    )
    .map((n) => ({ id: ID, enrolledDeviceCount: n })),
  badDate.map((d) => ({ id: ID, tokenExpirationDateTime: d })),
  badBase64.map((value) => ({ id: ID, qrCodeImage: { type: 'image/png', value } })),
  fc.integer({ min: 4097, max: 200_000 }).map((n) => ({ id: ID, displayName: 'x'.repeat(n) })),
  fc.integer({ min: 65_537, max: 300_000 }).map((n) => ({ id: ID, qrCodeContent: 'q'.repeat(n) })),
  fc
    .string({ minLength: 1, maxLength: 20 })
    .filter((k) => !ARGUMENTS.has(k))
    .map((key) => ({ id: ID, displayName: 'x', [key]: 'value' })),
  fc.constantFrom('createdDateTime', 'lastModifiedDateTime').map((key) => ({ id: ID, [key]: '2026-01-01T00:00:00Z' })),
  fc.constant({ id: ID }),
  deepObject.map((v) => ({ id: ID, description: v })),
);

describe('invalid input', () => {
  it('is refused with a message and nothing reaches Graph', async () => {
    await fc.assert(
      fc.asyncProperty(invalidInput, async (args) => {
        const result = await t.server.call('update-enrollment-profile', args);
        expect(result.isError).toBe(true);
        expect(textOf(result)).toContain('nothing was sent to Graph');
        expect(t.sim.requests).toHaveLength(0);
      }),
      { numRuns: RUNS * 2 },
    );
  });
});
