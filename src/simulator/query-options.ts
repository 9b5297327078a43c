/** The OData query options the simulator understands: $select on items and collections, a narrow $filter. */
import { ENROLLMENT_MODES, type EntitySet } from './entity-sets.js';

export type Selection =
  | { readonly ok: true; readonly properties: readonly string[] | undefined }
  | { readonly ok: false; readonly message: string };

/**
 * `$select=a,b`: the canonical property names, `id` first and always; undefined when nothing is selected (or `*`).
 * Graph matches the names without regard to case.
 */
export function parseSelect(set: EntitySet, query: URLSearchParams): Selection {
  const raw = query.get('$select');
  if (raw === null || raw.trim() === '') return { ok: true, properties: undefined };
  const names = raw.split(',').map((name) => name.trim());
  if (names.includes('*')) return { ok: true, properties: undefined };
  const known = Object.keys(set.properties);
  const selected = ['id'];
  for (const name of names) {
    const canonical = known.find((property) => property.toLowerCase() === name.toLowerCase());
    if (!canonical) {
      return {
        ok: false,
        message: `Could not find a property named '${name}' on type 'microsoft.graph.${set.typeName}'.`,
      };
    }
    if (!selected.includes(canonical)) selected.push(canonical);
  }
  return { ok: true, properties: selected };
}

export type Filter =
  | { readonly ok: true; readonly matches: (profile: Record<string, unknown>) => boolean }
  | { readonly ok: false; readonly message: string };

/** Only `enrollmentMode eq '<mode>'`, and only on a set that has that property; anything else is refused. */
export function parseFilter(set: EntitySet, query: URLSearchParams): Filter {
  const raw = query.get('$filter');
  if (raw === null) return { ok: true, matches: () => true };
  const mode = /^\s*enrollmentMode\s+eq\s+'([^']*)'\s*$/.exec(raw)?.[1];
  if (!set.filterableByEnrollmentMode || mode === undefined) return { ok: false, message: 'Invalid filter clause' };
  if (!(ENROLLMENT_MODES as readonly string[]).includes(mode)) {
    return {
      ok: false,
      message: `Invalid filter clause: the string '${mode}' is not a valid enumerated type constant of 'microsoft.graph.androidDeviceOwnerEnrollmentMode'.`,
    };
  }
  return { ok: true, matches: (profile) => profile.enrollmentMode === mode };
}

/** The profile as an answer shows it: only the selected properties (all without $select), `hidden` ones as null. */
export function project(
  profile: Record<string, unknown>,
  selected: readonly string[] | undefined,
  hidden: readonly string[],
): Record<string, unknown> {
  const shown: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(profile)) {
    if (selected && !selected.includes(name)) continue;
    shown[name] = hidden.includes(name) ? null : value;
  }
  for (const name of selected ?? []) if (!(name in shown)) shown[name] = null; // Graph shows an unset property as null
  return shown;
}
