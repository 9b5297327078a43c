/**
 * What an update changes and what it did: the profile after a patch, one change per leaf ("qrCodeImage.type" apart
 * from "qrCodeImage.value"), and the check that Graph kept each value sent. Values are compared the way Graph means
 * them: instants to 100 ns, scope-tag lists as sets, strings exactly.
 */
import { isObject, valueAt } from './secret-paths.js';

type Json = Record<string, unknown>;

export interface Change {
  readonly property: string;
  readonly from?: unknown;
  readonly to?: unknown;
  /** A secret leaf: listed without its values, so "unchanged" cannot become an oracle for guessing it. */
  readonly secret: boolean;
}

/** PATCH semantics: each given property replaces the current value whole (qrCodeImage included); null clears. */
export function applyPatch<T extends Json>(profile: T, patch: Json): T {
  return { ...profile, ...patch };
}

/** The leaf paths a patch sets: a complex value (mimeContent) by each of its keys, anything else as itself. */
export function patchLeaves(before: Json, patch: Json): string[] {
  const leaves: string[] = [];
  for (const [key, value] of Object.entries(patch)) {
    const previous = before[key];
    if (isObject(value) || isObject(previous)) {
      const keys = new Set([
        ...Object.keys(isObject(previous) ? previous : {}),
        ...Object.keys(isObject(value) ? value : {}),
      ]);
      for (const leaf of keys) leaves.push(`${key}.${leaf}`);
      if (keys.size === 0) leaves.push(key);
    } else {
      leaves.push(key);
    }
  }
  return leaves;
}

export function listChanges(before: Json, patch: Json, secretPaths: readonly string[], reveal: boolean): Change[] {
  const after = applyPatch(before, patch);
  return patchLeaves(before, patch).map((property) => {
    const from = valueAt(before, property);
    const to = valueAt(after, property);
    // A secret that is unset before and after hides nothing: null is not a secret.
    const unset = (from === null || from === undefined) && (to === null || to === undefined);
    if (!reveal && !unset && isSecretPath(property, secretPaths)) return { property, secret: true };
    return { property, from: from ?? null, to: to ?? null, secret: false };
  });
}

export function isSecretPath(path: string, secretPaths: readonly string[]): boolean {
  return (
    secretPaths.includes(path) || secretPaths.some((secret) => secret.startsWith(`${path}.`) && !path.includes('.'))
  );
}

/** "property: from → to" lines for a person; secret leaves say only that they are set. */
export function describeChanges(changes: readonly Change[]): string[] {
  return changes.map((change) => {
    if (change.secret) return `${change.property}: (secret: not shown)`;
    const from = JSON.stringify(change.from);
    const to = JSON.stringify(change.to);
    return sameValue(change.from, change.to)
      ? `${change.property}: ${from} (unchanged)`
      : `${change.property}: ${from} → ${to}`;
  });
}

/** The properties of a patch that the updated profile does not hold as sent. */
export function propertiesNotTaken(patch: Json, updated: Json): string[] {
  return Object.keys(patch).filter((key) => !sameValue(patch[key], updated[key]));
}

/** Graph's equality: instants to 100 ns, arrays as sets, objects leaf by leaf, everything else exactly. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if ((a === null || a === undefined) && (b === null || b === undefined)) return true;
  if (typeof a === 'string' && typeof b === 'string') return sameInstant(a, b);
  if (Array.isArray(a) && Array.isArray(b)) {
    const left = new Set(a.map((item) => JSON.stringify(item)));
    const right = new Set(b.map((item) => JSON.stringify(item)));
    return left.size === right.size && [...left].every((item) => right.has(item));
  }
  if (isObject(a) && isObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((key) => sameValue(a[key], b[key]));
  }
  return false;
}

const INSTANT = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?)(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/;

/** Two texts naming the same instant, at Graph's 100 ns precision (Graph writes 7 fractional digits; Date keeps 3). */
export function sameInstant(a: string, b: string): boolean {
  if (a === b) return true;
  const ta = ticks(a);
  return ta !== undefined && ta === ticks(b);
}

/** An instant in 100 ns ticks, and how many fractional digits the text gave. */
export function parseInstant(value: string): { ticks: bigint; digits: number } | undefined {
  const match = INSTANT.exec(value.trim());
  if (!match) return undefined;
  const [, head, fraction = '', zone] = match;
  const millis = Date.parse(`${head}${zone}`);
  if (Number.isNaN(millis)) return undefined;
  const subSecondTicks = BigInt(fraction.padEnd(7, '0').slice(0, 7));
  return { ticks: BigInt(Math.floor(millis / 1000)) * 10_000_000n + subSecondTicks, digits: fraction.length };
}

function ticks(value: string): bigint | undefined {
  return parseInstant(value)?.ticks;
}
