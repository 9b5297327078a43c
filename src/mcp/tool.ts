/**
 * What a tool is: its MCP metadata, a Zod input schema that validates before anything is sent, an output schema the
 * result is checked against, and a handler that answers with data, never with MCP wire shapes. Tools see Graph only
 * through the client in their context; retries, tokens and transport stay below it.
 */
import type { ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import type { z } from 'zod';
import type { GraphClient } from '../graph/graph-client.js';
import type { WriteEffect } from '../graph/graph-errors.js';
import type { RetryNotice } from '../graph/pipeline.js';

export interface ToolContext {
  readonly graph: GraphClient;
  /** Aborted when the client sends notifications/cancelled for this call. */
  readonly signal: AbortSignal;
  /** Reports a retry wait to the client as a progress notification (when the call asked for progress). */
  readonly onRetry: (notice: RetryNotice) => Promise<void>;
  /** INTUNE_MCP_REVEAL_ENROLLMENT_TOKENS: secrets of the resources are shown instead of redacted. */
  readonly revealSecrets: boolean;
}

export interface ImageBlock {
  readonly data: string;
  readonly mimeType: string;
}

/** A tool's answer: structured data for structuredContent, or an error text; and what a write did. */
export type ToolAnswer =
  | {
      readonly structured: Record<string, unknown>;
      /** Extra text blocks after the JSON copy, for a person or an agent to read. */
      readonly notes?: readonly string[];
      readonly images?: readonly ImageBlock[];
      /** `applied` once Graph accepted a change: any later failure (size, shape) must say so. */
      readonly write?: WriteEffect;
    }
  | { readonly error: string; readonly write?: WriteEffect };

export interface ToolDefinition<Schema extends z.ZodType = z.ZodType> {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly inputSchema: Schema;
  readonly outputSchema: z.ZodType<Record<string, unknown>>;
  readonly annotations: ToolAnnotations;
  /** Changes the tenant: hidden and refused in read-only mode. */
  readonly mutates: boolean;
  /** The toolsets that offer this tool (INTUNE_MCP_TOOLSETS); listed when any of them is enabled. */
  readonly toolsets: readonly string[];
  /** Arguments that name a read-only property: a refusal says so instead of "not an argument". */
  readonly readOnlyArguments?: ReadonlySet<string>;
  /** Arguments the tool no longer takes, with what to do instead (e.g. dryRun → the preview tool). */
  readonly retiredArguments?: ReadonlyMap<string, string>;
  /**
   * A refusal for the raw arguments before the schema sees them, when something must be refused with its own words
   * (e.g. a redaction placeholder sent back as a value); undefined lets the call go on.
   */
  readonly screenArguments?: (args: Record<string, unknown>) => string | undefined;
  /** The tool that reads what this one writes: named when a write's outcome must be checked. */
  readonly readWith?: string;
  run(input: z.output<Schema>, context: ToolContext): Promise<ToolAnswer>;
}

/** Keeps each tool's input type tied to its schema while the registry holds them all. */
export function defineTool<Schema extends z.ZodType>(tool: ToolDefinition<Schema>): ToolDefinition {
  return tool as unknown as ToolDefinition;
}

/**
 * Honest hints for a tool that only reads Graph: no change, same answer twice, an outside system. The title is the
 * tool's own `title` (MCP 2025-06-18 and later); annotations do not repeat it.
 */
export const READ_ONLY_ANNOTATIONS: ToolAnnotations = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: true,
};
