/**
 * How tool answers go on the wire: the data as structuredContent plus the same JSON as text for clients that predate
 * structured output; errors as `isError` results the agent can read and act on, never as protocol failures. Every
 * text is scrubbed of secrets, and every result is bounded, so one answer cannot break the client's connection.
 */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { GraphCallError, type WriteEffect } from '../graph/graph-errors.js';
import { mayHoldSecrets, scrubSecrets, scrubSecretsDeep } from '../security/secret-scrubber.js';
import { outputCheckOf } from './output-check.js';
import type { ToolAnswer, ToolDefinition } from './tool.js';
import { describeWriteOutcome } from './write-outcome.js';

export const SIMULATED_NOTE =
  'Simulated: this result comes from the built-in Graph simulator (--simulate), not from a real Intune tenant.';

/**
 * A result goes to the client as one JSON-RPC line, and the SDK's stdio client drops the whole connection on a line
 * over 10 MiB. So the whole message is bounded to RESULT_LIMIT_BYTES of UTF-8: the text copy is left out first, and a
 * result still over the bound is refused with a short error.
 */
export const RESULT_LIMIT_BYTES = 4 * 1024 * 1024;
/** Room for the JSON-RPC envelope around the result (jsonrpc, id, key names). */
const ENVELOPE_BYTES = 256;
/** Error texts are cut here: Graph's own words are already capped, this bounds everything else. */
const MAX_ERROR_CHARACTERS = 64 * 1024;

export interface Presentation {
  readonly simulated: boolean;
}

type Tool = Pick<ToolDefinition, 'outputSchema' | 'readWith' | 'mutates'>;

export function answerToResult(tool: Tool, answer: ToolAnswer, presentation: Presentation): CallToolResult {
  try {
    return toResult(tool, answer, presentation);
  } catch (error) {
    // Reading an answer can still fail on shapes nobody expects (a RangeError on deep nesting): say so, and what the
    // write did, instead of failing the call.
    const why = error instanceof Error ? error.message : String(error);
    return errorResult(
      withOutcome(
        `Graph's answer could not be turned into a result (${why}).`,
        tool,
        'write' in answer ? answer.write : undefined,
      ),
      presentation,
    );
  }
}

function toResult(tool: Tool, answer: ToolAnswer, presentation: Presentation): CallToolResult {
  if ('error' in answer) return errorResult(withOutcome(answer.error, tool, answer.write), presentation);
  // The client rejects structured content that does not match the declared output schema; say why here instead. The
  // content is not quoted: it came from Graph and may carry a secret in a shape redaction did not expect.
  if (!outputCheckOf(tool.outputSchema)(answer.structured)) {
    const issues = tool.outputSchema.safeParse(answer.structured).error?.issues ?? [];
    const problems = issues
      .slice(0, 5)
      .map((issue) => `${issue.path.join('.') || '(top level)'}: ${issue.message}`)
      .join('; ');
    return errorResult(
      withOutcome(
        `Graph answered with data this server cannot read (unexpected shape: ${problems}).`,
        tool,
        answer.write,
      ),
      presentation,
    );
  }
  // The JSON text is the copy for clients without structured output, and also where secrets are looked for first:
  // only a value whose text may hold one is scrubbed string by string (and copied).
  let structured = answer.structured;
  let json = JSON.stringify(structured);
  if (mayHoldSecrets(json)) {
    structured = scrubSecretsDeep(structured);
    json = JSON.stringify(structured);
  }
  const notes = answer.notes === undefined ? [] : answer.notes.map(scrubSecrets);
  const images =
    answer.images === undefined ? [] : answer.images.map((image) => ({ type: 'image' as const, ...image }));
  const result: CallToolResult = {
    structuredContent: structured,
    content: [...textBlocks([json, ...notes], presentation), ...images],
  };
  if (withinBound(result, json)) return result;
  const withoutCopy: CallToolResult = {
    structuredContent: structured,
    content: textBlocks(
      [`The result is ${byteLength(json)} bytes of JSON: it is in structuredContent only.`, ...notes],
      presentation,
    ),
  };
  if (withinBound(withoutCopy, json)) return withoutCopy;
  return errorResult(
    withOutcome(
      `Graph's answer is ${byteLength(json)} bytes as JSON, more than the ${RESULT_LIMIT_BYTES} this server returns to a client (an MCP message that large would break the connection). Narrow the request.`,
      tool,
      answer.write,
    ),
    presentation,
  );
}

export function errorResult(text: string, presentation?: Presentation): CallToolResult {
  const bounded =
    text.length > MAX_ERROR_CHARACTERS
      ? `${text.slice(0, MAX_ERROR_CHARACTERS)}… [${text.length - MAX_ERROR_CHARACTERS} more characters cut]`
      : text;
  return { isError: true, content: textBlocks([scrubSecrets(bounded)], presentation) };
}

/** Any failure inside a tool becomes a readable result; the server never crashes on a Graph answer. */
export function failureResult(error: unknown, tool: Tool, presentation: Presentation): CallToolResult {
  if (error instanceof GraphCallError) {
    return errorResult(withOutcome(error.describe(), tool, error.writeEffect), presentation);
  }
  const message = error instanceof Error ? error.message : String(error);
  return errorResult(withOutcome(`Unexpected error: ${message}`, tool, 'unknown'), presentation);
}

/** A write tool's failure ends saying what happened to the change; a read tool's says nothing extra. */
function withOutcome(text: string, tool: Tool, effect: WriteEffect | undefined): string {
  if (!tool.mutates) return text;
  return `${text}\n${describeWriteOutcome(effect, tool.readWith)}`;
}

/** The text blocks of a result, ending with the "Simulated" note when the answer came from the simulator. */
function textBlocks(texts: readonly string[], presentation: Presentation | undefined): CallToolResult['content'] {
  const all = presentation?.simulated ? [...texts, SIMULATED_NOTE] : texts;
  return all.map((text) => ({ type: 'text', text }));
}

/**
 * Whether the JSON-RPC message carrying this result stays within RESULT_LIMIT_BYTES. Serialising the result again is
 * what the transport will do anyway, so it is done only when a cheap upper bound does not already settle it: a UTF-16
 * code unit is at most 3 bytes of UTF-8, and at most 6 once escaped in a JSON string (as \u00XX).
 */
function withinBound(result: CallToolResult, json: string): boolean {
  let estimate = ENVELOPE_BYTES + 3 * json.length;
  for (const block of result.content) {
    if (block.type === 'text') estimate += 6 * block.text.length + 32;
    else if (block.type === 'image') estimate += block.data.length + block.mimeType.length + 64;
  }
  if (estimate <= RESULT_LIMIT_BYTES) return true;
  return ENVELOPE_BYTES + byteLength(JSON.stringify(result)) <= RESULT_LIMIT_BYTES;
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
