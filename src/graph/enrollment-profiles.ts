/**
 * The Graph operations on Android for Work enrollment profiles (beta). Typed calls over GraphClient that know the
 * resource's URLs and its quirks, and nothing about MCP.
 * https://learn.microsoft.com/graph/api/resources/intune-androidforwork-androidforworkenrollmentprofile
 */
import type { GraphCallOptions, GraphClient, GraphResult } from './graph-client.js';
import {
  GraphCallError,
  GraphInvalidResponseError,
  GraphReadBackError,
  GraphResponseTooLargeError,
} from './graph-errors.js';

export type GraphProfile = Record<string, unknown> & { id: string };

/** The properties a PATCH carries: exactly what the caller gave, never `id` (see tools/profile-schema.ts). */
export type EnrollmentProfilePatch = Readonly<Record<string, unknown>>;

const COLLECTION_PATH = '/deviceManagement/androidForWorkEnrollmentProfiles';

/** Pages read at most in one list call: a Graph that keeps sending nextLinks must not keep us reading forever. */
export const MAX_PAGES = 1000;

export interface ProfilePage {
  readonly profiles: GraphProfile[];
  readonly nextLink?: string;
  /**
   * Why the paging stopped: `top` profiles were found, the pages ran out, the next page is on another origin (not
   * followed: the request would carry our token there), or the page limit (MAX_PAGES, or a nextLink seen before).
   */
  readonly stoppedBy: 'top' | 'end' | 'foreign-origin' | 'page-limit';
}

export interface ListOptions extends GraphCallOptions {
  /** Stop once this many profiles (after the filter) are collected. */
  readonly top: number;
  /** Keep only profiles whose displayName contains this, ignoring case. */
  readonly displayNameContains?: string;
}

export class EnrollmentProfilesApi {
  constructor(private readonly graph: GraphClient) {}

  async get(id: string, call: GraphCallOptions = {}): Promise<GraphProfile> {
    return asProfile(await this.graph.request('GET', itemPath(id), undefined, withNotFoundHint(id, call)));
  }

  /**
   * PATCH, then return the whole updated profile. The docs promise 200 with the profile, but Intune endpoints are
   * widely observed answering 204 No Content (or 200 with an empty body, or one without the profile's id): then read
   * the profile back. A read-back that fails is reported as such: the change itself was applied.
   */
  async update(id: string, patch: EnrollmentProfilePatch, call: GraphCallOptions = {}): Promise<GraphProfile> {
    const { body, status } = await this.patch(id, patch, call);
    if (body && typeof body.id === 'string') return stripODataControl(body) as GraphProfile;
    try {
      return await this.get(id, call);
    } catch (error) {
      throw error instanceof GraphCallError ? new GraphReadBackError(status, error) : error;
    }
  }

  /** The PATCH itself. A 2xx whose body is unusable (not JSON, or oversized) still means Graph accepted the change. */
  private async patch(
    id: string,
    patch: EnrollmentProfilePatch,
    call: GraphCallOptions,
  ): Promise<{ body?: Record<string, unknown>; status: number }> {
    try {
      return await this.graph.request('PATCH', itemPath(id), patch, withNotFoundHint(id, call));
    } catch (error) {
      // An unusable or oversized body under a 2xx status: Graph accepted the change all the same.
      const accepted =
        (error instanceof GraphInvalidResponseError || error instanceof GraphResponseTooLargeError) &&
        error.status >= 200 &&
        error.status < 300;
      if (accepted) return { status: error.status };
      throw error;
    }
  }

  /** Follows @odata.nextLink until `top` profiles are found or the pages run out. */
  async list(options: ListOptions): Promise<ProfilePage> {
    const needle = options.displayNameContains?.toLowerCase();
    const profiles: GraphProfile[] = [];
    const followed = new Set<string>();
    let next: string | undefined = COLLECTION_PATH;
    for (;;) {
      if (profiles.length >= options.top) return profilePage(profiles, options.top, next, 'top');
      if (next === undefined) return profilePage(profiles, options.top, next, 'end');
      if (!this.graph.canSendTo(next)) return profilePage(profiles, options.top, next, 'foreign-origin');
      if (followed.has(next) || followed.size >= MAX_PAGES)
        return profilePage(profiles, options.top, next, 'page-limit');
      followed.add(next);
      const current = asPage(await this.graph.request('GET', next, undefined, options));
      for (const profile of current.value) {
        const name = typeof profile.displayName === 'string' ? profile.displayName.toLowerCase() : '';
        if (needle === undefined || name.includes(needle)) profiles.push(profile);
      }
      next = current.nextLink;
    }
  }
}

function itemPath(id: string): string {
  // Validated as a GUID before it gets here; encoded regardless, so nothing can ever reach another path.
  return `${COLLECTION_PATH}/${encodeURIComponent(id)}`;
}

function withNotFoundHint(id: string, call: GraphCallOptions): GraphCallOptions {
  return {
    ...call,
    notFoundHint: `no Android for Work enrollment profile has id ${id} in this tenant. Use list-enrollment-profiles to find the right id.`,
  };
}

function profilePage(
  profiles: GraphProfile[],
  top: number,
  nextLink: string | undefined,
  stoppedBy: ProfilePage['stoppedBy'],
): ProfilePage {
  return { profiles: profiles.slice(0, top), stoppedBy, ...(nextLink !== undefined && { nextLink }) };
}

/**
 * OData control information describes the payload, not the profile: `@odata.context`, `@odata.type`, and property
 * annotations such as `displayName@odata.type`, at any depth (qrCodeImage carries its own `@odata.type`).
 */
function stripODataControl(body: Record<string, unknown>): Record<string, unknown> {
  const profile: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (key.includes('@odata.')) continue;
    profile[key] =
      value && typeof value === 'object' && !Array.isArray(value)
        ? stripODataControl(value as Record<string, unknown>)
        : value;
  }
  return profile;
}

function asProfile({ body, status, clientRequestId, requestId }: GraphResult): GraphProfile {
  if (!body || typeof body.id !== 'string') {
    throw new GraphInvalidResponseError(
      status,
      'expected an enrollment profile with an id',
      clientRequestId,
      requestId,
    );
  }
  return stripODataControl(body) as GraphProfile;
}

function asPage({ body, status, clientRequestId, requestId }: GraphResult): {
  value: GraphProfile[];
  nextLink?: string;
} {
  const value = body?.value;
  if (!Array.isArray(value)) {
    throw new GraphInvalidResponseError(
      status,
      'expected a collection with a "value" array',
      clientRequestId,
      requestId,
    );
  }
  const profiles = value
    .filter((item): item is Record<string, unknown> => Boolean(item) && typeof item === 'object')
    .map((item) => stripODataControl(item) as GraphProfile);
  const nextLink = body?.['@odata.nextLink'];
  return { value: profiles, ...(typeof nextLink === 'string' && nextLink !== '' && { nextLink }) };
}
