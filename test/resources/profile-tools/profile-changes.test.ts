import { describe, expect, it } from 'vitest';
import { isDateTimeOffset } from '../../../src/resources/edm.js';
import {
  applyPatch,
  describeChanges,
  listChanges,
  propertiesNotTaken,
  sameInstant,
  sameValue,
} from '../../../src/resources/profile-tools/profile-changes.js';

describe('sameInstant (Graph keeps 100 ns; Date keeps 1 ms)', () => {
  it.each([
    ['2026-10-14T16:42:05.7654321Z', '2026-10-14T16:42:05.7654321Z', true],
    ['2026-10-14T16:42:05.7654321Z', '2026-10-14T09:42:05.7654321-07:00', true],
    ['2026-10-14T16:42:05.5Z', '2026-10-14T16:42:05.5000000Z', true],
    ['2026-10-14T16:42:05.7654321Z', '2026-10-14T16:42:05.7654322Z', false],
    ['2026-10-14T16:42:05Z', '2026-10-14T16:42:06Z', false],
    ['garbage', '2026-10-14T16:42:05Z', false],
  ])('%s vs %s → %s', (a, b, expected) => {
    expect(sameInstant(a, b)).toBe(expected);
  });
});

describe('isDateTimeOffset', () => {
  it.each([
    '2027-01-01T00:00:00Z',
    '2027-01-01T00:00Z',
    '2016-12-31T23:59:54.0590989-08:00',
    '2024-02-29T12:00:00+14:00',
    '2027-01-31T09:00-08:00',
    '2027-01-31T23:59:59+05:30',
  ])('accepts %s', (value) => expect(isDateTimeOffset(value)).toBe(true));
  it.each([
    '2027-01-01T00:00:00',
    '2023-02-29T00:00:00Z',
    '2027-04-31T00:00:00Z',
    '2027-01-01T24:00:00Z',
    '2027-01-01T00:00:00+15:00',
    '27-01-01T00:00:00Z',
    '2027-01-01T23:60:00Z',
    '2027-01-01T23:59:60Z',
    '2027-01-01T12:00:00+05:60',
    '2027-13-01T00:00:00Z',
    '2027-01-00T00:00:00Z',
    '2027-01-01T12:00:00.Z',
    '2027-01-01T12:00:00.1234567890123Z',
    '2027-01-01 12:00:00Z',
  ])('refuses %s', (value) => expect(isDateTimeOffset(value)).toBe(false));
});

describe('listChanges and describeChanges', () => {
  const secrets = ['tokenValue', 'qrCodeContent', 'qrCodeImage.value'];
  const before = {
    displayName: 'Old',
    enrolledDeviceCount: 3,
    tokenValue: 'secret-1',
    description: null,
    qrCodeImage: { type: 'image/png', value: 'AAAA' },
  };
  it('one change per leaf; secret leaves without values unless revealed', () => {
    const patch = {
      displayName: 'New',
      enrolledDeviceCount: 3,
      tokenValue: 'secret-2',
      description: 'd',
      qrCodeImage: { type: 'image/jpeg', value: 'BBBB' },
    };
    const changes = listChanges(before, patch, secrets, false);
    expect(changes).toEqual([
      { property: 'displayName', from: 'Old', to: 'New', secret: false },
      { property: 'enrolledDeviceCount', from: 3, to: 3, secret: false },
      { property: 'tokenValue', secret: true },
      { property: 'description', from: null, to: 'd', secret: false },
      { property: 'qrCodeImage.type', from: 'image/png', to: 'image/jpeg', secret: false },
      { property: 'qrCodeImage.value', secret: true },
    ]);
    expect(describeChanges(changes)).toEqual([
      'displayName: "Old" → "New"',
      'enrolledDeviceCount: 3 (unchanged)',
      'tokenValue: (secret: not shown)',
      'description: null → "d"',
      'qrCodeImage.type: "image/png" → "image/jpeg"',
      'qrCodeImage.value: (secret: not shown)',
    ]);
    expect(describeChanges(listChanges(before, patch, secrets, true))).toContain('tokenValue: "secret-1" → "secret-2"');
  });
  it('applyPatch replaces whole values and keeps the rest', () => {
    expect(applyPatch({ a: 1, q: { type: 'x', value: 'y' } }, { q: null })).toEqual({ a: 1, q: null });
  });
});

describe('sameValue and propertiesNotTaken (verifying a write)', () => {
  it.each([
    ['2027-01-31T17:00:00Z', '2027-01-31T17:00:00.0000000Z', true],
    [['0', '1'], ['1', '0'], true],
    [['0', '1'], ['0'], false],
    [{ type: 'a', value: 'b' }, { type: 'a', value: 'b', extra: null }, true],
    ['Kiosk', 'kiosk', false],
    [null, undefined, true],
    [5, 5, true],
  ])('%j vs %j → %s', (a, b, expected) => expect(sameValue(a, b)).toBe(expected));
  it('names what Graph did not keep', () => {
    expect(propertiesNotTaken({ displayName: 'A', tokenValue: 'x' }, { displayName: 'A', tokenValue: 'old' })).toEqual([
      'tokenValue',
    ]);
  });
});
