/**
 * The lost-update guard: `expectedLastModifiedDateTime` is the profile's lastModifiedDateTime as the agent read it;
 * the update goes ahead only while Graph still says the same. Graph writes 7 fractional digits; agents (and
 * JavaScript's Date) often keep 3, so a value rounded or truncated to its own precision still matches, while a value
 * too coarse to tell is refused as such, never as "changed".
 */
import { parseInstant } from './profile-changes.js';

export type GuardVerdict =
  | { readonly kind: 'same' }
  | { readonly kind: 'changed'; readonly actual: string | undefined }
  | { readonly kind: 'too-coarse'; readonly digits: number; readonly actual: string };

/** Fewer fractional digits than this cannot tell two edits in the same second apart. */
const MIN_DIGITS = 3;
const TICK_DIGITS = 7;

export function checkGuard(expected: string, actual: string | undefined): GuardVerdict {
  const want = parseInstant(expected);
  const have = actual === undefined ? undefined : parseInstant(actual);
  if (!want || !have || actual === undefined) return { kind: 'changed', actual };
  if (want.ticks === have.ticks) return { kind: 'same' };
  if (want.digits >= TICK_DIGITS) return { kind: 'changed', actual };
  if (want.digits < MIN_DIGITS) {
    // Equal to the second (or the tenth) is no evidence: refuse, saying why.
    return { kind: 'too-coarse', digits: want.digits, actual };
  }
  const unit = 10n ** BigInt(TICK_DIGITS - want.digits);
  const truncated = have.ticks - (have.ticks % unit);
  const rounded = truncated + ((have.ticks % unit) * 2n >= unit ? unit : 0n);
  return want.ticks === truncated || want.ticks === rounded ? { kind: 'same' } : { kind: 'changed', actual };
}

/** `afterAttempt`: the refusal comes from the re-check before a retry, so a PATCH was sent (and not taken). */
export function describeGuardRefusal(
  expected: string,
  verdict: GuardVerdict,
  readTool: string,
  afterAttempt = false,
): string {
  const nothing = afterAttempt ? 'Nothing more was sent' : 'Nothing was sent';
  if (verdict.kind === 'too-coarse') {
    return `Refused: expectedLastModifiedDateTime ${expected} has ${verdict.digits} fractional digit(s), too coarse to tell whether the profile changed (Graph's lastModifiedDateTime is ${verdict.actual}). ${nothing}. Pass lastModifiedDateTime exactly as ${readTool} returned it (at least 3 fractional digits).`;
  }
  const actual = verdict.kind === 'changed' ? (verdict.actual ?? '(not set)') : expected;
  return `Refused: the profile changed since it was read. expectedLastModifiedDateTime is ${expected}, but Graph says lastModifiedDateTime is ${actual}. ${nothing}. Read the profile again (${readTool}), check the changes, and retry with the new value.`;
}
