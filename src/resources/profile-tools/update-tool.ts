/**
 * The update tool of a profile kind: PATCH {collection}/{id} with exactly the properties given, then the updated
 * profile (read back after a 204), and a check that Graph kept every value sent. With expectedLastModifiedDateTime,
 * the guard is checked before the PATCH and again before every retry of it.
 */
import type { EntityCollection, GetOptions } from '../../graph/entity-collection.js';
import { GraphHttpError } from '../../graph/graph-errors.js';
import type { GraphEntity } from '../../graph/odata.js';
import { defineTool, type ToolAnswer, type ToolContext, type ToolDefinition } from '../../mcp/tool.js';
import { checkGuard, describeGuardRefusal } from './lost-update-guard.js';
import { collectionOf, lastModified, present, readOptions, tokenExpiry, withKindCheck } from './profile-access.js';
import { describeChanges, isSecretPath, listChanges, propertiesNotTaken } from './profile-changes.js';
import type { ProfileKind } from './profile-kind.js';
import { isObject, rememberSecretsIn } from './secret-paths.js';
import { refusePlaceholders, toPatch, updateInputSchema } from './update-input.js';

/** Stops the retries of a guarded PATCH: the profile changed meanwhile, or already holds what was sent. */
class GuardStop extends Error {
  constructor(
    readonly refusal: string | undefined,
    readonly current: GraphEntity,
    readonly uncertain: boolean,
  ) {
    super('the lost-update guard stopped the retries');
  }
}

export function updateTool(kind: ProfileKind, others: readonly ProfileKind[]): ToolDefinition {
  return defineTool({
    name: kind.tools.update,
    ...kind.text.update,
    inputSchema: updateInputSchema(kind),
    outputSchema: kind.profileSchema,
    annotations: {
      readOnlyHint: false,
      destructiveHint: true, // it overwrites values
      idempotentHint: true, // the same PATCH twice leaves the same state
      openWorldHint: true,
    },
    mutates: true,
    toolsets: [kind.toolset],
    readOnlyArguments: kind.readOnlyProperties,
    retiredArguments: new Map([
      ['dryRun', `dryRun is gone: preview a change with ${kind.tools.preview} (read-only, same arguments).`],
    ]),
    screenArguments: (args) => refusePlaceholders(kind, args),
    readWith: kind.tools.get,
    run: (input, context) =>
      withKindCheck(kind, others, 'update', input.id, context, () => update(kind, input, context)),
  });
}

async function update(kind: ProfileKind, input: Record<string, unknown> & { id: string }, context: ToolContext) {
  const started = Date.now();
  const patch = toPatch(kind, input);
  rememberSecretsIn(patch, kind.secretPaths);
  const collection = collectionOf(kind, context);
  const read = readOptions(kind, context);
  const expected =
    typeof input.expectedLastModifiedDateTime === 'string' ? input.expectedLastModifiedDateTime : undefined;
  let before: GraphEntity | undefined;
  if (expected !== undefined) {
    before = await collection.get(input.id, read);
    const verdict = checkGuard(expected, lastModified(before));
    if (verdict.kind !== 'same')
      return { error: describeGuardRefusal(expected, verdict, kind.tools.get), write: 'none' } as const;
  }
  if (kind.patchRules?.needsProfile(patch)) {
    before ??= await collection.get(input.id, read);
    const reason = kind.patchRules.refuse(patch, before);
    if (reason !== undefined) return { error: `Refused: ${reason} Nothing was sent to Graph.`, write: 'none' } as const;
  }
  const beforeRetry =
    expected === undefined
      ? undefined
      : async (uncertain: boolean) => {
          const current = await collection.get(input.id, read);
          const verdict = checkGuard(expected, lastModified(current));
          if (verdict.kind === 'same') return;
          // An earlier attempt that timed out may be what changed it: then it holds every value sent.
          if (uncertain && propertiesNotTaken(patch, current).length === 0)
            throw new GuardStop(undefined, current, true);
          throw new GuardStop(describeGuardRefusal(expected, verdict, kind.tools.get, true), current, uncertain);
        };
  let updated: GraphEntity;
  let landedEarlier = false;
  let fromAnswer = false;
  try {
    const answer = await collection.update(input.id, patch, { ...read, beforeRetry });
    updated = answer.entity;
    fromAnswer = !answer.readBack;
  } catch (error) {
    if (error instanceof GraphHttpError && error.earlierAttemptUncertain) {
      return settleRefusedRetry(kind, { id: input.id, patch, before, started, collection, read }, error, context);
    }
    if (!(error instanceof GuardStop)) throw error;
    if (error.refusal !== undefined) {
      const retried = error.uncertain
        ? 'Checked again before retrying the PATCH; an earlier attempt got no clear answer and may have been applied.'
        : 'Checked again before retrying the PATCH, which Graph had not taken.';
      return { error: `${error.refusal} (${retried})`, write: error.uncertain ? 'unknown' : 'none' } as const;
    }
    updated = error.current;
    landedEarlier = true;
  }
  if (fromAnswer && (propertiesNotTaken(patch, updated).length > 0 || hidesTokenFields(updated))) {
    // A 200 answer may leave out what only $select brings (the QR code): judge and show the profile as Graph reads it,
    // rather than tell the agent the profile has no QR code.
    updated = await collection.get(input.id, read);
  }
  return updatedAnswer(kind, patch, before, updated, landedEarlier, context);
}

/** What an update call knows when Graph refuses a retry: the profile before (when it was read) and when it began. */
interface RefusedRetry {
  readonly id: string;
  readonly patch: Record<string, unknown>;
  readonly before: GraphEntity | undefined;
  readonly started: number;
  readonly collection: EntityCollection;
  readonly read: GetOptions;
}

/** Graph's clock and ours need not agree to the second: a change this long before the call began still counts. */
const CLOCK_SKEW_MS = 2 * 60_000;

/**
 * Graph refused a retry of the PATCH (Intune refuses one that changes nothing) after an attempt that got no clear
 * answer, so the profile is read. Holding every value sent proves that attempt landed only if the values were not
 * there already: as the profile read before the PATCH shows, or else by a lastModifiedDateTime from during the call.
 * Not holding them leaves the outcome unknown, as the refusal said.
 */
async function settleRefusedRetry(
  kind: ProfileKind,
  { id, patch, before, started, collection, read }: RefusedRetry,
  refusal: GraphHttpError,
  context: ToolContext,
): Promise<ToolAnswer> {
  const current = await collection.get(id, read).catch(() => undefined);
  if (!current || propertiesNotTaken(patch, current).length > 0) throw refusal;
  const stamp = lastModified(current);
  const modifiedAt = stamp === undefined ? Number.NaN : Date.parse(stamp);
  // Without the profile as it was, only its lastModifiedDateTime can tell; one that cannot be read tells nothing. (A
  // change within the skew before the call, this agent's own earlier call included, counts as this call's.)
  if (!before && Number.isNaN(modifiedAt)) throw refusal;
  const heldBefore = before ? propertiesNotTaken(patch, before).length === 0 : modifiedAt < started - CLOCK_SKEW_MS;
  if (!heldBefore) return updatedAnswer(kind, patch, before, current, true, context);
  const answer =
    refusal.status === 400
      ? `Graph refused the update as changing nothing (HTTP 400)`
      : `Graph's last answer was HTTP ${refusal.status}`;
  const when = before ? '' : ` (it was last modified at ${stamp}, before this call)`;
  return {
    error: `${answer}, and the profile already held every value sent${when}, so nothing was changed by this call.`,
    write: 'none',
  };
}

/**
 * Whether a profile as a PATCH answered it has a token but shows some of its token fields empty: Graph leaves them
 * empty unless $select names them (observed for qrCodeImage on reads, all three in lists), so empty there does not
 * mean there is none. A profile without a token (no field holds one, no expiry) has nothing to read back.
 */
function hidesTokenFields(profile: GraphEntity): boolean {
  const empty = TOKEN_FIELDS.filter((field) => isEmpty(profile[field]));
  if (empty.length === 0) return false;
  return empty.length < TOKEN_FIELDS.length || tokenExpiry(profile) !== undefined;
}

const TOKEN_FIELDS = ['tokenValue', 'qrCodeContent', 'qrCodeImage'] as const;

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === '' || (isObject(value) && !value.value);
}

function updatedAnswer(
  kind: ProfileKind,
  patch: Record<string, unknown>,
  before: GraphEntity | undefined,
  updated: GraphEntity,
  landedEarlier: boolean,
  context: ToolContext,
): ToolAnswer {
  const lines = before
    ? [
        'Updated:',
        ...describeChanges(listChanges(before, patch, kind.secretPaths, context.revealSecrets)).map(
          (line) => `- ${line}`,
        ),
      ]
    : [`Updated: ${Object.keys(patch).join(', ')}.`];
  if (landedEarlier) {
    lines.push('An earlier attempt that got no clear answer was applied: the profile already holds every value sent.');
  }
  lines.push(...notTakenLines(kind, patch, updated, context));
  const stamp = lastModified(updated);
  if (stamp !== undefined) {
    lines.push(
      `lastModifiedDateTime is now ${stamp}: pass it as expectedLastModifiedDateTime to guard a further update.`,
    );
  }
  return { structured: present(kind, updated, context), notes: [lines.join('\n')], write: 'applied' };
}

/** Every property Graph did not take as sent, named, with why when Intune maintains it. */
function notTakenLines(
  kind: ProfileKind,
  patch: Record<string, unknown>,
  updated: GraphEntity,
  context: ToolContext,
): string[] {
  return propertiesNotTaken(patch, updated).map((key) => {
    const tokenish = /^(token|qrCode)/.test(key);
    const why = kind.intuneMaintained.has(key)
      ? `: Intune manages it${tokenish ? `; use ${kind.tools.createToken} for a new token` : ''}.`
      : '.';
    if (!context.revealSecrets && isSecretPath(key, kind.secretPaths)) {
      return `Graph did not take ${key} as sent (secret: values not shown)${why}`;
    }
    return `Graph did not take ${key} as sent: it holds ${JSON.stringify(updated[key] ?? null)}, not ${JSON.stringify(patch[key])}${why}`;
  });
}
