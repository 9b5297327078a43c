/**
 * The pieces every profile tool shares: the kind's entity collection, how a profile is shown (redacted unless
 * revealed), and the 404 that checks the other kinds, so an agent that used the wrong kind's tool is told which one
 * to use instead.
 */
import { EntityCollection, type GetOptions } from '../../graph/entity-collection.js';
import type { GraphCallOptions } from '../../graph/graph-client.js';
import { GraphHttpError } from '../../graph/graph-errors.js';
import type { GraphEntity } from '../../graph/odata.js';
import type { ToolContext } from '../../mcp/tool.js';
import type { ProfileKind, ToolRole } from './profile-kind.js';
import { redactSecrets, rememberSecretsIn } from './secret-paths.js';

export function collectionOf(kind: ProfileKind, context: ToolContext): EntityCollection {
  return new EntityCollection(
    context.graph,
    kind.collectionPath,
    (id) => `no ${kind.noun} has id ${id} in this tenant. Use ${kind.tools.list} to find the right id.`,
  );
}

export function callOptions(context: ToolContext): GraphCallOptions {
  return { signal: context.signal, onRetry: context.onRetry };
}

/**
 * For every read of a whole profile: its properties asked for by name, because Intune leaves the QR code (and in lists
 * the token fields) empty unless $select names them (observed; Microsoft's samples do the same).
 */
export function readOptions(kind: ProfileKind, context: ToolContext): GetOptions {
  return { ...callOptions(context), select: kind.selectAll };
}

export function present(kind: ProfileKind, profile: GraphEntity, context: ToolContext): GraphEntity {
  if (!context.revealSecrets) return redactSecrets(profile, kind.secretPaths);
  rememberSecretsIn(profile, kind.secretPaths); // shown in results, but still kept out of the logs
  return profile;
}

/** Graph's way of saying "no token": DateTimeOffset is not nullable, so it sends the minimum value (0001-01-01). */
const NO_TOKEN_BEFORE = Date.UTC(1970, 0, 2);

/** When the profile's token expires (ms since the epoch), or undefined when Graph shows no token expiry. */
export function tokenExpiry(profile: Record<string, unknown>): number | undefined {
  const expiry = profile.tokenExpirationDateTime;
  const at = typeof expiry === 'string' ? Date.parse(expiry) : Number.NaN;
  return Number.isNaN(at) || at < NO_TOKEN_BEFORE ? undefined : at;
}

/** The latest lastModifiedDateTime, as text, when Graph gave one. */
export function lastModified(profile: Record<string, unknown>): string | undefined {
  return typeof profile.lastModifiedDateTime === 'string' ? profile.lastModifiedDateTime : undefined;
}

/**
 * Runs a tool's Graph work; a 404 for the id is checked against the other kinds' collections, and when the id is
 * there, the error names the tool (of the same role) that handles it.
 */
export async function withKindCheck<T>(
  kind: ProfileKind,
  others: readonly ProfileKind[],
  role: ToolRole,
  id: string,
  context: ToolContext,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof GraphHttpError) || error.status !== 404) throw error;
    const owner = await findOwner(others, id, context);
    if (!owner) throw error;
    throw error.withHints({
      404: `no ${kind.noun} has id ${id}; it is the id of an ${owner.noun}: use ${owner.tools[role]} for it.`,
    });
  }
}

async function findOwner(
  others: readonly ProfileKind[],
  id: string,
  context: ToolContext,
): Promise<ProfileKind | undefined> {
  for (const other of others) {
    if (!other.idSchema.safeParse(id).success) continue;
    try {
      await collectionOf(other, context).get(id, { ...callOptions(context), select: ['id'] });
      return other;
    } catch {
      // Not there either, or unreadable: the original 404 stands.
    }
  }
  return undefined;
}
