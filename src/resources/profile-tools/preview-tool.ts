/**
 * The preview tool of a profile kind: what the update tool would change, one change per leaf, without changing
 * anything. A separate read-only tool rather than a flag on the update tool: a client asks the user to approve every
 * call of a destructive tool, while a read-only one can be allowed once.
 */
import * as z from 'zod';
import { defineTool, READ_ONLY_ANNOTATIONS, type ToolDefinition } from '../../mcp/tool.js';
import { checkGuard, describeGuardRefusal } from './lost-update-guard.js';
import { collectionOf, lastModified, present, readOptions, withKindCheck } from './profile-access.js';
import { applyPatch, describeChanges, listChanges, sameValue } from './profile-changes.js';
import type { ProfileKind } from './profile-kind.js';
import { refusePlaceholders, toPatch, updateInputSchema } from './update-input.js';

/** A property's value as Graph holds it: a scalar, null, a list of strings (scope tags) or an object. */
const leafValue = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string()), z.looseObject({})]);

export function previewTool(kind: ProfileKind, others: readonly ProfileKind[]): ToolDefinition {
  // The profiles are described by the get tool's schema; typed here by their id only, so tools/list does not carry
  // the whole profile schema twice more (agents pay for every byte of it in context).
  const profile = z.looseObject({ id: z.string() });
  const outputSchema = z.looseObject({
    current: profile,
    proposed: profile,
    changes: z.array(
      z.looseObject({
        property: z.string(),
        from: leafValue.optional(),
        to: leafValue.optional(),
        secret: z.boolean(),
      }),
    ),
    lastModifiedDateTime: z.string().nullable().optional(),
  });
  return defineTool({
    name: kind.tools.preview,
    ...kind.text.preview,
    inputSchema: updateInputSchema(kind),
    outputSchema,
    annotations: READ_ONLY_ANNOTATIONS,
    mutates: false,
    toolsets: [kind.toolset],
    readOnlyArguments: kind.readOnlyProperties,
    screenArguments: (args) => refusePlaceholders(kind, args),
    async run(input, context) {
      const patch = toPatch(kind, input);
      const current = await withKindCheck(kind, others, 'preview', input.id, context, () =>
        collectionOf(kind, context).get(input.id, readOptions(kind, context)),
      );
      const stamp = lastModified(current);
      const expected = input.expectedLastModifiedDateTime;
      if (typeof expected === 'string') {
        const verdict = checkGuard(expected, stamp);
        if (verdict.kind !== 'same') return { error: describeGuardRefusal(expected, verdict, kind.tools.get) };
      }
      const reason = kind.patchRules?.refuse(patch, current);
      if (reason !== undefined) return { error: `The update would be refused: ${reason}` };
      const changes = listChanges(current, patch, kind.secretPaths, context.revealSecrets);
      // Hidden secrets are never compared: with one among them, whether anything changes is not known here.
      const changesNothing = changes.every((change) => !change.secret && sameValue(change.from, change.to));
      const apply = changesNothing
        ? `Every value given is already the profile's: the update would change nothing, and Intune refuses an update that changes nothing (HTTP 400 "Invalid patch, at least 1 property must be changed"). There is nothing to apply.`
        : stamp === undefined
          ? `To apply it: call ${kind.tools.update} with the same properties.`
          : `To apply it: call ${kind.tools.update} with the same properties and expectedLastModifiedDateTime: "${stamp}", so that it is refused if the profile changes in between.`;
      return {
        structured: {
          current: present(kind, current, context),
          proposed: present(kind, applyPatch(current, patch), context),
          changes,
          lastModifiedDateTime: stamp ?? null,
        },
        notes: [
          [
            'Preview: nothing was changed. The update would set:',
            ...describeChanges(changes).map((line) => `- ${line}`),
            '(lastModifiedDateTime would be set by Intune.)',
            apply,
          ].join('\n'),
        ],
      };
    },
  });
}
