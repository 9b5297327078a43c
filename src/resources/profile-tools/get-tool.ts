/** The get tool of a profile kind: GET {collection}/{id}. */
import * as z from 'zod';
import { defineTool, READ_ONLY_ANNOTATIONS, type ToolDefinition } from '../../mcp/tool.js';
import { collectionOf, present, readOptions, withKindCheck } from './profile-access.js';
import type { ProfileKind } from './profile-kind.js';

export function getTool(kind: ProfileKind, others: readonly ProfileKind[]): ToolDefinition {
  return defineTool({
    name: kind.tools.get,
    ...kind.text.get,
    inputSchema: z.strictObject({ id: kind.idSchema }),
    outputSchema: kind.profileSchema,
    annotations: READ_ONLY_ANNOTATIONS,
    mutates: false,
    toolsets: [kind.toolset],
    async run(input, context) {
      const profile = await withKindCheck(kind, others, 'get', input.id, context, () =>
        collectionOf(kind, context).get(input.id, readOptions(kind, context)),
      );
      return { structured: present(kind, profile, context) };
    },
  });
}
