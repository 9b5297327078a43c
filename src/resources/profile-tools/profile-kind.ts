/**
 * What the profile tool factories need to know about one kind of enrollment profile: everything resource-specific is
 * declared here by the resource's own folder (src/resources/<kind>/), and the factories in this folder read it.
 * Agent-facing descriptions are hand-written per kind; the factories take text, they do not generate it.
 */
import type * as z from 'zod';
import type { GraphEntity } from '../../graph/odata.js';
import type { Toolset } from '../../settings.js';

/** The tools every profile kind offers, by role; the names are the kind's own. */
export interface ProfileToolNames {
  readonly list: string;
  readonly get: string;
  readonly update: string;
  readonly preview: string;
  readonly createToken: string;
  readonly revokeToken: string;
}

export type ToolRole = keyof ProfileToolNames;

export interface ToolText {
  readonly title: string;
  readonly description: string;
}

/** The most a token may live for a profile, and why (shown when a request asks for more). */
export interface TokenLimit {
  readonly maxSeconds: number;
  readonly why: string;
}

export interface ProfileKind {
  /** The `profileType` find-expiring-enrollment-tokens reports. */
  readonly profileType: string;
  /** The INTUNE_MCP_TOOLSETS name that offers this kind's tools (one of settings.ts's TOOLSET_NAMES). */
  readonly toolset: Toolset;
  /** The entity set's path under the Graph base URL. */
  readonly collectionPath: string;
  /** "Android for Work enrollment profile": how messages name one. */
  readonly noun: string;
  /** Validates an id before anything is sent; its description tells an agent where ids come from. */
  readonly idSchema: z.ZodType<string>;
  /** The properties a PATCH may carry, with Graph's names and types, minus the key. */
  readonly writableShape: Readonly<Record<string, z.ZodType>>;
  /** Properties Intune sets that a PATCH may not (refused, named as read-only). */
  readonly readOnlyProperties: ReadonlySet<string>;
  /**
   * Secret leaves, as property paths ("tokenValue", "qrCodeImage.value"): anyone holding them can enroll a device or
   * join the Wi-Fi. Redacted in results unless revealed, never compared in previews, placeholders refused in input.
   */
  readonly secretPaths: readonly string[];
  /** Properties Intune maintains (tokens, counts, expiry): accepted by PATCH, but Intune may keep its own value. */
  readonly intuneMaintained: ReadonlySet<string>;
  /** The profile as Graph returns it: tolerant of properties and enum values Graph adds later. */
  readonly profileSchema: z.ZodObject;
  /** Every property the kind declares, for $select where a read must include the token fields. */
  readonly selectAll: readonly string[];
  readonly tools: ProfileToolNames;
  readonly text: Readonly<Record<ToolRole, ToolText>>;
  /** Ceiling on tokenValidityInSeconds for this profile; `needsProfile` when it depends on the profile's mode. */
  tokenLimit(profile: GraphEntity | undefined): TokenLimit;
  /**
   * Rules a change must keep that depend on the profile as it is (a token type only some modes allow): `needsProfile`
   * says whether this patch needs the profile read first; `refuse` returns why the change cannot be made (a reason,
   * which each tool words), if it cannot.
   */
  readonly patchRules?: {
    needsProfile(patch: Readonly<Record<string, unknown>>): boolean;
    refuse(patch: Readonly<Record<string, unknown>>, current: GraphEntity): string | undefined;
  };
  /** Extra list arguments (e.g. enrollmentMode) and the filter they make, applied while paging. */
  readonly listFilters?: {
    readonly shape: Readonly<Record<string, z.ZodType>>;
    keep(input: Record<string, unknown>): ((profile: GraphEntity) => boolean) | undefined;
  };
  /** A short label for a profile in lists and notes (e.g. its enrollment mode). */
  describeProfile?(profile: GraphEntity): string | undefined;
}
