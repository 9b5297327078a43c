/**
 * How tool results look: the profile as structuredContent plus the same JSON as text for clients that predate
 * structured output; errors as `isError` results the agent can read and act on, never as protocol failures.
 */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { GraphCallError } from '../graph/graph-errors.js';
import { redactEnrollmentToken } from '../security/enrollment-token-redaction.js';
import { scrubSecrets, scrubSecretsDeep } from '../security/secret-scrubber.js';
import type { ToolContext } from './tool.js';

export const SIMULATED_NOTE =
  'Simulated: this result comes from the built-in Graph simulator (--simulate), not from a real Intune tenant.';

type Presentation = Pick<ToolContext, 'revealEnrollmentTokens' | 'simulated'> & Partial<Pick<ToolContext, 'outcome'>>;

/** Said when a result cannot be given after Graph already accepted a change. */
export function appliedNote(context: Presentation): string {
  return context.outcome?.changeApplied
    ? ' Graph accepted the change, so it WAS applied: read the profile with get-enrollment-profile instead of resending.'
    : '';
}

export function presentProfile<T extends Record<string, unknown>>(profile: T, context: Presentation): T {
  return context.revealEnrollmentTokens ? profile : redactEnrollmentToken(profile);
}

/**
 * A result goes to the client as one JSON-RPC line, and the SDK's stdio client drops the whole connection on a line
 * over 10 MiB. The profile travels twice (structured and as text), so a result is bounded well below that: the text
 * copy is left out above TEXT_COPY_LIMIT, and a structured result above RESULT_LIMIT is refused.
 */
export const TEXT_COPY_LIMIT = 256 * 1024;
export const RESULT_LIMIT = 4 * 1024 * 1024;

/** `structured` must already be presented (redacted); `notes` are extra text blocks after the JSON. */
export function structuredResult(
  structured: Record<string, unknown>,
  context: Presentation,
  notes: readonly string[] = [],
): CallToolResult {
  const safe = scrubSecretsDeep(structured);
  const json = JSON.stringify(safe, null, 2);
  if (json.length > RESULT_LIMIT) {
    return errorResult(
      `Graph's answer is ${json.length} characters as JSON, more than the ${RESULT_LIMIT} this server returns to a client (an MCP message that large would break the connection).${appliedNote(context) || ' Narrow the request.'}`,
      context,
    );
  }
  const copy =
    json.length > TEXT_COPY_LIMIT
      ? `The result is ${json.length} characters of JSON: it is in structuredContent only.`
      : json;
  return { structuredContent: safe, content: textBlocks([copy, ...notes.map(scrubSecrets)], context) };
}

export function errorResult(text: string, context?: Presentation): CallToolResult {
  return { isError: true, content: textBlocks([scrubSecrets(text)], context) };
}

/** The text blocks of a result, ending with the "Simulated" note when the answer came from the simulator. */
function textBlocks(texts: string[], context: Presentation | undefined): CallToolResult['content'] {
  const all = context?.simulated ? [...texts, SIMULATED_NOTE] : texts;
  return all.map((text) => ({ type: 'text', text }));
}

/** Any failure inside a tool becomes a readable result; the server never crashes on a Graph answer. */
export function failureResult(error: unknown, context: Presentation): CallToolResult {
  if (error instanceof GraphCallError) return errorResult(error.describe(), context);
  const message = error instanceof Error ? error.message : String(error);
  return errorResult(`Unexpected error: ${message}`, context);
}
