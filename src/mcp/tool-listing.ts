/**
 * The tools as tools/list shows them, with portable JSON Schemas converted from the zod schemas. Converting costs
 * milliseconds per tool, and every client lists the tools right after the handshake, so the build converts once and
 * bakes the result into the bundle (scripts/build.mjs defines __INTUNE_MCP_TOOL_LISTING__ from this same file); from
 * source (e.g. unit tests) the conversion runs on first use.
 */
import type { ListToolsResult } from '@modelcontextprotocol/sdk/types.js';
import * as z from 'zod';
import { portableJsonSchema } from './portable-json-schema.js';
import type { ToolDefinition } from './tool.js';

export type ListedTool = ListToolsResult['tools'][number];

declare const __INTUNE_MCP_TOOL_LISTING__: Readonly<Record<string, ListedTool>> | undefined;

const BAKED_LISTING = typeof __INTUNE_MCP_TOOL_LISTING__ === 'undefined' ? undefined : __INTUNE_MCP_TOOL_LISTING__;

export function describeTool(tool: ToolDefinition): ListedTool {
  return BAKED_LISTING?.[tool.name] ?? convertTool(tool);
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
