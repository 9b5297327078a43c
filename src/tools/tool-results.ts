/**
 * How tool results look: the profile as structuredContent plus the same JSON as text for clients that predate
 * structured output; errors as `isError` results the agent can read and act on, never as protocol failures.
 */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { GraphCallError } from '../graph/graph-errors.js';
import { redactEnrollmentToken } from '../security/enrollment-token-redaction.js';
import { scrubSecrets } from '../security/secret-scrubber.js';
import type { ToolContext } from './tool.js';

export const SIMULATED_NOTE =
  'Simulated: this result comes from the built-in Graph simulator (--simulate), not from a real Intune tenant.';

type Presentation = Pick<ToolContext, 'revealEnrollmentTokens' | 'simulated'>;

export function presentProfile<T extends Record<string, unknown>>(profile: T, context: Presentation): T {
  return context.revealEnrollmentTokens ? profile : redactEnrollmentToken(profile);
}

/** `structured` must already be presented (redacted); `notes` are extra text blocks after the JSON. */
export function structuredResult(
  structured: Record<string, unknown>,
  context: Presentation,
  notes: readonly string[] = [],
): CallToolResult {
  const texts = [JSON.stringify(structured, null, 2), ...notes];
  if (context.simulated) texts.push(SIMULATED_NOTE);
  return { structuredContent: structured, content: texts.map((text) => ({ type: 'text', text })) };
}

export function errorResult(text: string, context?: Presentation): CallToolResult {
  const texts = [scrubSecrets(text)];
  if (context?.simulated) texts.push(SIMULATED_NOTE);
  return { isError: true, content: texts.map((t) => ({ type: 'text', text: t })) };
}

/** Any failure inside a tool becomes a readable result; the server never crashes on a Graph answer. */
export function failureResult(error: unknown, context: Presentation): CallToolResult {
  if (error instanceof GraphCallError) return errorResult(error.describe(), context);
  const message = error instanceof Error ? error.message : String(error);
  return errorResult(`Unexpected error: ${message}`, context);
}
