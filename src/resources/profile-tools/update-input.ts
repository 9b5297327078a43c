/**
 * The arguments of a kind's update and preview tools: the id, the writable properties with Graph's names and types,
 * and the lost-update guard. Also what is refused before any schema check: a placeholder this server wrote in place
 * of a secret, sent back as if it were the value (an agent that reads a profile and returns it with one edit would
 * otherwise overwrite the enrollment token with "[redacted]").
 */
import * as z from 'zod';
import { DATE_TIME_OFFSET_ERROR, dateTimeOffset } from '../edm.js';
import type { ProfileKind } from './profile-kind.js';
import { isObject, PLACEHOLDERS } from './secret-paths.js';

export function updateInputSchema(kind: ProfileKind) {
  const writable = Object.keys(kind.writableShape);
  return z
    .strictObject({
      id: kind.idSchema,
      ...kind.writableShape,
      expectedLastModifiedDateTime: dateTimeOffset(`${DATE_TIME_OFFSET_ERROR} Pass lastModifiedDateTime as read.`)
        .optional()
        .describe(
          `Lost-update guard: lastModifiedDateTime as you read it (${kind.tools.get}). If the profile changed since, the update is refused, nothing sent.`,
        ),
    })
    .refine((input: Record<string, unknown>) => writable.some((key) => input[key] !== undefined), {
      error: `The call changes nothing: give at least one property to set (${writable.join(', ')}).`,
      // Only when nothing else is wrong: a call refused for a read-only or unknown property hears that alone.
      when: (payload) => payload.issues.length === 0,
    });
}

/** The PATCH body: exactly the writable properties given, never the id or the guard. */
export function toPatch(kind: ProfileKind, input: Record<string, unknown>): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(kind.writableShape)) {
    if (input[key] !== undefined) patch[key] = input[key];
  }
  return patch;
}

/** A refusal when any string in the arguments is one of this server's placeholders; undefined otherwise. */
export function refusePlaceholders(kind: ProfileKind, args: Record<string, unknown>): string | undefined {
  if (!holdsPlaceholder(args)) return undefined; // every call: looked for without building paths
  const found = placeholderPaths(args);
  if (found.length === 0) return undefined;
  const shown = found.map(({ path, value }) => `${path} is "${value}"`).join(', ');
  return [
    `Refused: ${shown}: that is the marker this server writes in place of a secret it does not show, not a value. Nothing was sent to Graph.`,
    `Leave such properties out and they stay as they are. A new enrollment token comes from ${kind.tools.createToken}.`,
  ].join(' ');
}

/** Whether any string in the value, at any depth, is a placeholder (the arguments of a call: a few levels at most). */
function holdsPlaceholder(value: unknown): boolean {
  if (typeof value === 'string') return PLACEHOLDERS.has(value.trim());
  if (Array.isArray(value)) return value.some(holdsPlaceholder);
  if (isObject(value)) {
    for (const key in value) if (holdsPlaceholder(value[key])) return true;
  }
  return false;
}

function placeholderPaths(value: unknown, path = ''): { path: string; value: string }[] {
  if (typeof value === 'string') return PLACEHOLDERS.has(value.trim()) ? [{ path: path || '(value)', value }] : [];
  if (Array.isArray(value)) return value.flatMap((item, index) => placeholderPaths(item, `${path}[${index}]`));
  if (isObject(value)) {
    return Object.entries(value).flatMap(([key, item]) => placeholderPaths(item, path ? `${path}.${key}` : key));
  }
  return [];
}
