/**
 * The enrollment-token actions of a profile kind: createToken mints a new token (and invalidates the previous one),
 * revokeToken cancels it. Both answer 204; the profile is read back with its token fields asked for explicitly
 * ($select), so the new expiry and QR code are there.
 *
 * createToken is not idempotent: a create that may have reached Intune is never resent (see the retry policy). After
 * an uncertain failure the profile is read and its token stamps compared with what they were, so the result says
 * whether a token was created.
 */
import * as z from 'zod';
import { GraphCallError, GraphNetworkError, GraphTimeoutError } from '../../graph/graph-errors.js';
import type { GraphEntity } from '../../graph/odata.js';
import { defineTool, type ImageBlock, type ToolAnswer, type ToolContext, type ToolDefinition } from '../../mcp/tool.js';
import { int32 } from '../edm.js';
import { callOptions, collectionOf, present, readOptions, withKindCheck } from './profile-access.js';
import { sameValue } from './profile-changes.js';
import type { ProfileKind } from './profile-kind.js';

const SECONDS_PER_DAY = 86_400;

export function createTokenTool(kind: ProfileKind, others: readonly ProfileKind[]): ToolDefinition {
  return defineTool({
    name: kind.tools.createToken,
    ...kind.text.createToken,
    inputSchema: z.strictObject({
      id: kind.idSchema,
      tokenValidityInSeconds: int32(1).describe(
        'How long the new token is valid, in seconds (Int32, required): 86400 = 1 day, 2592000 = 30 days, 7776000 = 90 days.',
      ),
    }),
    outputSchema: kind.profileSchema,
    annotations: {
      readOnlyHint: false,
      destructiveHint: true, // the previous token stops working
      idempotentHint: false, // each call mints another token
      openWorldHint: true,
    },
    mutates: true,
    toolsets: [kind.toolset],
    readWith: kind.tools.get,
    run: (input, context) =>
      withKindCheck(kind, others, 'createToken', input.id, context, () => createToken(kind, input, context)),
  });
}

export function revokeTokenTool(kind: ProfileKind, others: readonly ProfileKind[]): ToolDefinition {
  return defineTool({
    name: kind.tools.revokeToken,
    ...kind.text.revokeToken,
    inputSchema: z.strictObject({ id: kind.idSchema }),
    outputSchema: kind.profileSchema,
    annotations: {
      readOnlyHint: false,
      destructiveHint: true, // devices can no longer enroll with the token
      idempotentHint: true, // it ends with no token however often it runs
      openWorldHint: true,
    },
    mutates: true,
    toolsets: [kind.toolset],
    readWith: kind.tools.get,
    async run(input, context) {
      const collection = collectionOf(kind, context);
      const call = callOptions(context);
      const { status } = await withKindCheck(kind, others, 'revokeToken', input.id, context, () =>
        collection.invoke(input.id, 'revokeToken', undefined, { ...call, idempotent: true }),
      );
      const after = await collection.readBack(profileIdForReads(input.id), status, readOptions(kind, context));
      return {
        structured: present(kind, after, context),
        notes: [`The enrollment token of ${nameOf(after)} was revoked: devices can no longer enroll with it.`],
        write: 'applied',
      };
    },
  });
}

async function createToken(
  kind: ProfileKind,
  input: { id: string; tokenValidityInSeconds: number },
  context: ToolContext,
): Promise<ToolAnswer> {
  const collection = collectionOf(kind, context);
  const call = callOptions(context);
  const read = readOptions(kind, context);
  const readId = profileIdForReads(input.id);
  const before = await collection.get(readId, read);
  const limit = kind.tokenLimit(before);
  if (input.tokenValidityInSeconds > limit.maxSeconds) {
    return {
      error: `Refused: tokenValidityInSeconds ${input.tokenValidityInSeconds} (${duration(input.tokenValidityInSeconds)}) is more than this profile allows: ${limit.why}. Nothing was sent to Graph; the current token still stands.`,
      write: 'none',
    };
  }
  let status: number;
  try {
    ({ status } = await collection.invoke(
      input.id,
      'createToken',
      { tokenValidityInSeconds: input.tokenValidityInSeconds },
      { ...call, idempotent: false },
    ));
  } catch (error) {
    if (!(error instanceof GraphCallError) || error.writeEffect === 'none') throw error;
    return settleUncertainCreate(kind, input, before, error, context);
  }
  const after = await collection.readBack(readId, status, read);
  // Graph took the request; a read that does not show the new token yet (a replica behind) must not be passed off as
  // the new token's expiry.
  if (tokenReplaced(before, after)) return createdAnswer(kind, input.tokenValidityInSeconds, after, context, []);
  // What the read shows is the previous token, which no longer works: never hand it out (nor its QR code) as the new.
  const note = `Graph accepted createToken (HTTP ${status}), but the profile read right after still shows the previous token's stamps: Intune may not show the new token yet, so the token fields are left empty here. Read it again with ${kind.tools.get} in a minute; do not call ${kind.tools.createToken} again, the token was created.`;
  const withoutOldToken = { ...after, ...PREVIOUS_TOKEN_FIELDS };
  return createdAnswer(kind, input.tokenValidityInSeconds, withoutOldToken, context, [note], false);
}

/** What a read-back behind the new token would show of the previous one: emptied, so nothing of it passes for new. */
const PREVIOUS_TOKEN_FIELDS = {
  tokenValue: null,
  qrCodeContent: null,
  qrCodeImage: null,
  tokenCreationDateTime: null,
  tokenExpirationDateTime: null,
  enrollmentTokenUsageCount: null,
} as const;

/** createToken got no clear answer: read the profile and tell from its token stamps whether a token was made. */
async function settleUncertainCreate(
  kind: ProfileKind,
  input: { id: string; tokenValidityInSeconds: number },
  before: GraphEntity,
  failure: GraphCallError,
  context: ToolContext,
): Promise<ToolAnswer> {
  const lost = `createToken got no clear answer:\n${failure.describe()}`;
  let after: GraphEntity;
  try {
    after = await collectionOf(kind, context).get(profileIdForReads(input.id), readOptions(kind, context));
  } catch (readFailure) {
    const why = readFailure instanceof GraphCallError ? readFailure.describe() : String(readFailure);
    return {
      error: [
        lost,
        `Reading the profile to find out failed too:\n${why}`,
        `The outcome is unknown. Check with ${kind.tools.get}: a tokenExpirationDateTime other than ${stamp(before.tokenExpirationDateTime)} means a new token was created (and the previous one no longer works). Do not call ${kind.tools.createToken} again before checking.`,
      ].join('\n'),
      write: 'unknown',
    };
  }
  if (!tokenReplaced(before, after)) {
    // Not "nothing was changed": a request that timed out or lost its connection may still be carried out, and a 5xx
    // is no proof that Intune stopped. A second createToken would replace a token that is about to appear.
    const still =
      failure instanceof GraphTimeoutError || failure instanceof GraphNetworkError
        ? 'Intune may still be working on the request that got no answer'
        : `Graph answered with an error, which is no proof that Intune did not act on it`;
    return {
      error: [
        lost,
        `No new token shows yet: the profile read afterwards still shows the previous token, expiring ${stamp(after.tokenExpirationDateTime)}.`,
        `${still}: read the profile again with ${kind.tools.get} in a minute, and call ${kind.tools.createToken} again only if tokenExpirationDateTime is still ${stamp(after.tokenExpirationDateTime)}.`,
      ].join('\n'),
      write: 'unknown',
    };
  }
  const note = `Graph's answer to createToken was lost (${failure.message}), but the profile read afterwards shows a new token WAS created. Do not call ${kind.tools.createToken} again: that would replace this token too.`;
  return createdAnswer(kind, input.tokenValidityInSeconds, after, context, [note]);
}

function createdAnswer(
  kind: ProfileKind,
  validity: number,
  after: GraphEntity,
  context: ToolContext,
  extraNotes: readonly string[],
  /** Whether `after` shows the new token (its stamps changed); if not, its expiry is the previous token's. */
  shown = true,
): ToolAnswer {
  const expires = shown ? `it expires ${stamp(after.tokenExpirationDateTime)}` : 'its expiry is not shown yet';
  const lines = [
    `A new enrollment token was created for ${nameOf(after)}: valid for ${validity} s (${duration(validity)}), ${expires}.`,
    'The previous token stopped working: devices not yet enrolled need the new token or QR code.',
  ];
  if (!context.revealSecrets) {
    lines.push(
      "The token, QR code and other secrets are redacted (the operator can show them with INTUNE_MCP_REVEAL_ENROLLMENT_TOKENS=true); in the Intune admin center the QR code is under the profile's Token tab.",
    );
  }
  return {
    structured: present(kind, after, context),
    notes: [...extraNotes, lines.join('\n')],
    images: context.revealSecrets ? qrImage(after) : [],
    write: 'applied',
  };
}

/** A new token shows as a new creation time (device-owner profiles) or a new expiry. */
function tokenReplaced(before: GraphEntity, after: GraphEntity): boolean {
  return (
    !sameValue(before.tokenCreationDateTime, after.tokenCreationDateTime) ||
    !sameValue(before.tokenExpirationDateTime, after.tokenExpirationDateTime)
  );
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * The QR code as an MCP image block, so a client can show it to the admin (only when secrets are revealed). Only
 * standard base64 is passed on: the client refuses a whole result whose image data is not, and the agent must still
 * learn that a token was created.
 */
function qrImage(profile: GraphEntity): ImageBlock[] {
  const image = profile.qrCodeImage as { type?: unknown; value?: unknown } | null | undefined;
  if (!image || typeof image.value !== 'string' || image.value === '' || !BASE64.test(image.value)) return [];
  const mimeType = typeof image.type === 'string' && image.type.startsWith('image/') ? image.type : 'image/png';
  return [{ data: image.value, mimeType }];
}

/**
 * The id to read a profile by. Microsoft's AOSP sample calls createToken as AOSP-<guid>; the action gets the id as
 * given, but the profile itself is documented under its GUID, so reads around an action use the GUID alone.
 */
function profileIdForReads(id: string): string {
  return id.replace(/^AOSP-/, '');
}

function nameOf(profile: GraphEntity): string {
  return typeof profile.displayName === 'string' ? `"${profile.displayName}" (${profile.id})` : profile.id;
}

function stamp(value: unknown): string {
  return typeof value === 'string' ? value : '(not set)';
}

/** A validity in the largest unit that is at least one: "30 day(s)", "1.5 hour(s)", "10 minute(s)". */
function duration(seconds: number): string {
  const [size, unit] = DURATION_UNITS.find(([size]) => seconds >= size) ?? [1, 'second'];
  const value = seconds / size;
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${unit}(s)`;
}

const DURATION_UNITS: readonly (readonly [seconds: number, unit: string])[] = [
  [SECONDS_PER_DAY, 'day'],
  [3600, 'hour'],
  [60, 'minute'],
];
