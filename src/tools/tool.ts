/**
 * What a tool is: its MCP metadata, a Zod input schema that validates before anything is sent, an output schema the
 * result is checked against, and a handler. Tools see Graph only through EnrollmentProfilesApi; retries, tokens and
 * transport stay below it.
 */
import type { CallToolResult, ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import type { z } from 'zod';
import type { EnrollmentProfilesApi } from '../graph/enrollment-profiles.js';
import type { RetryNotice } from '../graph/pipeline.js';

export interface ToolContext {
  readonly profiles: EnrollmentProfilesApi;
  /** Aborted when the client sends notifications/cancelled for this call. */
  readonly signal: AbortSignal;
  /** Reports a retry wait to the client as a progress notification (when the call asked for progress). */
  readonly onRetry: (notice: RetryNotice) => Promise<void>;
  readonly revealEnrollmentTokens: boolean;
  /** True when Graph is the built-in simulator: results say so. */
  readonly simulated: boolean;
  /**
   * Set by a tool once Graph has accepted a change, so that a failure after that point (an answer too large or of
   * an unexpected shape) says the change was applied instead of leaving the agent to resend it.
   */
  readonly outcome: { changeApplied: boolean };
}

export interface ToolDefinition<Schema extends z.ZodType = z.ZodType> {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly inputSchema: Schema;
  readonly outputSchema: z.ZodType<Record<string, unknown>>;
  readonly annotations: ToolAnnotations;
  /** Changes the tenant: hidden and refused in read-only mode. */
  readonly mutates: boolean;
  run(input: z.output<Schema>, context: ToolContext): Promise<CallToolResult>;
}

/** Keeps each tool's input type tied to its schema while the registry holds them all. */
export function defineTool<Schema extends z.ZodType>(tool: ToolDefinition<Schema>): ToolDefinition {
  return tool as unknown as ToolDefinition;
}

/** Honest hints for a tool that only reads Graph: no change, same answer twice, an outside system. */
export function readOnlyAnnotations(title: string): ToolAnnotations {
  return { title, readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true };
}
