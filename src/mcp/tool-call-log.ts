/**
 * Tool calls as diagnostic lines on stderr. A shared (HTTP) server logs every call, as an audit line; a stdio server
 * logs only the calls that failed, so that an admin reading the client's log of the server after a failure finds it
 * there (the agent saw the error, the admin often did not). One line each, safe to log: what a caller sent is made
 * unable to forge another line, and the error text is scrubbed for the log before it is shortened.
 */

import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { scrubSecretsFromLog } from '../security/secret-scrubber.js';
import type { ToolCallRecord } from './server.js';

/** Every call of a shared server: who, which tool and profile, the outcome, Graph's request ids, and why it failed. */
export function describeToolCall(record: ToolCallRecord, userOf: (caller: AuthInfo | undefined) => string): string {
  const ids = record.clientRequestIds.length > 0 ? record.clientRequestIds.join(',') : '-';
  const line = `tool call: user=${userOf(record.caller)} tool=${logField(record.tool)} profile=${profileOf(record)} outcome=${outcomeOf(record)} client-request-id=${ids}`;
  const reason = record.result?.isError ? summary(record.result.content) : undefined;
  return reason ? `${line} reason="${reason}"` : line;
}

/** A call that failed (an error result, or refused as a protocol error), for a stdio server's log; else undefined. */
export function describeFailedCall(record: ToolCallRecord): string | undefined {
  const outcome = outcomeOf(record);
  if (outcome === 'ok') return undefined;
  const line = `tool call ${outcome === 'error' ? 'failed' : 'refused'}: tool=${logField(record.tool)} profile=${profileOf(record)}`;
  return record.result ? `${line} reason="${summary(record.result.content)}"` : line;
}

function outcomeOf(record: ToolCallRecord): 'ok' | 'error' | 'rejected' {
  if (record.result === undefined) return 'rejected';
  return record.result.isError ? 'error' : 'ok';
}

function profileOf(record: ToolCallRecord): string {
  return typeof record.args.id === 'string' ? logField(record.args.id) : '-';
}

/** What a caller sent, made safe for one log line: no line breaks or quotes to forge another entry with. */
function logField(value: string): string {
  const safe = value.replace(/[^\w.:@-]/g, '?');
  return cut(safe, 80) || '?';
}

/**
 * The first line of the error text, Graph's error code and the start of its message when there are, and the line
 * with Graph's request ids (what Microsoft support asks for), on one line without quotes or control characters.
 * Scrubbed for the log before it is cut or its quotes replaced: a secret cut in half, or with its escapes blanked
 * out, would no longer be recognised (in reveal mode the result text carries enrollment secrets).
 */
function summary(content: CallToolResult['content']): string {
  const result = content.find((block): block is { type: 'text'; text: string } => block.type === 'text')?.text;
  const text = scrubSecretsFromLog(result ?? '');
  const [first = '', ...rest] = text.split('\n');
  const graphError = rest.find((line) => line.startsWith('Graph error '));
  const ids = rest.find((line) => line.includes('client-request-id:'));
  const parts = [first, graphError && cut(graphError, GRAPH_ERROR_CHARACTERS), ids].filter(Boolean);
  return cut(
    parts
      .join(' | ')
      .replace(/["\\\p{Cc}]/gu, ' ')
      .trim(),
    SUMMARY_CHARACTERS,
  );
}

/** Graph's message can be long (Intune puts a JSON document in it): its start is enough to recognise it. */
const GRAPH_ERROR_CHARACTERS = 160;
const SUMMARY_CHARACTERS = 500;

function cut(text: string, most: number): string {
  return text.length > most ? `${text.slice(0, most)}…` : text;
}
