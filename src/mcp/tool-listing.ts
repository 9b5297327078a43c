/**
 * The tools as tools/list shows them, with portable JSON Schemas converted from the zod schemas. Converting costs
 * milliseconds per tool, and every client lists the tools right after the handshake, so the build converts once and
 * bakes the result into the bundle (scripts/build.mjs, with the rest of the handshake: src/mcp/handshake.ts); from
 * source (e.g. unit tests) the conversion runs on first use.
 */
import type { ListToolsResult } from '@modelcontextprotocol/sdk/types.js';
import * as z from 'zod';
import { BAKED_HANDSHAKE } from './handshake.js';
import { portableJsonSchema } from './portable-json-schema.js';
import type { ToolDefinition } from './tool.js';

export type ListedTool = ListToolsResult['tools'][number];

let bakedListing: ReadonlyMap<string, string> | undefined;

export function describeTool(tool: ToolDefinition): ListedTool {
  bakedListing ??= new Map(BAKED_HANDSHAKE?.tools.map((baked) => [baked.name, baked.listing]));
  const listing = bakedListing.get(tool.name);
  return listing === undefined ? convertTool(tool) : (JSON.parse(listing) as ListedTool);
}

/** The conversion itself; the build calls it for every tool. */
export function convertTool(tool: ToolDefinition): ListedTool {
  return {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: toJsonSchema(tool.inputSchema, 'input'),
    outputSchema: toJsonSchema(tool.outputSchema, 'output'),
    annotations: tool.annotations,
  };
}

function toJsonSchema(schema: z.ZodType, io: 'input' | 'output') {
  const { $schema: _dialect, ...jsonSchema } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return portableJsonSchema(jsonSchema) as { type: 'object'; [key: string]: unknown };
}
