/**
 * A tools/call request recognised without the SDK's zod schemas. Every message the SDK reads goes through six to eight
 * schema parses (JSONRPCMessageSchema in the transport, three `is…` checks in Protocol, CallToolRequestSchema twice,
 * the task check) before a handler runs, which costs more CPU than the whole Graph round trip of an update (npm run
 * bench). This check is conservative: whatever it accepts, those schemas accept too (test/mcp/json-rpc-checks.test.ts
 * proves it against them with generated messages); anything it does not accept (a task-augmented call, a related-task
 * id, an odd id) simply takes the SDK's own path.
 */
import type { CallToolRequest } from '@modelcontextprotocol/sdk/types.js';

/** The SDK's RELATED_TASK_META_KEY; a request that carries it is left to the SDK. */
const RELATED_TASK_META_KEY = 'io.modelcontextprotocol/related-task';
/** JSONRPCRequestSchema is strict: these are the only members a request may have. */
const REQUEST_MEMBERS = 4;

export type ToolCallMessage = CallToolRequest & { readonly jsonrpc: '2.0'; readonly id: string | number };

/** A JSON object as JSON.parse makes it (zod's `isPlainObject` accepts every such object). */
function isJsonObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.getPrototypeOf(value) === Object.prototype
  );
}

/** RequestIdSchema and ProgressTokenSchema: a string or a safe integer (zod's `int()`). */
function isIdentifier(value: unknown): value is string | number {
  return typeof value === 'string' || Number.isSafeInteger(value);
}

/**
 * True only for a JSON-RPC request `tools/call` that JSONRPCMessageSchema, JSONRPCRequestSchema and
 * CallToolRequestSchema all accept and that the SDK would hand to the tools/call handler as it is: no task, no related
 * task, arguments an object without an own `__proto__` (which zod's copy would drop).
 */
export function isPlainToolCall(message: unknown): message is ToolCallMessage {
  if (!isJsonObject(message)) return false;
  if (message.jsonrpc !== '2.0' || message.method !== 'tools/call' || !isIdentifier(message.id)) return false;
  let members = 0;
  for (const key in message) {
    if (key !== 'jsonrpc' && key !== 'id' && key !== 'method' && key !== 'params') return false;
    members += 1;
  }
  if (members !== REQUEST_MEMBERS) return false;
  const { params } = message;
  if (!isJsonObject(params) || typeof params.name !== 'string' || params.task !== undefined) return false;
  const args = params.arguments;
  if (args !== undefined && (!isJsonObject(args) || Object.hasOwn(args, '__proto__'))) return false;
  const meta = params._meta;
  if (meta === undefined) return true;
  if (!isJsonObject(meta) || meta[RELATED_TASK_META_KEY] !== undefined) return false;
  return meta.progressToken === undefined || isIdentifier(meta.progressToken);
}
