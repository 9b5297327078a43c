import { describe, expect, it } from 'vitest';
import { applyPatch, describeChanges, sameInstant } from '../../src/tools/profile-changes.js';
import { isDateTimeOffset } from '../../src/tools/profile-schema.js';

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
  ])('accepts %s', (value) => expect(isDateTimeOffset(value)).toBe(true));
  it.each([
    '2027-01-01T00:00:00',
    '2023-02-29T00:00:00Z',
    '2027-04-31T00:00:00Z',
    '2027-01-01T24:00:00Z',
    '2027-01-01T00:00:00+15:00',
    '27-01-01T00:00:00Z',
  ])('refuses %s', (value) => expect(isDateTimeOffset(value)).toBe(false));
});

describe('describeChanges', () => {
  const before = { displayName: 'Old', enrolledDeviceCount: 3, tokenValue: 'secret-1', description: null };
  it('lists from → to and hides enrollment-token material unless revealed', () => {
    const patch = { displayName: 'New', enrolledDeviceCount: 3, tokenValue: 'secret-2', description: 'd' };
    expect(describeChanges(before, patch, false)).toEqual([
      'displayName: "Old" → "New"',
      'enrolledDeviceCount: 3 (unchanged)',
      'tokenValue: "[redacted]" → "[redacted]" (secret: not shown)',
      'description: null → "d"',
    ]);
    expect(describeChanges(before, patch, true)).toContain('tokenValue: "secret-1" → "secret-2"');
  });
  it('applyPatch replaces whole values and keeps the rest', () => {
    expect(applyPatch({ a: 1, q: { type: 'x', value: 'y' } }, { q: null })).toEqual({ a: 1, q: null });
  });
});
