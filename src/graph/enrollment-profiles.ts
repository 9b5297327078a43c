/**
 * The Graph operations on Android for Work enrollment profiles (beta). Typed calls over GraphClient that know the
 * resource's URLs and its quirks, and nothing about MCP.
 * https://learn.microsoft.com/graph/api/resources/intune-androidforwork-androidforworkenrollmentprofile
 */
import type { GraphCallOptions, GraphClient, GraphResult } from './graph-client.js';
import { GraphInvalidResponseError } from './graph-errors.js';

export type GraphProfile = Record<string, unknown> & { id: string };

const COLLECTION_PATH = '/deviceManagement/androidForWorkEnrollmentProfiles';

export interface ProfilePage {
  readonly profiles: GraphProfile[];
  readonly nextLink?: string;
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
   * widely observed answering 204 No Content (or 200 with an empty or partial body): then read the profile back.
   */
  async update(id: string, patch: Record<string, unknown>, call: GraphCallOptions = {}): Promise<GraphProfile> {
    const { body } = await this.graph.request('PATCH', itemPath(id), patch, withNotFoundHint(id, call));
    if (body && typeof body.id === 'string') return stripODataControl(body) as GraphProfile;
    return this.get(id, call);
  }

  /** Follows @odata.nextLink until `top` profiles are found or the pages run out. */
  async list(options: ListOptions): Promise<ProfilePage> {
    const needle = options.displayNameContains?.toLocaleLowerCase();
    const profiles: GraphProfile[] = [];
    let next: string | undefined = COLLECTION_PATH;
    while (next !== undefined && profiles.length < options.top) {
      const page = asPage(await this.graph.request('GET', next, undefined, options));
      for (const profile of page.value) {
        const name = typeof profile.displayName === 'string' ? profile.displayName.toLocaleLowerCase() : '';
        if (needle === undefined || name.includes(needle)) profiles.push(profile);
      }
      next = page.nextLink;
      if (next !== undefined && !this.graph.isSameOrigin(next)) break; // returned to the caller, never followed
    }
    return { profiles: profiles.slice(0, options.top), ...(next !== undefined && { nextLink: next }) };
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

/** OData control information (@odata.context, @odata.type, …) describes the payload, not the profile. */
function stripODataControl(body: Record<string, unknown>): Record<string, unknown> {
  const profile: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (!key.startsWith('@odata.')) profile[key] = value;
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
